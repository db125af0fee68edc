#!/usr/bin/env python3
"""tests/dig/golden/check-rf.py STRATA CASES: the redundancy factor is one number with one
definition (write/rank.c, rank_redundancy), shown the same everywhere. On every golden case,
the RF of the dig summary line, of report.md (first page, executive summary, Appendix D), of
report.html and of topology.json ("factor", with "implementations" / "roles" and the
"members" list) must be the same. At least one case must leave copies or suspects out of
the count (so the cleaned number differs from a count of every stateful implementation),
or the test would not tell the two definitions apart."""
import json
import os
import re
import subprocess
import sys
import tempfile

strata, cases = sys.argv[1:3]
failed = checked = cleaned = 0


def one(pattern, text, what):
    """The groups of the single match of pattern in text; None (a failure) when it is not
    there exactly once."""
    found = re.findall(pattern, text)
    if len(found) != 1:
        print(f"check-rf: {what}: expected one match of {pattern!r}, found {len(found)}")
        return None
    return found[0]


with tempfile.TemporaryDirectory(prefix="strata-rf.") as tmp:
    for name in sorted(os.listdir(cases)):
        tree = os.path.join(cases, name, "input")
        if not os.path.isdir(tree) or os.path.exists(os.path.join(cases, name, "expected", "exit-code")):
            continue
        out = os.path.join(tmp, name)
        run = subprocess.run([strata, "dig", tree, "-o", out, "--no-cache", "--no-svg"],
                             capture_output=True, text=True)
        if run.returncode != 0:
            print(f"check-rf: {name}: strata dig exited {run.returncode}: {run.stderr[:500]}")
            failed += 1
            continue
        with open(os.path.join(out, "report.md"), encoding="utf-8") as f:
            md = f.read()
        with open(os.path.join(out, "report.html"), encoding="utf-8") as f:
            html = f.read()
        with open(os.path.join(out, "topology.json"), encoding="utf-8") as f:
            rf = json.load(f)["redundancy"]
        want = (rf["implementations"], rf["roles"], f'{rf["factor"]:.2f}')
        seen = {
            "summary": one(r"allocation sites?, RF (\d+\.\d\d)\n", run.stdout, f"{name}: summary"),
            "report.md first page": one(r"\nRF = rows / roles = (\d+) / (\d+) = \*\*(\d+\.\d\d)\*\*", md,
                                        f"{name}: report.md"),
            "report.md summary": one(r"\*\*Redundancy Factor\*\*: RF = I / R = (\d+) / (\d+) = \*\*(\d+\.\d\d)\*\*",
                                     md, f"{name}: report.md"),
            "report.md appendix D": one(r"Inputs: I = (\d+), R = (\d+)\. Result: RF = (\d+\.\d\d) ", md,
                                        f"{name}: report.md"),
            "report.html": one(r"RF = rows / roles = (\d+) / (\d+) = <b>(\d+\.\d\d)</b>", html, f"{name}: report.html"),
        }
        for where, got in seen.items():
            checked += 1
            if got is None:
                failed += 1
                continue
            got = (got,) if isinstance(got, str) else got
            exp = want[-1:] if len(got) == 1 else (str(want[0]), str(want[1]), want[2])
            if tuple(got) != tuple(exp):
                print(f"check-rf: {name}: {where} shows {' / '.join(got)}, topology.json {' / '.join(map(str, exp))}")
                failed += 1
        checked += 1
        if len(rf.get("members", ())) != rf["implementations"] or sum(rf["per_role"].values()) != rf["implementations"]:
            print(f"check-rf: {name}: topology.json's members ({len(rf.get('members', ()))}) and per_role "
                  f"({sum(rf['per_role'].values())}) do not add up to implementations ({rf['implementations']})")
            failed += 1
        left = one(r"Not counted in I: (\d+) cop[a-z]+ .*?, (\d+) suspects? ", md, f"{name}: report.md appendix D")
        if left and (int(left[0]) or int(left[1])):
            cleaned += 1
if not cleaned:
    print("check-rf: no case leaves copies or suspects out of the RF: the check cannot tell the definitions apart")
    failed += 1
print(f"check-rf: {checked} checks, {cleaned} cases with copies or suspects left out, {failed} failed")
sys.exit(1 if failed else 0)

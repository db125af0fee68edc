#!/usr/bin/python3
"""Score `strata dig` against the labels: precision, role, first link, recall per tree.

Usage: score.py WORK [TREE ...] [--markdown] [--compare OLD] [--size N] [--trees FILE]
                [--labels DIR]
  WORK  the folder run.sh wrote, one sub-folder per tree (WORK/TREE/topology.json)
  TREE  trees to score (default: every development tree of trees.txt that has WORK/TREE,
        so rule work never shows a held-out tree's labels by accident; `all`: the
        held-out ones too, as at a stop's end; a held-out tree named here is scored)
  --markdown  the per-tree tables with every sampled item (for docs/accuracy.md);
              without it, one summary line per tree and the items that need a judgment
  --compare OLD  also score OLD (another run.sh folder, e.g. the tool before a change)
              and list per tree what moved: ratios, and each judged item or recall
              entry that went from right to wrong or back

Precision counts the judged sampled implementations that are allocators; role and first
link count, among those, the ones the tool got right; recall counts the labelled
allocators (found without the tool) that the tool reports as an allocation entry of some
implementation. Sampled implementations with no judgment are listed as "needs judgment"
and left out of every ratio. Exit status: 0, or 1 when some sampled item needs judgment,
2 on an error.
"""

import argparse
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import acc  # noqa: E402


def cell(text):
    """A Markdown table cell: no pipes, no newlines."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def mark(ok):
    return "-" if ok is None else ("yes" if ok else "**no**")


def summary_line(name, s):
    return (f"| {name} | {s['implementations']} | {len(s['rows'])} | "
            f"{acc.pct(s['precision'])} | {acc.pct(s['role'])} | {acc.pct(s['first'])} | "
            f"{acc.pct(s['recall'])} | {len(s['unjudged'])} |")


SUMMARY_HEAD = ("| tree | implementations | sampled | precision | role | first link | recall "
                "| needs judgment |\n|---|---:|---:|---|---|---|---|---:|")


# Issue 11's bars per tree: precision, role, first link, recall.
MUST = (0.90, 0.85, 0.85, 0.85)
TARGET = (0.97, 0.95, 0.95, 0.95)


def meets(s, bars):
    """True when every ratio with a denominator reaches its bar."""
    pairs = (s["precision"], s["role"], s["first"], s["recall"])
    return all(den == 0 or num >= bar * den for (num, den), bar in zip(pairs, bars))


def bars_line(scores):
    must = sum(meets(s, MUST) for _, s in scores)
    target = sum(meets(s, TARGET) for _, s in scores)
    return (f"\nIssue 11's bars: must (precision 90%, role 85%, first link 85%, recall 85%) met "
            f"on {must} of {len(scores)} trees; target (97/95/95/95) on {target}.")


def tree_tables(tree, s):
    out = [f"### {tree['name']} ({tree['repo']} `{tree['commit'][:12]}`"
           f"{'' if tree['folder'] == '.' else ', folder ' + tree['folder']})", "",
           f"{len(s['rows'])} of {s['implementations']} implementations, seed {tree['seed']}: "
           f"precision {acc.pct(s['precision'])}, role {acc.pct(s['role'])}, "
           f"first link {acc.pct(s['first'])}; recall {acc.pct(s['recall'])}.", "",
           "| id | main entry (file:function) | tool role | tool first link | verdict "
           "| role | link | reason (our reading) |",
           "|---|---|---|---|---|---|---|---|"]
    for r in s["rows"]:
        lab = r["label"]
        if lab is None:
            out.append(f"| {r['id']} | `{cell(r['key'])}` | {r['tool_role']} | "
                       f"`{cell(r['tool_first'])}` | needs judgment | | | |")
            continue
        verdict = "allocator" if lab["verdict"] == "yes" else lab["verdict"][3:]
        want = "" if lab["verdict"] != "yes" else \
            f" (is {'/'.join(lab['roles'])}; first {'/'.join(lab['firsts'])})"
        out.append(f"| {r['id']} | `{cell(r['key'])}` | {r['tool_role']} | "
                   f"`{cell(r['tool_first'])}` | {verdict} | {mark(r.get('role_ok'))} | "
                   f"{mark(r.get('first_ok'))} | {cell(lab['reason'] + want)} |")
    out += ["", "Recall (allocators found by reading and grep, not by the tool):", "",
            "| allocator entry | role | reported | tool role | reason |", "|---|---|---|---|---|"]
    for r in s["recall_rows"]:
        lab = r["label"]
        found = f"{r['impl']} ({r['kind']})" if r["found"] else "**missing**"
        trole = r.get("tool_role", "")
        if r["found"] and not r["role_ok"]:
            trole = f"**{trole}**"
        out.append(f"| `{cell(lab['key'])}` | {'/'.join(lab['roles'])} | {found} | {trole} | "
                   f"{cell(lab['reason'])} |")
    return "\n".join(out)


def outcomes(s):
    """{item: right?} for every judged sampled item (three facets) and recall entry."""
    out = {}
    for r in s["rows"]:
        lab = r["label"]
        if lab is None:
            continue
        out[("allocator", r["key"])] = lab["verdict"] == "yes"
        if lab["verdict"] == "yes":
            out[("role", r["key"])] = r["role_ok"]
            out[("first link", r["key"])] = r["first_ok"]
    for r in s["recall_rows"]:
        out[("recall", r["label"]["key"])] = r["found"]
    return out


def compare_lines(name, old, new):
    """What moved on one tree between two runs: ratios, then items that changed."""
    lines = [f"{name}: " + ", ".join(
        f"{what} {acc.pct(old[key])} -> {acc.pct(new[key])}"
        for what, key in (("precision", "precision"), ("role", "role"),
                          ("first link", "first"), ("recall", "recall")))]
    a, b = outcomes(old), outcomes(new)
    for item in sorted(set(a) | set(b)):
        was, now = a.get(item), b.get(item)
        if was == now:
            continue
        word = {None: "not drawn", True: "right", False: "wrong"}
        lines.append(f"  {item[0]:10} {item[1]}: {word[was]} -> {word[now]}")
    return lines


def score_all(work, picked, args):
    """(tree, scores) for every picked tree dug under work."""
    scores = []
    for t in picked:
        try:
            topo = acc.load_topology(os.path.join(work, t["name"]))
            labels = acc.load_labels(acc.labels_path(t["name"], args.labels))
        except (OSError, ValueError, acc.LabelError) as e:
            acc.die(str(e))
        scores.append((t, acc.score_tree(topo, labels, t["seed"], args.size)))
    return scores


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("work")
    ap.add_argument("trees", nargs="*")
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--compare", metavar="OLD")
    ap.add_argument("--size", type=int, default=acc.SAMPLE_SIZE)
    ap.add_argument("--trees", dest="trees_file", help="the trees file (default: trees.txt beside this script)")
    ap.add_argument("--labels", help="the labels folder (default: labels/ beside this script)")
    args = ap.parse_intermixed_args()
    try:
        trees = acc.read_trees(args.trees_file)
    except (OSError, acc.LabelError) as e:
        acc.die(str(e))
    known = {t["name"] for t in trees}
    every = args.trees == ["all"]
    for name in args.trees:
        if name not in known and not every:
            acc.die(f"{name}: not in trees.txt")
    picked = [t for t in trees if (t["name"] in args.trees if args.trees and not every else
                                   os.path.isdir(os.path.join(args.work, t["name"])) and
                                   (every or not t["held_out"]))]
    if not picked:
        acc.die(f"{args.work}: no dug tree of trees.txt in it")
    scores = score_all(args.work, picked, args)
    print(SUMMARY_HEAD)
    for t, s in scores:
        print(summary_line(t["name"], s))
    print(bars_line(scores))
    if args.compare:
        both = [t for t in picked if os.path.isdir(os.path.join(args.compare, t["name"]))]
        old = dict((t["name"], s) for t, s in score_all(args.compare, both, args))
        print(f"\nagainst {args.compare}:")
        for t, s in scores:
            if t["name"] in old:
                print("\n".join(compare_lines(t["name"], old[t["name"]], s)))
    if args.markdown:
        for t, s in scores:
            print()
            print(tree_tables(t, s))
    unjudged = [(t["name"], r) for t, s in scores for r in s["unjudged"]]
    if unjudged:
        print(f"\nneeds judgment ({len(unjudged)}; not counted above):")
        for name, r in unjudged:
            print(f"  {name}: {r['key']}  ({r['id']}, {r['tool_role']}, "
                  f"first {r['tool_first']})")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

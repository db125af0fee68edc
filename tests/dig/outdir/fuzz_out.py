#!/usr/bin/env python3
"""tests/dig/outdir/fuzz_out.py STRATA FAULTY CASES [ROUNDS] [SEED]: OUT handling, fuzzed.

Each round builds a world at random -- OUT missing, empty, an earlier strata output, a
format-0 output, or something that is not strata's (an output plus a user file, an edited
report, a user folder with odd names, a copied or foreign marker, a file, links), with
orphans beside it (whole format-0 outputs and empty folders, which are strata's, and user folders
that only look like them, with strata's names in them too; the killed digs add strata's
half-written and half-removed folders) -- then runs up to two digs of another tree into OUT,
each killed with SIGKILL at a random step (FAULTY: strata_faulty.c) or not at all, and
finally one clean dig. After every run it asserts the rules of dig/write/outdir.c:
  - no user file or folder is ever removed or changed;
  - an OUT that strata may not replace is left exactly as it was, and an unkilled dig
    into it exits 2;
  - a replaceable OUT is at every moment the whole old OUT (or missing, if it was) or the
    whole new output, never a mix;
  - the clean dig exits 0 and leaves OUT equal to the reference output and nothing of
    strata's beside it (refused: exit 2, the world as it was but for strata's orphans).
Deterministic for a seed; a failure prints the seed, the round and the world.
"""
import hashlib
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

strata, faulty, cases = sys.argv[1:4]
rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 60
seed = int(sys.argv[5]) if len(sys.argv) > 5 else 1
rng = random.Random(seed)
tmp = tempfile.mkdtemp(prefix="strata-fuzz.")
failures = 0
checks = 0


def check(ok, what):
    global failures, checks
    checks += 1
    if not ok:
        failures += 1
        print(f"fuzz_out: seed {seed}, round {rnd}: {what}", file=sys.stderr)
    return ok


def snap(root):
    """Every entry under root: relative path -> ('d',) | ('f', sha) | ('l', target)."""
    out = {}
    if not os.path.lexists(root):
        return None
    if os.path.islink(root):
        return {"": ("l", os.readlink(root))}
    if not os.path.isdir(root):
        with open(root, "rb") as f:
            return {"": ("f", hashlib.sha1(f.read()).hexdigest())}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            p = os.path.join(dirpath, name)
            rel = os.path.relpath(p, root)
            if os.path.islink(p):
                out[rel] = ("l", os.readlink(p))
                if name in dirnames:
                    dirnames.remove(name)
            elif os.path.isdir(p):
                out[rel] = ("d",)
            else:
                with open(p, "rb") as f:
                    out[rel] = ("f", hashlib.sha1(f.read()).hexdigest())
    return out


def run(exe, tree, out, kill=0):
    env = dict(os.environ)
    env.pop("STRATA_FAULT_AT", None)
    if kill:
        env["STRATA_FAULT_AT"] = str(kill)
    p = subprocess.run([exe, "dig", tree, "-o", out, "-q", "--no-svg"], env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return p.returncode, p.stderr.decode("utf-8", "replace")


def odd_name():
    return rng.choice(["notes.txt", "report.md", ".strata-root", "a b", "new\nline", "caf\u00e9",
                       "x" * 40, ".hidden", "esc\x1b[31m", "facts.cache", "-dash"])


def user_tree(path, depth=0):
    os.mkdir(path)
    for _ in range(rng.randint(1, 4)):
        name = odd_name()
        p = os.path.join(path, name)
        if os.path.lexists(p):
            continue
        if depth < 2 and rng.random() < 0.3:
            user_tree(p, depth + 1)
        else:
            with open(p, "w") as f:
                f.write("user data %d\n" % rng.randint(0, 10**6))


# the trees and the reference outputs (absolute paths: the cache records the root)
v1 = os.path.join(tmp, "v1")
v2 = os.path.join(tmp, "v2")
shutil.copytree(os.path.join(cases, "mach-kalloc", "input"), v1)
shutil.copytree(os.path.join(cases, "mach-kalloc", "input"), v2)
with open(os.path.join(v2, "more.c"), "w") as f:
    f.write("void *kalloc(unsigned long);\nint more(void) { return kalloc(8) != 0; }\n")
# a file read within 2 s of its mtime or ctime is racy in the fact cache (cache.c), which
# the next dig clears: let the trees age past that, so that every dig writes one cache
time.sleep(2.1)
ref = {}
for v, tree in (("v1", v1), ("v2", v2)):
    rc, err = run(strata, tree, os.path.join(tmp, "ref-" + v))
    if rc != 0:
        sys.exit("fuzz_out: reference dig failed: " + err)
    ref[v] = snap(os.path.join(tmp, "ref-" + v))

KINDS = ["missing", "empty", "output", "format0", "output+user", "edited", "user", "forged",
         "foreign-format", "file", "link-user", "link-dangling", "link-dir"]
rnd = 0
for rnd in range(rounds):
    world = os.path.join(tmp, "w%d" % rnd)
    os.mkdir(world)
    out = os.path.join(world, "out")
    kind = rng.choice(KINDS)
    replaceable = kind in ("missing", "empty", "output", "format0")
    if kind == "empty":
        os.mkdir(out)
    elif kind in ("output", "format0", "output+user", "edited", "foreign-format"):
        shutil.copytree(os.path.join(tmp, "ref-v1"), out, symlinks=True)
        if kind == "format0":
            os.unlink(os.path.join(out, ".strata-output"))
        elif kind == "output+user":
            with open(os.path.join(out, odd_name() + ".mine"), "w") as f:
                f.write("keep me\n")
        elif kind == "edited":
            with open(os.path.join(out, "report.md"), "a") as f:
                f.write("my note\n")
        elif kind == "foreign-format":
            m = os.path.join(out, ".strata-output")
            text = open(m).read().split("\n", 1)
            open(m, "w").write("strata-output %d\n" % rng.choice([0, 2, 7, 99]) + text[1])
    elif kind == "user":
        user_tree(out)
    elif kind == "forged":
        user_tree(out)
        shutil.copy(os.path.join(tmp, "ref-v1", ".strata-output"), out)
    elif kind == "file":
        open(out, "w").write("a file\n")
    elif kind == "link-user":
        user_tree(os.path.join(world, "mine"))
        os.symlink("mine", out)
    elif kind == "link-dangling":
        os.symlink("nowhere", out)
    elif kind == "link-dir":
        os.symlink(v2, out)
    # orphans beside OUT: users' look-alikes (kept), strata's partial ones (removable)
    strata_orphans = set()
    for _ in range(rng.randint(0, 3)):
        suffix = "".join(rng.choice("abcXYZ019") for _ in range(6))
        name = ".out.%s-%s" % (rng.choice(["tmp", "old"]), suffix)
        p = os.path.join(world, name)
        if os.path.lexists(p):
            continue
        r = rng.random()
        if r < 0.4:
            user_tree(p)
        elif r < 0.7:
            # strata's names without a marker: not provably strata's, so the user's
            os.mkdir(p)
            for art in rng.sample(["report.md", "topology.json", ".strata-root", "all-allocators.txt"],
                                  rng.randint(1, 3)):
                open(os.path.join(p, art), "w").write("partial\n")
        else:
            # a whole format-0 output, or an empty folder: strata's
            if rng.random() < 0.5:
                shutil.copytree(os.path.join(tmp, "ref-v1"), p)
                os.unlink(os.path.join(p, ".strata-output"))
            else:
                os.mkdir(p)
            strata_orphans.add(name)
    before = snap(world)
    users = {k: v for k, v in before.items()
             if not (replaceable and (k == "out" or k.startswith("out/")))
             and k.split("/")[0] not in strata_orphans}
    old_out = snap(out)
    desc = "world %s, orphans %s" % (kind, sorted(strata_orphans))

    for attempt in range(rng.randint(1, 2)):
        kill = 0 if rng.random() < 0.2 else rng.randint(1, 50)
        rc, err = run(faulty, v2, out, kill)
        after = snap(world)
        for k, v in users.items():
            check(after.get(k) == v, "%s: user entry %r removed or changed (kill %d, rc %d)" % (desc, k, kill, rc))
        now = snap(out)
        if replaceable:
            check(now == old_out or now == ref["v2"],
                  "%s: OUT is neither the old one nor the new one (kill %d, rc %d)" % (desc, kill, rc))
            if rc != -9:
                check(rc == 0 and now == ref["v2"], "%s: an unkilled dig exited %d: %s" % (desc, rc, err))
        else:
            check(now == old_out, "%s: an OUT not strata's was changed (kill %d, rc %d)" % (desc, kill, rc))
            if rc != -9:
                check(rc == 2 and "out" in err, "%s: an unkilled dig exited %d, not 2: %s" % (desc, rc, err))
        if rc == -9 or now == ref["v2"]:
            old_out = now  # the next run may start from either

    rc, err = run(strata, v2, out)
    after = snap(world)
    for k, v in users.items():
        check(after.get(k) == v, "%s: after the clean dig, user entry %r removed or changed" % (desc, k))
    if replaceable:
        check(rc == 0 and snap(out) == ref["v2"], "%s: the clean dig exited %d or wrote another output: %s"
              % (desc, rc, err))
        extra = {k.split("/")[0] for k in after} - {k.split("/")[0] for k in users} - {"out"}
        check(not extra, "%s: left beside OUT: %s (%s)" % (desc, sorted(extra), err.strip()))
    else:
        check(rc == 2, "%s: the clean dig into an OUT not strata's exited %d" % (desc, rc))
        extra = {k.split("/")[0] for k in after} - {k.split("/")[0] for k in before}
        check(not extra, "%s: a refused dig left %s" % (desc, sorted(extra)))
    shutil.rmtree(world)

shutil.rmtree(tmp)
print("fuzz_out: seed %d, %d rounds, %d checks, %d failed" % (seed, rounds, checks, failures))
sys.exit(1 if failures or checks == 0 else 0)

#!/usr/bin/python3
"""Self-test of the accuracy scorer on a made-up topology (ctest: dig.accuracy_scorer).

Checks the key of an implementation, the sample draw (size, determinism, independence
from id numbering), the label parser's errors, every ratio and exit status of score.py
on a tree whose right answers are known, and that the committed labels files parse. Exit 0 when every check passes.
"""

import json
import os
import subprocess
import sys
import tempfile
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import acc  # noqa: E402

CHECKS = [0, 0]  # passed, failed


def check(cond, what):
    CHECKS[0 if cond else 1] += 1
    if not cond:
        print(f"FAIL: {what}", file=sys.stderr)


def node(name, kind, file, impl):
    return {"name": name, "kind": kind, "file": file, "line": 1, "domain": "user",
            "implementation": impl}


def impl(n, entry, file, role, chain, funcs, amb=None):
    iid = f"impl{n}"
    return {"id": iid, "name": f"{entry} @ {file}", "role": role, "role_why": "test",
            "functions": [node(f, k, file, iid) for f, k in funcs],
            "backend_chain": chain, "chain_ambiguous": amb, "lower": [], "files": [file]}


def topology(impls):
    return {"schema": "strata.topology", "version": 1, "implementations": impls}


IMPLS = [
    impl(1, "malloc", "a.c", "general-purpose", ["malloc", "sbrk"],
         [("malloc", "alloc"), ("free", "free")]),
    impl(2, "kalloc", "k.c", "kernel general", ["kalloc"], [("kalloc", "alloc")]),
    impl(3, "obj_destroy", "d.c", "wrapper", ["obj_destroy"], [("obj_destroy", "wrapper-free")]),
    impl(4, "xmalloc", "x.c", "wrapper", ["xmalloc"], [("xmalloc", "wrapper-alloc")],
         amb={"callee": "malloc", "candidates": 2}),
    impl(5, "zalloc", "z.c", "fixed-size objects", ["zalloc", "kalloc"],
         [("zalloc", "alloc"), ("zfree", "free")]),
]

LABELS = """# test labels
[sample]
d.c:obj_destroy | no:destructor | - | - | d.c:1 frees the parts of an object
x.c:xmalloc | yes | wrapper | malloc | x.c:1 malloc or die
z.c:zalloc | yes | fixed-size | page_alloc | z.c:1 zone, pages from page_alloc
[recall]
a.c:malloc | yes | general-purpose | sbrk | a.c:1 first fit over sbrk
p.c:page_alloc | yes | page-level | none | p.c:1 a page bitmap
a.c:free | yes | general-purpose | sbrk | a.c:2 (a release entry: not an allocation entry)
"""


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def run_score(work, trees, labels, *extra):
    here = os.path.dirname(os.path.abspath(__file__))
    return subprocess.run([sys.executable, os.path.join(here, "score.py"), work,
                           "--trees", trees, "--labels", labels, *extra],
                          capture_output=True, text=True, check=False)


def test_keys_and_sample():
    check(acc.impl_key(IMPLS[0]) == "a.c:malloc", "key is file:entry")
    check(acc.first_link(IMPLS[0]) == "sbrk", "first link is the chain's second name")
    check(acc.first_link(IMPLS[1]) == "none", "a one-name chain has no first link")
    check(acc.first_link(IMPLS[3]) == "malloc", "an ambiguous chain's callee is the first link")
    topo = topology(IMPLS)
    s1 = [acc.impl_key(i) for i in acc.draw_sample(topo, 7, 3)]
    s2 = [acc.impl_key(i) for i in acc.draw_sample(topo, 7, 3)]
    check(len(s1) == 3 and len(set(s1)) == 3, "a sample of 3 distinct items")
    check(s1 == s2, "the same seed draws the same sample")
    renumbered = topology([dict(i, id=f"impl{9 - n}") for n, i in enumerate(IMPLS)][::-1])
    s3 = [acc.impl_key(i) for i in acc.draw_sample(renumbered, 7, 3)]
    check(s1 == s3, "the draw does not depend on id numbers or order")
    check(len(acc.draw_sample(topo, 7, 30)) == 5, "a small tree is sampled whole")
    seen = set()
    for seed in range(200):
        seen.update(acc.impl_key(i) for i in acc.draw_sample(topo, seed, 2))
    check(len(seen) == 5, "every item can be drawn")


def test_label_errors(tmp):
    bad = {
        "bad role": "[sample]\nx.c:f | yes | big | none | why\n",
        "bad verdict": "[sample]\nx.c:f | maybe | - | - | why\n",
        "no with role": "[sample]\nx.c:f | no:destructor | wrapper | - | why\n",
        "no reason": "[sample]\nx.c:f | yes | wrapper | none |\n",
        "no section": "x.c:f | yes | wrapper | none | why\n",
        "not a key": "[sample]\nf | yes | wrapper | none | why\n",
        "conflict": "[sample]\nx.c:f | yes | wrapper | none | why\n"
                    "[recall]\nx.c:f | yes | general-purpose | none | why\n",
    }
    for what, text in bad.items():
        path = os.path.join(tmp, "bad.txt")
        write(path, text)
        try:
            acc.load_labels(path)
            check(False, f"label error not caught: {what}")
        except acc.LabelError as e:
            check("bad.txt:" in str(e), f"label error names file:line: {what}")
    path = os.path.join(tmp, "good.txt")
    write(path, LABELS)
    labels = acc.load_labels(path)
    check(len(labels["recall"]) == 3, "three recall entries")
    check(labels["judgments"]["a.c:malloc"]["roles"] == ["general-purpose"],
          "recall entries are judgments too")


def test_scores(tmp):
    work = os.path.join(tmp, "work")
    os.makedirs(os.path.join(work, "t"))
    write(os.path.join(work, "t", "topology.json"), json.dumps(topology(IMPLS)))
    trees = os.path.join(tmp, "trees.txt")
    write(trees, "t owner/t 0123456789abcdef0123456789abcdef01234567 . 5\n")
    labels = os.path.join(tmp, "labels")
    os.makedirs(labels)
    write(os.path.join(labels, "t.txt"), LABELS)
    r = run_score(work, trees, labels)
    # Judged: malloc (yes, role ok, link ok), obj_destroy (no), xmalloc (yes, ok, ok),
    # zalloc (yes, role ok, link wrong); kalloc has no judgment.
    check(r.returncode == 1, f"an unjudged item makes exit 1 (got {r.returncode})")
    line = [x for x in r.stdout.splitlines() if x.startswith("| t |")]
    want = ("| t | 5 | 5 | 75% (3/4) | 100% (3/3) | 67% (2/3) | 33% (1/3) | 1 |")
    check(line == [want], f"summary line {line} != {want}")
    check("t: k.c:kalloc" in r.stdout, "the unjudged item is listed")
    check("met on 0 of 1 trees" in r.stdout, "a tree under the bars does not meet them")
    write(os.path.join(labels, "t.txt"),
          LABELS + "k.c:kalloc | yes | page-level | none | k.c:1 pages\n")
    r = run_score(work, trees, labels, "--markdown")
    check(r.returncode == 0, f"all judged: exit 0 (got {r.returncode}) {r.stderr}")
    check("| 80% (4/5) | 75% (3/4) | 75% (3/4) |" in r.stdout, "ratios with kalloc judged")
    check("**missing**" in r.stdout and "`p.c:page_alloc`" in r.stdout,
          "a missing recall entry is marked")
    # --compare: the same run against one where zalloc's first link is right and
    # p.c:page_alloc is found.
    old = os.path.join(tmp, "old")
    os.makedirs(os.path.join(old, "t"))
    better = [dict(i) for i in IMPLS]
    better[4] = impl(5, "zalloc", "z.c", "fixed-size objects", ["zalloc", "page_alloc"],
                     [("zalloc", "alloc"), ("zfree", "free")])
    better.append(impl(6, "page_alloc", "p.c", "page-level", ["page_alloc"],
                       [("page_alloc", "alloc")]))
    write(os.path.join(old, "t", "topology.json"), json.dumps(topology(better)))
    r = run_score(work, trees, labels, "--compare", old)
    check("first link z.c:zalloc: right -> wrong" in r.stdout, "compare: a link that broke")
    check("recall     p.c:page_alloc: right -> wrong" in r.stdout, "compare: a lost allocator")
    check("role       k.c:kalloc: wrong -> wrong" not in r.stdout, "compare: no unchanged item")
    # A held-out tree (below "# Held out") is scored only when asked: `all`, or by name.
    os.makedirs(os.path.join(work, "h"))
    write(os.path.join(work, "h", "topology.json"), json.dumps(topology(IMPLS)))
    write(os.path.join(labels, "h.txt"), LABELS)
    write(trees, "t owner/t 0123456789abcdef0123456789abcdef01234567 . 5\n# Held out\n"
          "h owner/h 0123456789abcdef0123456789abcdef01234567 . 5\n")
    r = run_score(work, trees, labels)
    check("| t |" in r.stdout and "| h |" not in r.stdout, "a held-out tree is left out by default")
    r = run_score(work, trees, labels, "all")
    check("| t |" in r.stdout and "| h |" in r.stdout, "`all` scores the held-out tree too")
    r = run_score(work, trees, labels, "h")
    check("| h |" in r.stdout and "| t |" not in r.stdout, "a held-out tree named is scored")
    write(os.path.join(labels, "t.txt"), "[sample]\nk.c:kalloc | yes | big | none | x\n")
    r = run_score(work, trees, labels)
    check(r.returncode == 2 and "t.txt:2" in r.stderr, "a bad labels file is an error")


def test_committed_labels():
    """trees.txt and every labels file parse, and every labels file names a tree."""
    names = {t["name"] for t in acc.read_trees()}
    folder = os.path.join(acc.HERE, "labels")
    for f in sorted(os.listdir(folder)):
        try:
            labels = acc.load_labels(os.path.join(folder, f))
            check(bool(labels["judgments"]), f"{f}: holds judgments")
        except acc.LabelError as e:
            check(False, str(e))
        check(f.endswith(".txt") and f[:-4] in names, f"{f}: a tree of trees.txt")


def test_bars():
    """The must bars: every ratio at or over its bar; a ratio with no denominator passes."""
    import score
    ok = {"precision": (9, 10), "role": (17, 20), "first": (0, 0), "recall": (17, 20)}
    check(score.meets(ok, score.MUST), "90/85/-/85 meets the must bars")
    check(not score.meets(ok, score.TARGET), "90/85/-/85 misses the target")
    check(not score.meets(dict(ok, recall=(16, 20)), score.MUST), "recall 80% misses the must")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        test_committed_labels()
        test_bars()
        test_keys_and_sample()
        test_label_errors(tmp)
        test_scores(tmp)
    print(f"selftest: {CHECKS[0]} checks passed, {CHECKS[1]} failed")
    return 1 if CHECKS[1] or not CHECKS[0] else 0


if __name__ == "__main__":
    raise SystemExit(main())

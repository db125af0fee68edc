#!/usr/bin/python3
"""Draw the sample of one tree's reported implementations and show what to judge.

Usage: sample.py TREE OUT [--seed N] [--size N] [--all] [--keys] [--trees FILE] [--labels DIR]
  TREE  a name from trees.txt (its seed is used unless --seed is given)
  OUT   the folder `strata dig` wrote (run.sh writes OUT = WORK/TREE)
  --all   show every sampled implementation, not only those without a judgment
  --keys  print only the keys, one a line

For each sampled implementation it prints the key, what the tool says (role and why,
backend chain, functions with file:line) and the judgment if the labels have one, so the
code can be read and a line added to labels/TREE.txt.
"""

import argparse
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import acc  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("tree")
    ap.add_argument("out")
    ap.add_argument("--seed", type=int)
    ap.add_argument("--size", type=int, default=acc.SAMPLE_SIZE)
    ap.add_argument("--all", action="store_true")
    ap.add_argument("--keys", action="store_true")
    ap.add_argument("--trees", dest="trees_file", help="the trees file (default: trees.txt beside this script)")
    ap.add_argument("--labels", help="the labels folder (default: labels/ beside this script)")
    args = ap.parse_args()
    trees = {t["name"]: t for t in acc.read_trees(args.trees_file)}
    if args.tree not in trees:
        acc.die(f"{args.tree}: not in trees.txt")
    seed = args.seed if args.seed is not None else trees[args.tree]["seed"]
    try:
        topo = acc.load_topology(args.out)
        labels = acc.load_labels(acc.labels_path(args.tree, args.labels))
    except (OSError, ValueError, acc.LabelError) as e:
        acc.die(str(e))
    sample = acc.draw_sample(topo, seed, args.size)
    print(f"# {args.tree}: {len(sample)} of {len(topo['implementations'])} implementations, "
          f"seed {seed}")
    for impl in sample:
        key = acc.impl_key(impl)
        lab = labels["judgments"].get(key)
        if args.keys:
            print(key)
            continue
        if lab is not None and not args.all:
            continue
        print(f"\n== {key}  ({impl['id']}: {impl['name']})")
        print(f"   role: {impl['role']} -- {impl['role_why']}")
        print(f"   chain: {' > '.join(impl['backend_chain'])}")
        if impl.get("chain_ambiguous"):
            print(f"   chain ambiguous: {impl['chain_ambiguous']}")
        print(f"   files: {' '.join(impl['files'][:6])}"
              f"{' ...' if len(impl['files']) > 6 else ''}")
        for f in impl["functions"]:
            print(f"   {f['kind']:14} {f['name']}  {f.get('file', '')}:{f.get('line', '')}")
        lower = ", ".join(f"{n['name']} ({n['kind']})" for n in impl["lower"])
        print(f"   lower: {lower or '-'}")
        if lab is not None:
            print(f"   JUDGED {lab['verdict']} {'/'.join(lab['roles'])} "
                  f"{'/'.join(lab['firsts'])}: {lab['reason']}")


if __name__ == "__main__":
    main()

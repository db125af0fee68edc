"""Shared pieces of the accuracy evaluation: trees, samples, labels, scores.

The evaluation compares what `strata dig` reports (topology.json) with judgments made by
reading the code (labels/TREE.txt). Nothing here feeds the tool: the labels are only read
by score.py. The rules a judgment follows are in README.md.

A reported implementation is keyed by its main entry point, `file:function` (the file of
the function node named in the implementation's `name`), so a judgment survives re-runs
that renumber the implementations. A sample is a uniform draw, with the tree's recorded
seed, from the implementations sorted by that key.
"""

import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# The tool's role names, mapped to the label vocabulary (issue 11, item 2). "kernel general"
# is the general-purpose role in the kernel domain; the domain is not scored here.
TOOL_ROLE = {
    "general-purpose": "general-purpose",
    "kernel general": "general-purpose",
    "fixed-size objects": "fixed-size",
    "page-level": "page-level",
    "resource map": "resource-map",
    "early-boot": "early-boot",
    "wrapper": "wrapper",
}
ROLES = set(TOOL_ROLE.values())

# Node kinds that make a function an allocation entry of its implementation (recall).
ENTRY_KINDS = {"alloc", "wrapper-alloc", "backend"}

# The classes of a "no" verdict.
NOT_CLASSES = {"destructor", "release-only", "forwarder", "lock", "accessor", "constructor",
               "other"}

SAMPLE_SIZE = 30


class LabelError(Exception):
    """A labels file that does not follow the format; the message names file:line."""


def read_trees(path=None):
    """The trees file: a list of dicts name, repo, commit, folder, seed, held_out (the
    trees below its "# Held out" line, which rule work never reads)."""
    path = path or os.path.join(HERE, "trees.txt")
    trees = []
    held_out = False
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.startswith("# Held out"):
                held_out = True
            line = line.split("#", 1)[0].split()
            if not line:
                continue
            if len(line) != 5:
                raise LabelError(f"{path}:{n}: want 5 fields, got {len(line)}")
            name, repo, commit, folder, seed = line
            trees.append({"name": name, "repo": repo, "commit": commit, "folder": folder,
                          "seed": int(seed), "held_out": held_out})
    return trees


def load_topology(out_dir):
    """topology.json of one dig, checked for the schema this reads."""
    path = os.path.join(out_dir, "topology.json")
    with open(path, encoding="utf-8") as f:
        topo = json.load(f)
    if topo.get("schema") != "strata.topology" or topo.get("version") != 1:
        raise LabelError(f"{path}: not a strata.topology version 1 file")
    return topo


def main_entry(impl):
    """The function node of an implementation's main entry point (named in `name`)."""
    entry, _, first_file = impl["name"].partition(" @ ")
    named = [f for f in impl["functions"] if f["name"] == entry]
    for f in named:
        if f.get("file") == first_file:
            return f
    if named:
        return named[0]
    return {"name": entry, "file": first_file, "kind": "?"}


def impl_key(impl):
    """`file:function` of the main entry point: the key judgments are stored under."""
    node = main_entry(impl)
    return f"{node['file']}:{node['name']}"


def first_link(impl):
    """The tool's first backend link: the chain's second name, else the ambiguous callee
    the chain stopped at (the tool named it, with several candidate definitions), else
    `none`."""
    chain = impl.get("backend_chain") or []
    if len(chain) > 1:
        return chain[1]
    amb = impl.get("chain_ambiguous")
    if amb and amb.get("callee"):
        return amb["callee"]
    return "none"


def draw_sample(topo, seed, size=SAMPLE_SIZE):
    """A uniform sample (without replacement) of implementations, in key order.

    The implementations are ordered by key first, so the draw depends only on the set of
    keys and the seed, not on the tool's id numbering.
    """
    impls = sorted(topo["implementations"], key=lambda i: (impl_key(i), i["id"]))
    rng = random.Random(seed)
    picks = sorted(rng.sample(range(len(impls)), min(size, len(impls))))
    return [impls[i] for i in picks]


def parse_label_line(path, n, line):
    """One judgment line: KEY | VERDICT | ROLE | FIRST | REASON."""
    parts = [p.strip() for p in line.split("|", 4)]
    if len(parts) != 5 or not all(parts[:4]) or not parts[4]:
        raise LabelError(f"{path}:{n}: want KEY | VERDICT | ROLE | FIRST | REASON")
    key, verdict, role, first, reason = parts
    if ":" not in key:
        raise LabelError(f"{path}:{n}: key {key!r} is not file:function")
    if verdict == "yes":
        roles = role.split("/")
        bad = [r for r in roles if r not in ROLES]
        if bad:
            raise LabelError(f"{path}:{n}: unknown role {bad[0]!r} (one of {sorted(ROLES)})")
        firsts = first.split("/")
    else:
        kind, _, cls = verdict.partition(":")
        if kind != "no" or cls not in NOT_CLASSES:
            raise LabelError(f"{path}:{n}: verdict {verdict!r} is not yes or no:CLASS "
                             f"({', '.join(sorted(NOT_CLASSES))})")
        if role != "-" or first != "-":
            raise LabelError(f"{path}:{n}: a no verdict has role and first link '-'")
        roles, firsts = [], []
    return {"key": key, "verdict": verdict, "roles": roles, "firsts": firsts,
            "reason": reason, "where": f"{os.path.basename(path)}:{n}"}


def load_labels(path):
    """A labels file: {'judgments': {key: label}, 'recall': [label, ...]}.

    `[sample]` lines judge reported implementations; `[recall]` lines are allocators found
    without the tool (they also serve as judgments when a sample draws their key). A key
    judged twice must get the same verdict, roles and first links.
    """
    judgments, recall = {}, []
    section = None
    if not os.path.exists(path):
        return {"judgments": judgments, "recall": recall}
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            if line.strip() in ("[sample]", "[recall]"):
                section = line.strip()[1:-1]
                continue
            if section is None:
                raise LabelError(f"{path}:{n}: a judgment before [sample] or [recall]")
            label = parse_label_line(path, n, line)
            if section == "recall":
                if label["verdict"] != "yes":
                    raise LabelError(f"{path}:{n}: a recall entry is an allocator (yes)")
                recall.append(label)
            old = judgments.get(label["key"])
            if old is None:
                judgments[label["key"]] = label
            elif (old["verdict"], old["roles"], old["firsts"]) != \
                    (label["verdict"], label["roles"], label["firsts"]):
                raise LabelError(f"{path}:{n}: {label['key']} judged differently at "
                                 f"{old['where']}")
    return {"judgments": judgments, "recall": recall}


def labels_path(tree_name, labels_dir=None):
    """labels/TREE.txt beside this file, or in labels_dir."""
    return os.path.join(labels_dir or os.path.join(HERE, "labels"), f"{tree_name}.txt")


def find_entry(topo, key):
    """The implementation that holds `file:function` as an allocation entry, or None."""
    file, _, name = key.rpartition(":")
    for impl in topo["implementations"]:
        for f in impl["functions"]:
            if f["name"] == name and f.get("file") == file and f["kind"] in ENTRY_KINDS:
                return impl, f
    return None


def score_tree(topo, labels, seed, size=SAMPLE_SIZE):
    """Scores of one tree: the sample rows, the recall rows and the ratios."""
    rows = []
    for impl in draw_sample(topo, seed, size):
        key = impl_key(impl)
        lab = labels["judgments"].get(key)
        role = TOOL_ROLE.get(impl["role"], impl["role"])
        link = first_link(impl)
        row = {"id": impl["id"], "key": key, "tool_role": role, "tool_first": link,
               "label": lab}
        if lab is not None and lab["verdict"] == "yes":
            row["role_ok"] = role in lab["roles"]
            row["first_ok"] = link in lab["firsts"]
        rows.append(row)
    recall_rows = []
    for lab in labels["recall"]:
        hit = find_entry(topo, lab["key"])
        r = {"label": lab, "found": hit is not None}
        if hit:
            impl, node = hit
            r["impl"] = impl["id"]
            r["kind"] = node["kind"]
            r["tool_role"] = TOOL_ROLE.get(impl["role"], impl["role"])
            r["role_ok"] = r["tool_role"] in lab["roles"]
        recall_rows.append(r)
    judged = [r for r in rows if r["label"] is not None]
    real = [r for r in judged if r["label"]["verdict"] == "yes"]
    return {
        "implementations": len(topo["implementations"]),
        "rows": rows,
        "recall_rows": recall_rows,
        "judged": len(judged),
        "unjudged": [r for r in rows if r["label"] is None],
        "precision": ratio(len(real), len(judged)),
        "role": ratio(sum(r["role_ok"] for r in real), len(real)),
        "first": ratio(sum(r["first_ok"] for r in real), len(real)),
        "recall": ratio(sum(r["found"] for r in recall_rows), len(recall_rows)),
    }


def ratio(num, den):
    return (num, den)


def pct(pair):
    num, den = pair
    return "n/a" if den == 0 else f"{100.0 * num / den:.0f}% ({num}/{den})"


def die(msg):
    print(f"{os.path.basename(sys.argv[0])}: {msg}", file=sys.stderr)
    sys.exit(2)

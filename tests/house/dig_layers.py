#!/usr/bin/env python3
"""tests/house/dig_layers.py ROOT: strata dig's file layering, checked from the source.

For each folder below, every .c file's uses of functions defined (non-static) in another
.c file of the folder are edges of a file graph; comments and string literals are ignored.
  dig/model  the files must call only into files listed before them in
             dig/model/sources.cmake (pipeline order: data, then the stages, then build.c),
             so there is no cycle and every dependency points down the pipeline; and no
             function may be longer than MAX_FUNC_LINES lines;
  dig/scan   the file graph must have no cycle.
A .c file may include only headers. Exit 0 when all hold, 1 with one line per violation.
"""
import os
import re
import sys

MAX_FUNC_LINES = 120

IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# A function definition starts at column 0 (the house style), its name before the first
# '(' of the line, and the line does not end a declaration.
DEF = re.compile(r"^(static\s+)?(?!typedef|struct\s+\w+\s*\{|enum|union|return|if|for|while)"
                 r"[A-Za-z_][^;=(]*?\b([A-Za-z_]\w*)\s*\(")


def strip(text):
    """The text with comments, string and character literals blanked (newlines kept)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(c + " " * (min(j, n) - i - 1) + c)
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def functions(text):
    """(name, is_static, first line, last line) of each function defined in stripped text."""
    lines = text.split("\n")
    found = []
    i = 0
    while i < len(lines):
        m = DEF.match(lines[i])
        if not m or lines[i].rstrip().endswith(";"):
            i += 1
            continue
        # the signature may span lines; the body opens with '{' at column 0
        j = i
        while j < len(lines) and not lines[j].startswith("{") and not lines[j].rstrip().endswith(";"):
            j += 1
        if j >= len(lines) or not lines[j].startswith("{"):
            i += 1
            continue
        k = j
        while k < len(lines) and not lines[k].startswith("}"):
            k += 1
        found.append((m.group(2), bool(m.group(1)), i + 1, k + 1))
        i = k + 1
    return found


def folder_graph(root, folder, files):
    """Edges file -> files whose non-static functions it uses; lengths; include problems."""
    texts, defs, problems = {}, {}, []
    for f in files:
        with open(os.path.join(root, folder, f), encoding="utf-8", errors="replace") as fh:
            raw = fh.read()
        for inc in re.findall(r'^\s*#\s*include\s+"([^"]+)"', raw, re.M):
            if not inc.endswith(".h"):
                problems.append(f"{folder}/{f}: includes {inc}, which is no header")
        texts[f] = strip(raw)
        defs[f] = functions(texts[f])
    owner = {}
    for f, fl in defs.items():
        for name, is_static, _, _ in fl:
            if not is_static:
                owner[name] = f
    edges = {f: {} for f in files}
    for f in files:
        for name in set(IDENT.findall(texts[f])):
            g = owner.get(name)
            if g and g != f:
                edges[f][g] = name
    return edges, defs, problems


def cycle(edges):
    """One cycle of the graph as a list of files, or None."""
    state, stack = {}, []

    def visit(u):
        state[u] = 1
        stack.append(u)
        for v in sorted(edges[u]):
            if state.get(v) == 1:
                return stack[stack.index(v):] + [v]
            if v not in state:
                c = visit(v)
                if c:
                    return c
        stack.pop()
        state[u] = 2
        return None

    for u in sorted(edges):
        if u not in state:
            c = visit(u)
            if c:
                return c
    return None


def model_order(root):
    """The dig/model files in sources.cmake order."""
    with open(os.path.join(root, "dig/model/sources.cmake"), encoding="utf-8") as fh:
        return re.findall(r"^\s+model/(\w+\.c)\)?\s*$", fh.read(), re.M)


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    bad = []
    order = model_order(root)
    edges, defs, problems = folder_graph(root, "dig/model", order)
    bad += problems
    rank = {f: i for i, f in enumerate(order)}
    for f in order:
        for g, name in sorted(edges[f].items()):
            if rank[g] > rank[f]:
                bad.append(f"dig/model/{f} calls {name} of {g}, a later file of the pipeline")
        for name, _, first, last in defs[f]:
            if last - first + 1 > MAX_FUNC_LINES:
                bad.append(f"dig/model/{f}:{first}: {name} is {last - first + 1} lines (at most {MAX_FUNC_LINES})")
    scan = sorted(f for f in os.listdir(os.path.join(root, "dig/scan")) if f.endswith(".c"))
    edges, _, problems = folder_graph(root, "dig/scan", scan)
    bad += problems
    c = cycle(edges)
    if c:
        bad.append("dig/scan has a cycle: " + " -> ".join(c))
    nfuncs = sum(len(v) for v in defs.values())
    if nfuncs < 100 or len(order) < 5:
        bad.append(f"found only {nfuncs} functions in {len(order)} dig/model files: the parser is broken")
    for line in bad:
        print(line)
    if not bad:
        print(f"dig layers: {len(order)} dig/model files in pipeline order, {nfuncs} functions "
              f"of at most {MAX_FUNC_LINES} lines; {len(scan)} dig/scan files, no cycle")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

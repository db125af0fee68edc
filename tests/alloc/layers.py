#!/usr/bin/env python3
"""tests/alloc/layers.py: libstrata's layers stay in one order, without cycles.

The order (alloc/README.md): platform (page/, sync/, options, error, assert, version) -> stats
-> vmem (the arena engine) -> core -> slab (the engine of zone/slab*) -> faces (zone.c,
kalloc/, boot/, malloc/, the vmem and resource-map faces) -> topology.c (above every
face). Each file of alloc/ may include only headers of its own layer or below, and may
call no function of a layer above it by its prefix (core_, slab_, zone_ ... ). The faces
see the slab engine through slab.h, slab_fast.h and slab_cache.h only, never its private
slab_impl.h. Every function whose name ends in _locked opens with
ASSERT(sync_lock_held(...)) (STYLE.md §5: preconditions in the comment and an assert).
Prints one line per breach, "N files, M breaches", and exits 1 on any.

Usage: layers.py SOURCE_ROOT
"""
import os
import re
import sys

LAYERS = ["platform", "stats", "vmem", "core", "slab", "face", "top"]

# The layer of every file of alloc/ (first matching rule).
FILE_RULES = [
    (r"alloc/topology\.c$", "top"),
    (r"alloc/(page|sync)/", "platform"),
    (r"alloc/(options|error|assert|version)\.(c|h|def)$", "platform"),
    (r"alloc/stats/", "stats"),
    (r"alloc/vmem/(vmem|vmem_verify)\.c$", "vmem"),
    (r"alloc/vmem/vmem_impl\.h$", "vmem"),
    (r"alloc/vmem/(vmem_face|rmap)\.c$", "face"),
    (r"alloc/core\.(c|h)$", "core"),
    (r"alloc/zone/slab[a-z_]*\.(c|h)$", "slab"),
    (r"alloc/zone/zone\.c$", "face"),
    (r"alloc/(kalloc|boot|malloc)/", "face"),
]

# Function prefixes owned by a layer: a call by a lower layer is a breach.
CALL_PREFIXES = {
    "core": "core",
    "slab": "slab",
    "zone": "face",
    "kalloc": "face",
    "malloc": "face",
    "boot": "face",
}

# Headers of the slab engine the faces may include.
FACE_SLAB_HEADERS = {"alloc/zone/slab.h", "alloc/zone/slab_fast.h", "alloc/zone/slab_cache.h"}


def layer_of(path):
    for pattern, layer in FILE_RULES:
        if re.search(pattern, path):
            return layer
    return None


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    text = re.sub(r"//[^\n]*", "", text)
    return re.sub(r'"(\\.|[^"\\\n])*"', '""', text)


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    files = []
    for base, _dirs, names in os.walk(os.path.join(root, "alloc")):
        for name in names:
            if name.endswith((".c", ".h")):
                files.append(os.path.relpath(os.path.join(base, name), root))
    breaches = []
    for path in sorted(files):
        mine = layer_of(path)
        if mine is None:
            breaches.append(f"{path}: no layer (add a rule to tests/alloc/layers.py)")
            continue
        rank = LAYERS.index(mine)
        with open(os.path.join(root, path), encoding="utf-8") as f:
            raw = f.read()
        for n, line in enumerate(raw.splitlines(), 1):
            m = re.match(r'\s*#\s*include\s+"(alloc/[^"]+)"', line)
            if not m:
                continue
            header = m.group(1)
            theirs = layer_of(header)
            if theirs is None:
                breaches.append(f"{path}:{n}: includes {header}, which has no layer")
            elif LAYERS.index(theirs) > rank:
                breaches.append(f"{path}:{n}: {mine} layer includes {header} ({theirs} layer, above it)")
            elif mine == "face" and theirs == "slab" and header not in FACE_SLAB_HEADERS:
                breaches.append(f"{path}:{n}: a face includes the slab engine's private {header}")
        lines = raw.splitlines()
        for n, line in enumerate(lines, 1):
            m = re.match(r"^(?:static\s+)?[a-z].*?\b([a-z0-9_]+_locked)\(", line)
            if not m or line.rstrip().endswith(";"):
                continue
            k = n
            while k < len(lines) and lines[k - 1].strip() != "{":
                k += 1
            first = lines[k].strip() if k < len(lines) else ""
            if not first.startswith("ASSERT(sync_lock_held("):
                breaches.append(f"{path}:{n}: {m.group(1)} does not open with ASSERT(sync_lock_held(...))")
        code = strip_comments(raw)
        for n, line in enumerate(code.splitlines(), 1):
            for m in re.finditer(r"\b([a-z]+)_[a-z0-9_]+\s*\(", line):
                owner = CALL_PREFIXES.get(m.group(1))
                if owner and LAYERS.index(owner) > rank:
                    breaches.append(f"{path}:{n}: {mine} layer calls {m.group(0)[:-1].strip()} ({owner} layer, above it)")
    for b in breaches:
        print(b)
    print(f"{len(files)} files, {len(breaches)} breaches")
    return 1 if breaches or not files else 0


if __name__ == "__main__":
    sys.exit(main())

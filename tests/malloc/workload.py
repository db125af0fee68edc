#!/usr/bin/env python3
# tests/malloc/workload.py SCALE: an allocation-heavy, deterministic Python program for the
# real-program tests and the bench (bench/run-malloc). It builds and drops many small
# objects (dicts, tuples, strings, instances), grows and shrinks lists and byte buffers
# (realloc chains), does big-integer arithmetic (cfrac-style), and round-trips JSON; it
# prints checksums only, so two runs under different allocators must print the same.
import hashlib
import json
import random
import sys

scale = int(sys.argv[1]) if len(sys.argv) > 1 else 1
rng = random.Random(20240611)


class Node:
    __slots__ = ("key", "left", "right", "payload")

    def __init__(self, key, payload):
        self.key = key
        self.left = None
        self.right = None
        self.payload = payload


def tree_insert(root, key, payload):
    if root is None:
        return Node(key, payload)
    node = root
    while True:
        if key < node.key:
            if node.left is None:
                node.left = Node(key, payload)
                return root
            node = node.left
        else:
            if node.right is None:
                node.right = Node(key, payload)
                return root
            node = node.right


def tree_sum(root):
    total, stack = 0, [root]
    while stack:
        node = stack.pop()
        if node is None:
            continue
        total = (total * 31 + node.key + len(node.payload)) % (1 << 61)
        stack.append(node.left)
        stack.append(node.right)
    return total


def phase_objects():
    digest = hashlib.sha256()
    for round_ in range(6 * scale):
        table = {}
        for i in range(40000):
            key = "k%d_%d" % (rng.randrange(1 << 20), i)
            table[key] = (i, key.upper(), [i] * (i % 7))
        keys = sorted(table)
        for k in keys[::3]:
            del table[k]
        digest.update(repr(sorted(table.items())[:50]).encode())
        digest.update(str(len(table)).encode())
    return digest.hexdigest()[:16]


def phase_tree():
    root = None
    for i in range(60000 * scale):
        root = tree_insert(root, rng.randrange(1 << 30), "x" * rng.randrange(1, 64))
    return tree_sum(root)


def phase_buffers():
    digest = hashlib.sha256()
    bufs = [bytearray() for _ in range(64)]
    for i in range(200000 * scale):
        b = bufs[i % 64]
        if rng.random() < 0.8:
            b.extend(bytes([i & 255]) * rng.randrange(1, 300))
        else:
            del b[: len(b) // 2]
        if len(b) > 1 << 18:
            digest.update(bytes(b[:64]))
            bufs[i % 64] = bytearray()
    for b in bufs:
        digest.update(bytes(b))
    return digest.hexdigest()[:16]


def phase_bigint():
    # continued-fraction style arithmetic on growing integers (cfrac's allocation pattern)
    n = 10 ** 60 + 7
    a, b, acc = 1, 1, 0
    for i in range(20000 * scale):
        a, b = b, (a * 3 + b * (i % 97 + 1)) % (n * n)
        acc ^= (a * b) % n
    return acc % 1000000007


def phase_json():
    docs = []
    for i in range(3000 * scale):
        docs.append({"id": i, "name": "item%d" % i, "tags": ["t%d" % (i % 13), "u%d" % (i % 7)],
                     "vals": [rng.random() for _ in range(i % 17)]})
    text = json.dumps(docs, sort_keys=True)
    back = json.loads(text)
    return len(text), sum(len(d["tags"]) + len(d["vals"]) for d in back)


print("objects", phase_objects())
print("tree", phase_tree())
print("buffers", phase_buffers())
print("bigint", phase_bigint())
print("json", phase_json())

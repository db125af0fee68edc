#!/usr/bin/env python3
# bench/malloc/dict.py SCALE: a dict-heavy Python workload for bench/run-malloc (`python-dict`):
# many small dicts built, merged, resized and dropped (records keyed by short strings, an
# index of dicts of lists, word counts, dict comprehensions), the pattern of interpreters and
# JSON-shaped data. Deterministic; prints checksums only, so every allocator must print the
# same. tests/malloc/workload.py is the general script (`python`).
import sys
import zlib

scale = int(sys.argv[1]) if len(sys.argv) > 1 else 1
seed = 987654321


def rnd():
    global seed
    seed = (seed * 6364136223846793005 + 1442695040888963407) & ((1 << 64) - 1)
    return seed >> 33


def crc(obj):
    return zlib.crc32(repr(obj).encode())


total = 0
for rep in range(3 * scale):
    # Records: one small dict each, grown key by key (several resizes per dict).
    records = []
    for i in range(60000):
        r = {"id": i, "name": "n%d" % (rnd() % 5000), "group": rnd() % 97}
        if i % 3 == 0:
            r["tags"] = {"t%d" % (rnd() % 20): True for _ in range(4)}
        if i % 5 == 0:
            r.update(extra=i * 2, more="x" * (i % 17), flag=bool(i & 1))
        records.append(r)
    # An index: dict of dicts of lists, filled and read back.
    index = {}
    for r in records:
        index.setdefault(r["group"], {}).setdefault(r["name"], []).append(r["id"])
    total += sum(len(v) for g in index.values() for v in g.values())
    # Word counts over generated text, then the top of the counts.
    counts = {}
    for _ in range(200000):
        w = "w%d" % (rnd() % 20000)
        counts[w] = counts.get(w, 0) + 1
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:20]
    total += crc(top)
    # Merges and comprehensions: new dicts from old ones, half of them dropped at once.
    merged = [dict(records[i], **records[i + 1]) for i in range(0, len(records) - 1, 2)]
    inverted = {v: k for k, v in counts.items() if v % 2}
    del records[::2]
    total += len(merged) + len(inverted) + crc(sorted(inverted.items())[:50])
    # Deletes: shrink a big dict key by key, refill it (dummy slots, then a rebuild).
    big = {i: str(i) for i in range(100000)}
    for i in range(0, 100000, 2):
        del big[i]
    for i in range(100000, 150000):
        big[i] = i
    total += len(big) + crc(list(big.items())[-10:])
    del records, index, counts, merged, inverted, big

print("dict checksum", total)

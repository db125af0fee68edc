#!/bin/sh
# tests/dig/scan/run-bounded.sh STRATA: one big file costs about what its functions cost
# spread over many files. Two generated worst cases -- one file of 200,000 functions, and a
# 15 MB C file on one line -- must dig under a CPU-time limit (ulimit -t 40 s), fifteen to
# twenty-five times what a linear dig of them takes (1.8 s and 2.8 s of CPU), where the quadratic
# stages they used to hit (a caller's function found by a walk over the file's functions;
# a linear search of tree-sitter's included ranges; the globals of a file scanned for each
# function; the implementations' next hop summed pairwise) took minutes. Not a timing
# test: the limit only tells "finishes" from "does not", with a wide margin.
set -u
strata=$1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/strata-bounded.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
checks=0
cd "$tmp" || exit 2

mkdir many line
python3 -c '
import sys
n = 200000
with open("many/all.c", "w") as f:
    f.write("void *kalloc(unsigned long n);\n")
    for i in range(n):
        f.write("int f%d(int x) { return f%d(x) + (kalloc(x) != 0); }\n" % (i, (i * 7 + 1) % n))
with open("line/line.c", "w") as f:
    f.write("void *kalloc(unsigned long n); ")
    i = size = 0
    while size < 15 * 1024 * 1024:
        s = "int h%d(int x){return kalloc(x)!=0;} " % i
        f.write(s)
        size += len(s)
        i += 1
    f.write("\n")
' || { echo "bounded: cannot generate the inputs"; exit 1; }

for t in many line; do
	( ulimit -t 40; exec "$strata" dig "$t" -o "out-$t" -q --no-svg --no-cache ) 2>"err-$t"
	rc=$?
	checks=$((checks + 1))
	if [ "$rc" -ne 0 ]; then
		echo "bounded: $t: exited $rc (over 40 s of CPU, or failed): $(cat "err-$t")"
		fail=1
	fi
	checks=$((checks + 1))
	grep -q 'kalloc' "out-$t/raw-allocation-sites.txt" || { echo "bounded: $t: no sites found"; fail=1; }
done

[ "$fail" -eq 0 ] && echo "bounded: $checks checks passed"
exit $fail

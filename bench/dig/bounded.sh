#!/bin/sh
# bench/dig/bounded.sh STRATA [STRATA_B] [ROUNDS]: the cost of one big file against the same
# functions spread over many files (issue 10, item 5), for one strata binary or two side
# by side (interleaved, ROUNDS rounds, default 3; medians).
#
# Cases, generated into a scratch folder:
#   one-40k    one file of 40,000 functions (each a call to another and to kalloc)
#   split-40k  the same 40,000 functions in 20 files
#   line-15M   a 15 MB C file on one line (small functions)
#   huge-300M  with HUGE=1 only: a 300 MB file, dug with --max-file-size 400M
# Each dig is cold (--no-cache, --no-svg). Reported: wall and CPU seconds (user + system),
# peak RSS, the size of the fact cache. A run over LIMIT CPU seconds (default 600) is
# stopped (ulimit -t) and shown as such.
set -eu
a=${1:?usage: bounded.sh STRATA [STRATA_B] [ROUNDS]}
b=${2:-}
rounds=${3:-3}
limit=${LIMIT:-600}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
command -v /usr/bin/time >/dev/null || { echo "bounded.sh: needs /usr/bin/time" >&2; exit 1; }

python3 - "$work" "${HUGE:-0}" <<'PY'
import os, sys
w, huge = sys.argv[1], sys.argv[2] == "1"
n = 40000
fn = lambda i: "int f%d(int x) { if (x > 3) return f%d(x - 1); return kalloc(x) != 0; }\n" % (i, (i * 7 + 1) % n)
head = "void *kalloc(unsigned long n);\n"
os.makedirs(w + "/one-40k"); os.makedirs(w + "/split-40k"); os.makedirs(w + "/line-15M")
with open(w + "/one-40k/all.c", "w") as f:
    f.write(head + "".join(fn(i) for i in range(n)))
for k in range(20):
    with open(w + "/split-40k/p%02d.c" % k, "w") as f:
        f.write(head + "".join(fn(i) for i in range(k * n // 20, (k + 1) * n // 20)))
with open(w + "/line-15M/line.c", "w") as f:
    f.write(head.strip() + " ")
    i = size = 0
    while size < 15 * 1024 * 1024:
        s = "int h%d(int x){return kalloc(x)!=0;} " % i
        f.write(s); size += len(s); i += 1
    f.write("\n")
if huge:
    os.makedirs(w + "/huge-300M")
    with open(w + "/huge-300M/huge.c", "w") as f:
        f.write(head)
        i = size = 0
        while size < 300 * 1000 * 1000:
            s = "int f%d(int x) { return f%d(x) + (kalloc(x) != 0); }\n" % (i, i + 1)
            f.write(s); size += len(s); i += 1
PY
cases="one-40k split-40k line-15M"
[ "${HUGE:-0}" = 1 ] && cases="$cases huge-300M"

: >"$work/results"
r=1
while [ "$r" -le "$rounds" ]; do
	for c in $cases; do
		for bin in A B; do
			exe=$a
			[ "$bin" = B ] && exe=$b
			[ -n "$exe" ] || continue
			rm -rf "$work/out"
			extra=
			[ "$c" = huge-300M ] && extra="--max-file-size 400M"
			rc=0
			( ulimit -t "$limit"; exec /usr/bin/time -f '%e %U %S %M' -o "$work/t" "$exe" dig "$work/$c" -o "$work/out" \
				-q --no-svg --no-cache $extra ) >/dev/null 2>&1 || rc=$?
			set -- $(tail -n 1 "$work/t")
			cache=0
			[ -f "$work/out/.strata-cache/facts.cache" ] && cache=$(stat -c %s "$work/out/.strata-cache/facts.cache")
			if [ "$rc" -ne 0 ] && [ "$rc" -ne 3 ]; then
				echo "$c $bin stopped $limit 0 0" >>"$work/results"
			else
				echo "$c $bin $1 $(echo "$2 + $3" | bc) $4 $cache" >>"$work/results"
			fi
		done
	done
	r=$((r + 1))
done

median() {
	awk -v c="$1" -v b="$2" -v k="$3" '$1 == c && $2 == b { print $k }' "$work/results" | sort -g |
		awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
echo "rounds: $rounds  load: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-10s %-3s %9s %9s %9s %11s\n' case bin wall-s cpu-s rss-MiB cache-MiB
for c in $cases; do
	for bin in A B; do
		[ "$bin" = B ] && [ -z "$b" ] && continue
		if grep -q "^$c $bin stopped" "$work/results"; then
			printf '%-10s %-3s %9s\n' "$c" "$bin" "over ${limit} CPU-s"
			continue
		fi
		printf '%-10s %-3s %9s %9s %9.0f %11.1f\n' "$c" "$bin" "$(median "$c" $bin 3)" "$(median "$c" $bin 4)" \
			"$(echo "$(median "$c" $bin 5) / 1024" | bc -l)" "$(echo "$(median "$c" $bin 6) / 1048576" | bc -l)"
	done
done

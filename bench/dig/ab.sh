#!/bin/sh
# bench/dig/ab.sh A B TREE [ROUNDS] [WORKDIR]: two strata binaries side by side on one tree.
#
# Per round, interleaved A, B: a cold dig (a fresh OUT, so no fact cache helps), then a
# warm one (the same OUT again: every file's facts from its fact cache). The measured tree
# is only read, never modified (not even an mtime).
# Wall time, CPU time and peak RSS from /usr/bin/time; medians over the rounds and the
# B/A ratios. Each binary has its own OUT (their fact caches may differ in format).
# Environment: JOBS (strata -j, default 0: all cores), ARGS (more strata dig options).
set -eu

a=${1:?usage: ab.sh A B TREE [ROUNDS] [WORKDIR]}
b=${2:?usage: ab.sh A B TREE [ROUNDS] [WORKDIR]}
tree=${3:?usage: ab.sh A B TREE [ROUNDS] [WORKDIR]}
rounds=${4:-3}
if [ -n "${5:-}" ]; then work=$5; mkdir -p "$work"; keep=1; else work=$(mktemp -d); keep=0; fi
cleanup() { [ "$keep" = 1 ] || rm -rf "$work"; }
trap cleanup EXIT INT TERM
command -v /usr/bin/time >/dev/null || { echo "ab.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
[ -d "$tree" ] || { echo "ab.sh: $tree: not a folder" >&2; exit 1; }
jobs=${JOBS:-0}
results=$work/results.txt
: >"$results"

# one NAME BIN MODE: run and record "NAME MODE wall cpu rss_kib"
one() {
	out=$work/out-$1
	[ "$3" = cold ] && rm -rf "$out"
	/usr/bin/time -f '%e %U %S %M' -o "$work/t" "$2" dig "$tree" -o "$out" -q --no-svg -j "$jobs" ${ARGS:-} \
		>/dev/null 2>"$work/err" || [ $? -eq 3 ] || { cat "$work/err" >&2; exit 1; }
	set -- "$1" "$3" $(tail -n 1 "$work/t")
	echo "$1 $2 $3 $(echo "$4 + $5" | bc) $6" >>"$results"
	echo "round $r: $1 $2: $3 s wall, $(echo "$4 + $5" | bc) CPU-s, $(($6 / 1024)) MiB" >&2
}

r=1
while [ "$r" -le "$rounds" ]; do
	for mode in cold warm; do
		one A "$a" "$mode"
		one B "$b" "$mode"
	done
	r=$((r + 1))
done

# median of a column for NAME MODE
median() {
	awk -v n="$1" -v m="$2" -v c="$3" '$1 == n && $2 == m { print $c }' "$results" | sort -g |
		awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
echo "tree: $tree  rounds: $rounds  load: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-5s %-4s %10s %10s %10s\n' mode bin wall-s cpu-s rss-MiB
for mode in cold warm; do
	for n in A B; do
		printf '%-5s %-4s %10s %10s %10.0f\n' "$mode" "$n" "$(median $n $mode 3)" "$(median $n $mode 4)" \
			"$(echo "$(median $n $mode 5) / 1024" | bc -l)"
	done
	printf '%-5s %-4s %10.2f %10.2f %10.2f\n' "$mode" B/A "$(echo "$(median B $mode 3) / $(median A $mode 3)" | bc -l)" \
		"$(echo "$(median B $mode 4) / $(median A $mode 4)" | bc -l)" "$(echo "$(median B $mode 5) / $(median A $mode 5)" | bc -l)"
done

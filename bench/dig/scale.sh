#!/bin/sh
# bench/dig/scale.sh: a sharded strata dig on one real tree, shard by shard, and its merge,
# beside one single-process dig of the same tree.
#
# Usage: bench/dig/scale.sh TREE [ROUNDS] [WORKDIR] [SHARDS...]
#   TREE     a C tree outside the project (e.g. /work/trees/minix318)
#   ROUNDS   rounds (default 1); medians are reported
#   WORKDIR  scratch folder (default: a fresh mktemp folder, removed at the end)
#   SHARDS   the shard counts to run (default: 1 2 4 8)
# Environment: STRATA (the binary; default build/strata), JOBS (strata -j, default all cores).
#
# Each round runs, one after another (as a cluster's nodes would, each alone on a machine):
#   single     strata dig TREE -o OUT, cold (a fresh OUT)
#   for each N: every shard I of N (strata dig TREE --shard I/N -o PART, cold: a fresh part
#              folder), then strata merge of the N parts (STRATA_DIG_TIMINGS=1: the time
#              of reading the parts -- the only work a merge has that a dig has not -- is
#              taken from its "scan" line); the merged artifacts are compared with the
#              single dig's (byte for byte, .strata-* apart), and a difference fails the run.
# Wall seconds, CPU seconds (user + system: what the load of a shared machine does not
# inflate) and peak RSS come from /usr/bin/time. The tree's size (lines, live calls,
# functions) is read from the single dig's topology.json.
set -eu

tree=${1:?usage: scale.sh TREE [ROUNDS] [WORKDIR] [SHARDS...]}
rounds=${2:-1}
here=$(cd "$(dirname "$0")/../.." && pwd)
strata=${STRATA:-$here/build/strata}
jobs=${JOBS:-0}
if [ -n "${3:-}" ]; then work=$3; mkdir -p "$work"; keep=1; else work=$(mktemp -d); keep=0; fi
shift $(($# < 3 ? $# : 3))
shards=${*:-1 2 4 8}
cleanup() { [ "$keep" = 1 ] || rm -rf "$work"; }
trap cleanup EXIT INT TERM
[ -d "$tree" ] || { echo "scale.sh: $tree: not a folder" >&2; exit 1; }
[ -x "$strata" ] || { echo "scale.sh: $strata: no strata binary (build first, or set STRATA)" >&2; exit 1; }
command -v /usr/bin/time >/dev/null || { echo "scale.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }

results=$work/results.txt
: >"$results"
# run KEY CMD...: time one command; record "KEY wall_s peak_KiB cpu_s". Exit 3 ("done,
# some inputs skipped") is a success.
run() {
	key=$1
	shift
	rc=0
	/usr/bin/time -f "%e %M %U %S" -o "$work/time.txt" "$@" >"$work/last.out" 2>"$work/last.err" || rc=$?
	[ "$rc" = 0 ] || [ "$rc" = 3 ] || { echo "scale.sh: $key failed ($rc):" >&2; tail -5 "$work/last.err" >&2; exit 1; }
	echo "$key $(tail -1 "$work/time.txt" | awk '{print $1, $2, $3 + $4}')" >>"$results"
}
# same A B: the artifacts of two outputs are identical.
same() {
	diff -r -x '.strata-*' "$1" "$2" >/dev/null
}

uptime_load() { awk '{print $1}' /proc/loadavg; }
echo "tree: $tree  cores: $(nproc)  jobs: $jobs  rounds: $rounds  shards: $shards  load: $(uptime_load)"
r=1
while [ "$r" -le "$rounds" ]; do
	rm -rf "$work/one"
	run single "$strata" dig "$tree" -o "$work/one" -j "$jobs" -q --no-svg
	for n in $shards; do
		i=0
		parts=
		while [ "$i" -lt "$n" ]; do
			rm -rf "$work/p$n.$i"
			run "shard.$n.$i" "$strata" dig "$tree" --shard "$i/$n" -o "$work/p$n.$i" -j "$jobs" -q
			sed -n 's/^facts-file \([0-9]*\) \([0-9]*\) .*/\1 \2/p' "$work/p$n.$i/part.manifest" >"$work/files.$n.$i"
			parts="$parts $work/p$n.$i"
			i=$((i + 1))
		done
		rm -rf "$work/m$n"
		# shellcheck disable=SC2086
		STRATA_DIG_TIMINGS=1 run "merge.$n" "$strata" merge $parts -o "$work/m$n" -q --no-svg
		# the "scan" line of a merge: reading and joining the parts (CPU so far, peak)
		sed -n 's/.*timing scan .*cpu *\([0-9.]*\).*peak *\([0-9]*\) MiB.*/\1 \2/p' "$work/last.err" >>"$work/load.$n"
		same "$work/one" "$work/m$n" || { echo "scale.sh: the merge of $n shards differs from one dig" >&2; exit 1; }
		rm -rf "$work/m$n"
		echo "round $r: $n shard(s) merged, identical to one dig  (load $(uptime_load))"
	done
	r=$((r + 1))
done

med() { sort -n | awk '{a[NR]=$1} END{ if (NR) print a[int((NR+1)/2)]; else print 0 }'; }
col() { awk -v k="$1" -v c="$2" '$1==k{print $c}' "$results" | med; }
python3 - "$work/one/topology.json" <<'PY' >"$work/size.txt"
import json, sys
s = json.load(open(sys.argv[1]))["scope"]
print(s["lines"], s["calls"], s["functions"], s["files"], s["bytes"])
PY
read -r lines calls funcs files bytes <"$work/size.txt"
s_wall=$(col single 2) s_rss=$(col single 3) s_cpu=$(col single 4)
echo
echo "tree: $files files, $bytes bytes, $lines lines, $calls live calls, $funcs functions"
printf 'single dig: wall %s s, cpu %s s, peak %.0f MiB\n' "$s_wall" "$s_cpu" "$(echo "$s_rss" | awk '{print $1/1024}')"
echo
printf '%-7s %-6s %8s %8s %9s %8s %10s\n' shards shard wall_s cpu_s peak_MiB files facts_MB
for n in $shards; do
	i=0
	while [ "$i" -lt "$n" ]; do
		read -r nf fb <"$work/files.$n.$i"
		printf '%-7s %-6s %8s %8s %9.0f %8s %10.1f\n' "$n" "$i" "$(col "shard.$n.$i" 2)" "$(col "shard.$n.$i" 4)" \
			"$(col "shard.$n.$i" 3 | awk '{print $1/1024}')" "$nf" "$(echo "$fb" | awk '{print $1/1e6}')"
		i=$((i + 1))
	done
done
echo
printf '%-7s %8s %8s %9s %12s %10s %12s %14s\n' shards wall_s cpu_s peak_MiB peak/single read_cpu_s read_peak_MiB merge_cpu_us/call
for n in $shards; do
	m_cpu=$(col "merge.$n" 4)
	printf '%-7s %8s %8s %9.0f %12.2f %10s %12s %14.2f\n' "$n" "$(col "merge.$n" 2)" "$m_cpu" \
		"$(col "merge.$n" 3 | awk '{print $1/1024}')" "$(col "merge.$n" 3 | awk -v s="$s_rss" '{print $1/s}')" \
		"$(awk '{print $1}' "$work/load.$n" | med)" "$(awk '{print $2}' "$work/load.$n" | med)" \
		"$(awk -v c="$m_cpu" -v k="$calls" 'BEGIN{print c*1e6/k}')"
done
echo
echo "per line: single dig $(awk -v r="$s_rss" -v l="$lines" 'BEGIN{printf "%.1f", r*1024/l}') bytes of peak RSS," \
	"$(awk -v c="$s_cpu" -v l="$lines" 'BEGIN{printf "%.2f", c*1e6/l}') CPU-us"

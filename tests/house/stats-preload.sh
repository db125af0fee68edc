#!/usr/bin/env bash
# tests/house/stats-preload.sh STRATA LIBSTRATA_SO: a program that knows nothing of strata,
# run on libstrata.so by LD_PRELOAD with STRATA_STATS=file:DIR/%p.dump, leaves a dump that
# `strata stats` reads: the program's name, its pid, its malloc calls, its options by name.
set -u
strata=$1 so=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/strata-preload.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
fail=0
seq 1 2000 | sort -r >"$tmp/in"
LD_PRELOAD=$so STRATA_STATS="file:$tmp/%p.dump" STRATA_THREADS=spin sort -n "$tmp/in" >"$tmp/sorted" 2>"$tmp/err" &
pid=$!
wait $pid || { echo "stats-preload: sort failed under libstrata"; cat "$tmp/err"; exit 1; }
[ -s "$tmp/err" ] && { echo "stats-preload: stderr not empty:"; cat "$tmp/err"; fail=1; }
[ "$(head -n 1 "$tmp/sorted")" = 1 ] || { echo "stats-preload: sort's output is wrong"; fail=1; }
dump=$tmp/$pid.dump
[ -f "$dump" ] || { echo "stats-preload: no $dump:"; ls "$tmp"; exit 1; }
"$strata" stats "$dump" >"$tmp/out" 2>"$tmp/serr" || { echo "stats-preload: strata stats failed:"; cat "$tmp/serr"; exit 1; }
grep -q "^program: sort, pid $pid$" "$tmp/out" || { echo "stats-preload: no program line"; head -3 "$tmp/out"; fail=1; }
grep -Eq '^malloc +malloc +[1-9][0-9]*$' "$tmp/out" || { echo "stats-preload: no malloc calls counted"; fail=1; }
grep -Eq '^STRATA_THREADS +spin$' "$tmp/out" || { echo "stats-preload: STRATA_THREADS not by name"; fail=1; }
[ "$fail" -eq 0 ] && echo "stats-preload: sort's dump ($(grep -E '^malloc +malloc' "$tmp/out" | awk '{print $3}') mallocs) read back by strata stats"
exit $fail

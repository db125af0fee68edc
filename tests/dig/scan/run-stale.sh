#!/bin/sh
# tests/dig/scan/run-stale.sh STRATA: queries answer for the files the last dig read. A dig
# with an exclude (with the cache, and with --no-cache) must leave no trace of the excluded
# file in `strata callers`. Exit 0 when so, 1 otherwise.
set -u
strata=$1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/strata-stale.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir -p "$tmp/t/a" "$tmp/t/b"
printf 'void *kalloc(unsigned long n) { static char h[100]; return h + n; }\n' > "$tmp/t/a/k.c"
printf 'int f(void) { return kalloc(1) != 0; }\n' > "$tmp/t/b/u.c"
fail=0
for mode in "" --no-cache; do
	"$strata" dig "$tmp/t" -o "$tmp/o" -q --no-svg || { echo "stale: first dig failed"; exit 1; }
	"$strata" callers kalloc -o "$tmp/o" > "$tmp/before.txt"
	grep -q '^b/u.c ' "$tmp/before.txt" || { echo "stale: b/u.c not a caller to begin with"; fail=1; }
	"$strata" dig "$tmp/t" -o "$tmp/o" -q --no-svg --exclude b $mode || { echo "stale: re-dig failed"; exit 1; }
	"$strata" callers kalloc -o "$tmp/o" > "$tmp/after.txt" 2>&1
	if grep -q 'b/u.c' "$tmp/after.txt"; then
		echo "stale: after a re-dig ${mode:-with the cache} excluding b, callers still lists b/u.c"
		fail=1
	fi
done
[ "$fail" = 0 ] && echo "stale: ok"
exit $fail

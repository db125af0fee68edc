#!/bin/sh
# tests/dig/scan/run-depth.sh STRATA CASES: the lexer's fast path must not change what
# strata dig finds. Every golden case (CASES/<case>/input) is dug twice, with the default
# depth (only files that define or use a deep word of the vocabulary are parsed) and with
# --deep all (every file parsed); the allocation artifacts must be byte-identical.
# Exit 0 when they are for every case, 1 with a diff otherwise.
set -u
strata=$1
cases=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/strata-depth.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
checked=0
for name in $(cd "$cases" && ls); do
	[ -d "$cases/$name/input" ] || continue
	"$strata" dig "$cases/$name/input" -o "$tmp/$name.fast" -q --no-cache --no-svg 2>/dev/null
	fast=$?
	"$strata" dig "$cases/$name/input" -o "$tmp/$name.all" -q --no-cache --no-svg --deep all 2>/dev/null
	all=$?
	if [ "$fast" != "$all" ]; then
		echo "depth: $name: exit $fast by default, $all with --deep all"
		fail=1
		continue
	fi
	for f in all-allocators.txt allocator-call-counts.csv raw-allocation-sites.txt allocator-features.txt \
	         dependency-traces.txt; do
		[ -f "$tmp/$name.all/$f" ] || continue
		checked=$((checked + 1))
		if ! diff -u "$tmp/$name.all/$f" "$tmp/$name.fast/$f"; then
			echo "depth: $name: $f differs (--deep all -, default +)"
			fail=1
		fi
	done
done
if [ "$checked" -eq 0 ]; then
	echo "depth: nothing compared"
	exit 1
fi
echo "depth: $checked artifacts compared, $([ $fail = 0 ] && echo all identical || echo some differ)"
exit $fail

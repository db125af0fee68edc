#!/bin/sh
# tests/dig/shard/run-merge-errors.sh STRATA CASES: strata merge refuses a bad set of
# parts with a clear error naming the part, exit 2, and writes nothing: OUT is not made
# when it did not exist, and an OUT from an earlier dig is left byte for byte as it was.
# The bad sets: a missing part folder, an unfinished part (no manifest), a part given
# twice, two parts of one shard, parts of different splits (overlapping shards), a missing
# shard, a corrupt manifest, corrupt facts, a truncated facts file, parts of another tree
# (a different DIR), parts dug with other options, and a merge given another vocabulary.
set -u
strata=$1
cases=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/strata-merge-errors.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
checks=0
tree=$cases/mach-kalloc/input
other=$cases/v7-rmap/input

dig_part() { # DIR I/N PART [OPTIONS]
	d=$1 s=$2 p=$3
	shift 3
	"$strata" dig "$d" --shard "$s" -o "$p" -q "$@" 2>/dev/null
	rc=$?
	[ "$rc" = 0 ] || [ "$rc" = 3 ] || { echo "merge-errors: dig --shard $s of $d exited $rc"; fail=1; }
}
dig_part "$tree" 0/2 "$tmp/p0"
dig_part "$tree" 1/2 "$tmp/p1"
dig_part "$tree" 0/3 "$tmp/q0"
dig_part "$other" 1/2 "$tmp/o1"
dig_part "$tree" 1/2 "$tmp/x1" --ext .c
printf '# a lock word: the same deep words, another vocabulary\nlock-mutex my_lock\n' >"$tmp/vocab"
dig_part "$tree" 1/2 "$tmp/v1" --vocab "$tmp/vocab"
mkdir "$tmp/empty"
cp -r "$tmp/p1" "$tmp/p1copy"
cp -r "$tmp/p1" "$tmp/badman"
printf 'diag x y\n' >>"$tmp/badman/part.manifest"
cp -r "$tmp/p1" "$tmp/badfacts"
size=$(wc -c <"$tmp/badfacts/facts.cache")
printf 'Z' | dd of="$tmp/badfacts/facts.cache" bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
cp -r "$tmp/p1" "$tmp/short"
head -c $((size - 9)) "$tmp/p1/facts.cache" >"$tmp/short/facts.cache"

# A good merge first: the parts are fine, and an OUT to keep.
"$strata" merge "$tmp/p0" "$tmp/p1" -o "$tmp/kept" -q --no-svg 2>"$tmp/err"
rc=$?
checks=$((checks + 1))
[ "$rc" = 0 ] || { echo "merge-errors: the good merge exited $rc"; cat "$tmp/err"; fail=1; }
(cd "$tmp/kept" && find . -type f | sort | xargs cat) >"$tmp/kept.before"

# bad WANT-IN-MESSAGE PART...: exit 2, a message naming what is wrong, nothing written.
bad() {
	want=$1
	shift
	checks=$((checks + 1))
	"$strata" merge "$@" -o "$tmp/new" -q --no-svg 2>"$tmp/err"
	rc=$?
	if [ "$rc" != 2 ]; then
		echo "merge-errors: merge $* exited $rc, expected 2"
		fail=1
	fi
	if ! grep -qF -- "$want" "$tmp/err"; then
		echo "merge-errors: merge $*: the message lacks '$want':"
		cat "$tmp/err"
		fail=1
	fi
	if [ -e "$tmp/new" ]; then
		echo "merge-errors: merge $*: wrote $tmp/new"
		fail=1
		rm -rf "$tmp/new"
	fi
	"$strata" merge "$@" -o "$tmp/kept" -q --no-svg 2>/dev/null
	(cd "$tmp/kept" && find . -type f | sort | xargs cat) >"$tmp/kept.after"
	cmp -s "$tmp/kept.before" "$tmp/kept.after" || { echo "merge-errors: merge $*: changed an existing OUT"; fail=1; }
}

bad "$tmp/nothere: missing part" "$tmp/p0" "$tmp/nothere"
bad "$tmp/empty: not a finished part" "$tmp/p0" "$tmp/empty"
bad "the same part given twice" "$tmp/p0" "$tmp/p1" "$tmp/p1"
bad "both are shard 1/2 (overlapping shards)" "$tmp/p0" "$tmp/p1" "$tmp/p1copy"
bad "shards of different splits overlap" "$tmp/p0" "$tmp/q0"
bad "shard 1/2 of" "$tmp/p0"
bad "is missing" "$tmp/p0"
bad "$tmp/badman: corrupt part (part.manifest does not match its checksum)" "$tmp/p0" "$tmp/badman"
bad "$tmp/badfacts: corrupt part (facts.cache does not match the checksum" "$tmp/p0" "$tmp/badfacts"
bad "$tmp/short: corrupt part" "$tmp/p0" "$tmp/short"
bad "(a different DIR)" "$tmp/p0" "$tmp/o1"
bad "$tmp/x1: dug with other options" "$tmp/p0" "$tmp/x1"
bad "$tmp/v1: dug with another vocabulary" "$tmp/p0" "$tmp/v1"
bad "$tmp/p0: dug with the built-in vocabulary" --vocab "$tmp/vocab" "$tmp/p0" "$tmp/p1"

[ "$fail" -eq 0 ] && echo "merge-errors: $checks checks, all as expected"
exit $fail

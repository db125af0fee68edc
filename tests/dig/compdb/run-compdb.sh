#!/bin/sh
# tests/dig/compdb/run-compdb.sh STRATA DIR: strata dig --compdb on the fixture DIR/input
# with DIR/compile_commands.json.in (@DIR@ made the fixture's absolute path).
#   - only the C files the database names are read (other/unbuilt.c is not), with every
#     header of the tree; the C++ entry is left out;
#   - src/main.c's build command says -Ilib_b: its "alloc.h" is lib_b's (by name alone it
#     ties with lib_a's), so its malloc call is renamed to b_malloc;
#   - src/cfg.c's says -DMALLOC=a_malloc: its MALLOC(n) call is a_malloc's;
#   - -D and -U decide #if conditions: main.c's #ifndef NDEBUG branch (-DNDEBUG) and
#     cfg.c's #ifdef NOPE branch (-DNOPE -U NOPE) are dead, so their calls are no sites;
#   - without --compdb the walk reads other/unbuilt.c and renames neither call, and both
#     #if branches are live (nothing in the tree decides them);
#   - --compdb in 2 shards, merged, equals the one dig;
#   - a database that is not JSON is an error naming FILE:LINE (exit 2).
set -u
strata=$1
dir=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/strata-compdb.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
checks=0
input=$(cd "$dir/input" && pwd)
sed "s|@DIR@|$input|g" "$dir/compile_commands.json.in" >"$tmp/cc.json"

has() { # WHAT FILE LINE: FILE holds LINE (a whole line)
	checks=$((checks + 1))
	grep -qxF -- "$3" "$2" || { echo "compdb: $1: $2 lacks: $3"; fail=1; }
}
lacks() { # WHAT FILE TEXT
	checks=$((checks + 1))
	! grep -qF -- "$3" "$2" || { echo "compdb: $1: $2 holds: $3"; fail=1; }
}
tab=$(printf '\t')

"$strata" dig "$input" --compdb "$tmp/cc.json" -o "$tmp/c" -q --no-svg 2>"$tmp/err" ||
	{ echo "compdb: dig --compdb failed:"; cat "$tmp/err"; fail=1; }
sites=$tmp/c/raw-allocation-sites.txt
has "-I" "$sites" "src/main.c:6${tab}get${tab}b_malloc${tab}impl2 b_malloc@lib_b/b.c:3${tab}malloc"
has "-D" "$sites" "src/cfg.c:4${tab}cfg_get${tab}a_malloc${tab}impl1 a_malloc@lib_a/a.c:3${tab}MALLOC"
lacks "unbuilt file" "$sites" "other/unbuilt.c"
lacks "-DNDEBUG decides #ifndef NDEBUG" "$sites" "get_debug"
lacks "-U NOPE decides #ifdef NOPE" "$sites" "cfg_nope"
checks=$((checks + 1))
grep -q '"files": 6,' "$tmp/c/topology.json" || { echo "compdb: not 6 files (4 sources, 2 headers)"; fail=1; }

"$strata" dig "$input" -o "$tmp/w" -q --no-svg 2>/dev/null
has "walk" "$tmp/w/raw-allocation-sites.txt" "other/unbuilt.c:4${tab}c_malloc${tab}sbrk${tab}external-backend sbrk${tab}-"
lacks "walk" "$tmp/w/raw-allocation-sites.txt" "b_malloc${tab}impl2 b_malloc@lib_b/b.c:3${tab}malloc"
checks=$((checks + 2))
grep -q "^src/main.c:13${tab}get_debug${tab}b_malloc${tab}" "$tmp/w/raw-allocation-sites.txt" ||
	{ echo "compdb: walk: #ifndef NDEBUG should be live"; fail=1; }
grep -q "^src/cfg.c:11${tab}cfg_nope${tab}a_malloc${tab}" "$tmp/w/raw-allocation-sites.txt" ||
	{ echo "compdb: walk: #ifdef NOPE should be live"; fail=1; }

for i in 0 1; do
	"$strata" dig "$input" --compdb "$tmp/cc.json" --shard "$i/2" -o "$tmp/p$i" -q 2>/dev/null ||
		{ echo "compdb: shard $i/2 failed"; fail=1; }
done
"$strata" merge "$tmp/p0" "$tmp/p1" -o "$tmp/m" -q --no-svg 2>"$tmp/err" || { echo "compdb: merge failed"; cat "$tmp/err"; fail=1; }
checks=$((checks + 1))
diff -r -x .strata-cache "$tmp/c" "$tmp/m" >/dev/null || { echo "compdb: merged shards differ from one dig"; fail=1; }

printf '[\n  { "file": "a.c",\n    "directory": oops }\n]\n' >"$tmp/bad.json"
"$strata" dig "$input" --compdb "$tmp/bad.json" -o "$tmp/b" -q 2>"$tmp/err"
rc=$?
checks=$((checks + 1))
[ "$rc" = 2 ] && grep -qF "$tmp/bad.json:3: unexpected character" "$tmp/err" ||
	{ echo "compdb: a bad database exited $rc:"; cat "$tmp/err"; fail=1; }

[ "$fail" -eq 0 ] && echo "compdb: $checks checks, all as expected"
exit $fail

#!/usr/bin/env bash
# tests/house/cli-excludes.sh STRATA: the default excludes are never silent. A tree with
# C files under external/ and build/ (and a .git): dig names external and build in one
# note on stderr and reads neither; .git is skipped without a note; with
# --no-default-excludes the files are read and no note is printed.
set -u
strata=$1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/strata-excl.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
fail=0
mkdir -p "$tmp/t/external/lib" "$tmp/t/build" "$tmp/t/.git" "$tmp/t/src"
echo 'void *xmalloc(unsigned long n) { return malloc(n); }' >"$tmp/t/src/a.c"
echo 'void *lib_alloc(unsigned long n) { return malloc(n); }' >"$tmp/t/external/lib/b.c"
echo 'int gen(void) { return 1; }' >"$tmp/t/build/gen.c"
echo 'int hook(void) { return 1; }' >"$tmp/t/.git/hook.c"

"$strata" dig "$tmp/t" -o "$tmp/o1" --no-svg >"$tmp/out1" 2>"$tmp/err1" || { echo "dig failed"; cat "$tmp/err1"; exit 1; }
grep -q '^strata: note: the default excludes skipped build, external (--no-default-excludes reads them)$' "$tmp/err1" ||
	{ echo "cli-excludes: no note naming build and external:"; cat "$tmp/err1"; fail=1; }
grep -q '\.git' "$tmp/err1" && { echo "cli-excludes: the note names .git"; fail=1; }
grep -q '^strata: 1 file ' "$tmp/out1" || { echo "cli-excludes: expected 1 file read:"; cat "$tmp/out1"; fail=1; }

"$strata" dig "$tmp/t" -o "$tmp/o2" --no-svg --no-default-excludes >"$tmp/out2" 2>"$tmp/err2" || { echo "dig failed"; cat "$tmp/err2"; exit 1; }
grep -q 'note' "$tmp/err2" && { echo "cli-excludes: a note without default excludes:"; cat "$tmp/err2"; fail=1; }
grep -q '^strata: 4 files ' "$tmp/out2" || { echo "cli-excludes: expected 4 files read:"; cat "$tmp/out2"; fail=1; }

# a user --exclude of the same folder: the user asked, no note for it
"$strata" dig "$tmp/t" -o "$tmp/o3" --no-svg --exclude external --exclude build >/dev/null 2>"$tmp/err3"
grep -q 'note' "$tmp/err3" && { echo "cli-excludes: a note for folders the user excluded:"; cat "$tmp/err3"; fail=1; }
[ "$fail" -eq 0 ] && echo "cli-excludes: note printed, names build and external, not .git; none when excluded by hand"
exit $fail

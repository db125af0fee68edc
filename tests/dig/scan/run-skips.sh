#!/bin/sh
# tests/dig/scan/run-skips.sh STRATA: inputs the walk skips -- a dangling link, a link loop,
# a link leaving the tree -- are listed on stderr, counted in the summary line, and make
# the exit status 3 ("done, some inputs skipped"); a tree without them exits 0. A folder
# reached through a link and by its real path is read once, under the real path, and is
# no skip.
set -u
strata=$1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/strata-skips.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
checks=0
cd "$tmp" || exit 2

mkdir -p t/src
printf 'void *kalloc(unsigned long n) { static char h[64]; return h + n; }\n' >t/src/k.c
printf 'void *malloc(unsigned long);\nint f(void) { return malloc(1) != 0; }\n' >t/src/f.c
ln -s src t/alias                    # a second name: not a skip

"$strata" dig t -o out --no-svg >sum 2>err
rc=$?
checks=$((checks + 1))
if [ "$rc" -ne 0 ] || grep -q 'skipped (listed' sum || grep -q alias err; then
	echo "skips: a tree with only a second name exited $rc: $(cat sum err)"
	fail=1
fi
checks=$((checks + 1))
[ "$(grep -c '^src/f.c:' out/raw-allocation-sites.txt)" = 1 ] && ! grep -q '^alias/' out/raw-allocation-sites.txt ||
	{ echo "skips: the aliased folder was not read once under its real path"; fail=1; }

ln -s nowhere.c t/dangling.c
ln -s .. t/src/up
ln -s /etc/hostname t/outside.c
"$strata" dig t -o out --no-svg >sum 2>err
rc=$?
checks=$((checks + 1))
[ "$rc" -eq 3 ] || { echo "skips: exited $rc with three inputs skipped, not 3"; fail=1; }
checks=$((checks + 1))
grep -q '3 other inputs skipped' sum || { echo "skips: the summary does not say so: $(cat sum)"; fail=1; }
for what in 'dangling.c: dangling' 'src/up: symbolic link loop' 'outside.c: symbolic link leaves'; do
	checks=$((checks + 1))
	grep -q "^$what" err || { echo "skips: stderr does not list '$what': $(cat err)"; fail=1; }
done

[ "$fail" -eq 0 ] && echo "skips: $checks checks passed"
exit $fail

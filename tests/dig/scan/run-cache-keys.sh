#!/bin/sh
# tests/dig/scan/run-cache-keys.sh STRATA: the fact cache through `strata dig`, as a user
# meets it. The cache is keyed on the files' content, so an edit that keeps the size and
# puts the mtime back (touch -r), a file copied over another with cp -p, and a tree
# unpacked from tar are read again and answer for what is on disk now; a byte flipped in a
# record of OUT's cache is said on stderr (the file named) and the file parsed again, the
# output still OUT's to replace. Queries answer from the new output each time.
set -u
strata=$1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/strata-keys.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
checks=0
cd "$tmp" || exit 2

# callers NAME: the callers' files, one per line
callers() {
	"$strata" callers "$1" -o out 2>/dev/null | cut -d' ' -f1 | sort -u | tr '\n' ' '
}

# expect WHAT WANT GOT
expect() {
	checks=$((checks + 1))
	if [ "$2" != "$3" ]; then
		echo "keys: $1: expected '$2', got '$3'"
		fail=1
	fi
}

mkdir t
printf 'void *kalloc(unsigned long n) { static char h[64]; return h + n; }\n' >t/k.c
printf 'void *kalloc(unsigned long);\nint f(void) { return kalloc(1) != 0; }\n' >t/b.c
printf 'void *kalloc(unsigned long);\nint g(void) { return malloc(1) != 0; }\n' >t/c.c
# old enough that the cache may take them on their times (a file read within 2 s of its
# mtime or ctime is racy and always read again)
sleep 2.1
"$strata" dig t -o out -q --no-svg || { echo "keys: the first dig failed"; exit 1; }
expect "callers at first" "t/b.c " "$(callers kalloc | sed 's/^/t\//')"

# 1. a same-length edit, mtime put back
cp -p t/b.c b.orig
sed -i 's/kalloc(1)/malloc(1)/' t/b.c
touch -r b.orig t/b.c
checks=$((checks + 1))
[ "$(stat -c '%s %Y' t/b.c)" = "$(stat -c '%s %Y' b.orig)" ] || { echo "keys: the edit changed size or mtime"; fail=1; }
"$strata" dig t -o out -q --no-svg
expect "dig after touch -r" 0 $?
expect "callers after a same-length edit, mtime put back" "" "$(callers kalloc)"

# 2. cp -p of the old bytes back over it (size and mtime of the old file)
cp -p b.orig t/b.c
"$strata" dig t -o out -q --no-svg
expect "dig after cp -p" 0 $?
expect "callers after cp -p" "b.c " "$(callers kalloc)"

# 3. tar: the tree unpacked again (new inodes and ctimes, the same times and bytes), with
#    one file edited inside the archive at the same length and mtime
sed 's/malloc(1)/kalloc(1)/' t/c.c >c.new
touch -r t/c.c c.new
cp -p c.new t/c.c
tar cf t.tar t
rm -rf t
tar xf t.tar
"$strata" dig t -o out -q --no-svg
expect "dig after tar" 0 $?
expect "callers after tar" "b.c c.c " "$(callers kalloc)"

# 4. a byte flipped inside c.c's record in OUT's cache: said, parsed again
off=$(grep -abo 'c\.c' out/.strata-cache/facts.cache | head -n 1 | cut -d: -f1)
checks=$((checks + 1))
if [ -z "$off" ]; then
	echo "keys: c.c not found in the cache"
	fail=1
else
	python3 -c 'import sys
p, o = sys.argv[1], int(sys.argv[2])
b = bytearray(open(p, "rb").read()); b[o] ^= 1; open(p, "wb").write(b)' out/.strata-cache/facts.cache $((off + 3 + 44 + 8))
	"$strata" dig t -o out -q --no-svg 2>err
	expect "dig with a damaged record" 0 $?
	checks=$((checks + 1))
	grep -q '^c\.c: .*damaged' err || { echo "keys: no line names the damaged record: $(cat err)"; fail=1; }
	expect "callers after a damaged record" "b.c c.c " "$(callers kalloc)"
	"$strata" dig t -o out -q --no-svg 2>err
	checks=$((checks + 1))
	! grep -q damaged err || { echo "keys: the damaged record was not rewritten"; fail=1; }
fi

[ "$fail" -eq 0 ] && echo "keys: $checks checks passed"
exit $fail

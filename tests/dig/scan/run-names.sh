#!/bin/sh
# tests/dig/scan/run-names.sh STRATA: a file name must not be able to fake a diagnostic or
# send the terminal escapes. Names with a newline, ESC, a C1 control and bytes that are not
# UTF-8 are put where strata names them on stderr -- a skipped file's diagnostic, a dangling
# link, a refused -o, an option value, a query name -- and stderr must hold no raw control
# byte but newline ending each message, no line that a name began, and valid UTF-8.
set -u
strata=$1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/strata-names.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
checks=0
cd "$tmp" || exit 2

nl='
'
esc=$(printf '\033')
c1=$(printf '\302\233')          # U+009B, CSI to some terminals
mkdir t
printf 'void *kalloc(unsigned long n) { static char h[64]; return h + n; }\n' >t/k.c
# a binary file whose name holds a newline and a fake diagnostic after it
printf 'x\000y' >"t/evil${nl}strata: fake.c"
printf 'x\000y' >"t/${esc}[2Jclear${c1}.c"
printf 'x\000y' >"$(printf 't/bad\377byte.c')"
ln -s nowhere "t/dang${nl}ling.c"

# check WHAT FILE: no raw control byte but newlines, no line begun by a name, valid UTF-8
check() {
	checks=$((checks + 1))
	if LC_ALL=C grep -q "$(printf '[\001-\011\013-\037\177]')" "$2"; then
		echo "names: $1: a raw control byte on stderr:"
		od -c "$2" | head -5
		fail=1
	fi
	checks=$((checks + 1))
	if grep -q '^strata: fake\.c\|^ling\.c' "$2"; then
		echo "names: $1: a name began a line of its own:"
		cat "$2"
		fail=1
	fi
	checks=$((checks + 1))
	python3 -c 'import sys; open(sys.argv[1], "rb").read().decode("utf-8")' "$2" 2>/dev/null ||
		{ echo "names: $1: stderr is not UTF-8"; fail=1; }
}

"$strata" dig t -o out -q --no-svg 2>err1
check "diagnostics" err1
checks=$((checks + 1))
grep -q 'evil\\nstrata: fake\.c: binary' err1 && grep -q 'dang\\nling\.c: dangling' err1 &&
	grep -q '\\x1b\[2Jclear\\u009b\.c: binary' err1 && grep -q 'bad\\xffbyte\.c: binary' err1 ||
	{ echo "names: the names are not spelled as documented:"; cat err1; fail=1; }

mkdir "my${nl}notes${esc}" && printf 'mine\n' >"my${nl}notes${esc}/todo.txt"
"$strata" dig t -o "my${nl}notes${esc}" -q 2>err2
check "a refused -o" err2
"$strata" dig t -q --deep "x${esc}[31m${nl}y" 2>err3
check "an option value" err3
"$strata" callers "f${esc}[31m${nl}strata: fake.c" -o out 2>err4
check "a query name" err4
"$strata" stats "$(printf 'no\033[31mfile\nhere')" 2>err5
check "stats of a missing file" err5

[ "$fail" -eq 0 ] && echo "names: $checks checks passed"
exit $fail

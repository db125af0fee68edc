#!/usr/bin/env bash
# tests/house/man-pages.sh BUILD SRC PAGE:HEADER...: libstrata's man pages (made at build
# time by strata-apiman from the headers and alloc/options.def) and strata(1):
#   - each renders without a warning: groff -ww -z, man --warnings, mandoc -T lint if there;
#   - each PAGE names every STRATA_API function of its HEADER, documents every group of
#     functions with the comment above it, and has an alias page per function that
#     renders the same text (man zfree finds zalloc(3));
#   - libstrata(7) lists every STRATA_* option of alloc/options.def in ENVIRONMENT, with
#     its default, and uses each in EXAMPLES;
#   - strata(1)'s SEE ALSO has a Library section naming every library page.
set -u
build=$1 src=$2
shift 2
man=$build/man
fail=0 checked=0
bad() { echo "man-pages: $*"; fail=1; }
ok() { checked=$((checked + 1)); }
# plain text, one long line per paragraph's line, no hyphenation (names stay whole)
render() { (cd "$man" && groff -man -Tascii -rLL=250n -rHY=0 -P -cbou "$1" 2>&1); }

for page in "$man"/man3/*.3 "$man"/man7/*.7 "$build/strata.1"; do
	rel=${page#"$man"/}
	[ "$(wc -c <"$page")" -gt 100 ] || continue   # an alias page (.so), checked below
	ok; out=$(cd "$man" && groff -ww -z -man "$rel" 2>&1) && [ -z "$out" ] || bad "$rel: groff -ww: $out"
	ok; out=$(cd "$man" && MANWIDTH=80 man --warnings -E UTF-8 -l "$rel" 2>&1 >/dev/null); [ -z "$out" ] || bad "$rel: man --warnings: $out"
	if command -v mandoc >/dev/null 2>&1; then
		ok; out=$(mandoc -T lint -W warning "$page" 2>&1); [ -z "$out" ] || bad "$rel: mandoc -T lint: $out"
	fi
done

[ $# -ge 5 ] || bad "fewer than five PAGE:HEADER pairs given"
for pair in "$@"; do
	page=${pair%%:*} header=$src/include/strata/${pair#*:}
	f=$man/man3/$page.3
	ok; [ -s "$f" ] || { bad "no $page(3)"; continue; }
	text=$(render "man3/$page.3")
	funcs=$(grep -ho 'STRATA_API[^(]*(' "$header" | sed 's/.*[ *]\([a-z_0-9]*\)($/\1/')
	[ -n "$funcs" ] || bad "$header declares no function"
	for fn in $funcs; do
		ok; printf '%s\n' "$text" | sed -n '/^NAME/,/^SYNOPSIS/p' | grep -qw -- "$fn" || bad "$page(3): NAME lacks $fn"
		ok; printf '%s\n' "$text" | sed -n '/^INTERFACE/,/^SEE ALSO/p' | grep -q -- "[ *]$fn(" || bad "$page(3): INTERFACE lacks $fn"
		if [ "$fn" != "$page" ]; then
			ok; [ "$(cat "$man/man3/$fn.3" 2>/dev/null)" = ".so man3/$page.3" ] || bad "$fn(3) does not show $page(3)"
		fi
	done
	# every group of functions carries the header's comment (an .RS block after it)
	ok; undocumented=$(awk '/^\.SH INTERFACE/ { i = 1 }
		i && /^\.nf$/ { s = ""; while ((getline l) > 0 && l != ".fi") s = s l " "; getline n
		                if (n != ".RS" && s ~ /\\fB/) print s }' "$f")
	[ -z "$undocumented" ] || bad "$page(3): functions without a comment in $header: $undocumented"
	for sec in NAME SYNOPSIS DESCRIPTION INTERFACE; do
		ok; printf '%s\n' "$text" | grep -q "^$sec" || bad "$page(3) has no $sec"
	done
done

lib=$(render man7/libstrata.7)
env=$(printf '%s\n' "$lib" | sed -n '/^ENVIRONMENT/,/^EXAMPLES/p')
examples=$(printf '%s\n' "$lib" | sed -n '/^EXAMPLES/,/^FILES/p')
names=$(sed -n 's/^OPTION([A-Z_]*, "\([A-Z_0-9]*\)".*/\1/p' "$src/alloc/options.def")
[ "$(printf '%s\n' "$names" | wc -l)" -ge 10 ] || bad "fewer than ten options read from alloc/options.def"
for o in $names; do
	ok; printf '%s\n' "$env" | grep -q "^ *STRATA_$o\$" || bad "libstrata(7) ENVIRONMENT lacks STRATA_$o"
	ok; printf '%s\n' "$env" | sed -n "/^ *STRATA_$o\$/,/default/p" | grep -q "default" || bad "libstrata(7): STRATA_$o has no default"
	ok; printf '%s\n' "$examples" | grep -q "STRATA_$o=" ||
		bad "libstrata(7) EXAMPLES never sets STRATA_$o (add it to docs/libstrata.7.in)"
done

s1=$(render "$build/strata.1" | sed -n '/^SEE ALSO/,$p')
ok; printf '%s\n' "$s1" | grep -q "^ *Library" || bad "strata(1) SEE ALSO has no Library section"
for pair in "$@" libstrata:; do
	ok; printf '%s\n' "$s1" | grep -q "${pair%%:*}(" || bad "strata(1) SEE ALSO lacks ${pair%%:*}"
done
[ "$checked" -ge 100 ] || bad "only $checked checks ran"
[ "$fail" -eq 0 ] && echo "man-pages: $checked checks; every page renders cleanly and matches its header"
exit $fail

#!/usr/bin/env bash
# tests/house/cli-docs.sh STRATA MAN BASH_COMPLETION SRC: the command line's documents
# agree. The option table (dig/cli/options.def) makes --help, the man page and the
# completion; README.md is written by hand. Checks:
#   - every option and command of `strata --help` is in README.md and the man page, and
#     neither names a --option that --help does not know;
#   - `strata CMD --help` differs per command and lists exactly the options the global help
#     marks for CMD;
#   - every default exclude is named in README.md and the man page;
#   - the man page renders without warnings (groff -ww -z; mandoc -T lint when present);
#   - bash completion completes commands, per-command options (exactly those of
#     `strata CMD --help`), enum values and folders.
set -u
strata=$1 man=$2 bashcomp=$3 src=$4
readme=$src/README.md
fail=0 checked=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/strata-clidocs.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
bad() { echo "cli-docs: $*"; fail=1; }
ok() { checked=$((checked + 1)); }

"$strata" --help >"$tmp/help" || bad "strata --help failed"
# options: lines "  -x, --name ..." or "      --name ..."
sed -n 's/^ \{2,6\}\(-., \)\{0,1\}--\([a-z][a-z-]*\).*/\2/p' "$tmp/help" | sort -u >"$tmp/opts"
[ -s "$tmp/opts" ] || bad "no options found in strata --help"
# commands: the lines under "commands:"
sed -n '/^commands:/,/^$/s/^  \([a-z][a-z]*\) .*/\1/p' "$tmp/help" >"$tmp/cmds"
[ "$(wc -l <"$tmp/cmds")" -ge 5 ] || bad "fewer than five commands in strata --help"

# README's strata dig section (up to the next ## heading); the man page as text
sed -n '/^## strata dig/,/^## [^s]/p' "$readme" >"$tmp/readme"
[ -s "$tmp/readme" ] || bad "README.md has no '## strata dig' section"
if command -v groff >/dev/null 2>&1; then
	groff -man -T ascii -P -cbou "$man" 2>/dev/null | sed 's/^ *//' >"$tmp/man"
else
	bad "groff is missing (Debian: groff-base)"
fi
while read -r o; do
	ok; grep -q -- "--$o\b" "$tmp/readme" || bad "README.md (## strata dig) does not name --$o"
	ok; grep -q -- "--$o\b" "$tmp/man" || bad "the man page does not name --$o"
done <"$tmp/opts"
for doc in readme man; do
	grep -o -- '--[a-z][a-z-]*[a-z]' "$tmp/$doc" | sed 's/^--//' | sort -u >"$tmp/$doc.opts"
	while read -r o; do
		ok; grep -qx -- "$o" "$tmp/opts" || bad "$doc names --$o, which strata --help does not know"
	done <"$tmp/$doc.opts"
done
while read -r c; do
	ok; grep -q "strata $c\b" "$tmp/readme" || bad "README.md's synopsis lacks 'strata $c'"
	ok; grep -q "^strata $c \[OPTIONS\]" "$tmp/man" || bad "the man page's synopsis lacks 'strata $c'"
	"$strata" "$c" --help >"$tmp/help.$c" || bad "strata $c --help failed"
	ok; grep -q "^usage: strata $c " "$tmp/help.$c" || bad "strata $c --help is not $c's"
	# the options the global help marks for c, against those c's help lists
	awk -v c="$c" '
		/^  (    )?(-., )?--/ { if (name != "" ) emit(); line = $0; name = $0; sub(/^ *(-., )?--/, "", name); sub(/[ ].*/, "", name); next }
		/^                             / && name != "" { line = line $0; next }
		{ if (name != "") emit(); name = "" }
		function emit() { if (line !~ /\[/ || line ~ "\\[[^]]*(" c "|queries)" && (c != "dig" && c != "stats" && c != "merge" || line ~ "\\[[^]]*" c)) print name }
	' "$tmp/help" | sort >"$tmp/want.$c"
	sed -n 's/^ \{2,6\}\(-., \)\{0,1\}--\([a-z][a-z-]*\).*/\2/p' "$tmp/help.$c" | sort >"$tmp/got.$c"
	ok; diff -u "$tmp/want.$c" "$tmp/got.$c" >"$tmp/diff" || { bad "strata $c --help lists other options than strata --help marks for $c"; cat "$tmp/diff"; }
done <"$tmp/cmds"
ok; [ "$(cat "$tmp"/help.* | md5sum)" != "$(cat "$tmp/help.dig" "$tmp/help.dig" | md5sum)" ] || bad "per-command helps are identical"
first=$(head -n 1 "$tmp/cmds")
while read -r c; do
	[ "$c" = "$first" ] && continue
	ok; cmp -s "$tmp/help.$first" "$tmp/help.$c" && bad "strata $first --help and strata $c --help are the same text"
done <"$tmp/cmds"

# default excludes: the words after "default excludes (...):" in --help
sed -n '/^default excludes/,/^$/p' "$tmp/help" | tr '\n' ' ' | sed 's/.*): *//' | tr ' ' '\n' | sed '/^$/d' >"$tmp/excl"
[ "$(wc -l <"$tmp/excl")" -ge 5 ] || bad "strata --help names fewer than five default excludes"
while read -r x; do
	ok; grep -qF -- "\`$x\`" "$readme" || bad "README.md does not name the default exclude \`$x\`"
	ok; grep -qF -- "$x" "$tmp/man" || bad "the man page does not name the default exclude $x"
done <"$tmp/excl"

# the man page renders without warnings
if command -v groff >/dev/null 2>&1; then
	ok; out=$(groff -ww -z -man "$man" 2>&1); [ -z "$out" ] || bad "groff -ww warns: $out"
else
	bad "groff is missing (Debian: groff-base)"
fi
if command -v mandoc >/dev/null 2>&1; then
	ok; out=$(mandoc -T lint -W warning "$man" 2>&1); [ -z "$out" ] || bad "mandoc -T lint: $out"
fi

# bash completion: source it and complete as bash would
complete_words() {   # complete_words WORD... : COMPREPLY for the last word, one per line
	bash -c '
		source "$1"; shift
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		_strata; printf "%s\n" "${COMPREPLY[@]}"' _ "$bashcomp" "$@" | sort
}
mkdir -p "$tmp/d/sub"
ok; [ "$(complete_words strata tr)" = trace ] || bad "completion: 'strata tr' does not give trace"
ok; complete_words strata trace --de | grep -qx -- --depth || bad "completion: trace lacks --depth"
ok; complete_words strata dig --de | grep -qx -- --depth && bad "completion: dig offers --depth"
ok; [ "$(complete_words strata dig --deep '' | tr '\n' ' ')" = "all vocab " ] || bad "completion: --deep values"
ok; [ "$(complete_words strata -o x dig "$tmp/d/s")" = "$tmp/d/sub" ] || bad "completion: dig DIR"
ok; [ "$(complete_words strata -j 2 st)" = stats ] || bad "completion: -j's argument taken for the command"
ok; complete_words strata stats - | grep -qx -- --help || bad "completion: stats --help"
# every command's long options, as completion offers them after "--", are exactly those of
# `strata CMD --help`
while read -r c; do
	ok; complete_words strata "$c" -- | sed -n 's/^--//p' >"$tmp/comp.$c"
	diff -u "$tmp/got.$c" "$tmp/comp.$c" >"$tmp/diff" || { bad "completion offers other options for $c than strata $c --help"; cat "$tmp/diff"; }
done <"$tmp/cmds"

# zsh completion: next to the bash file; it must at least parse (when zsh is installed)
if command -v zsh >/dev/null 2>&1; then
	ok; zsh -n "$(dirname "$bashcomp")/_strata" || bad "the zsh completion does not parse"
fi

if [ "$checked" -lt 50 ]; then
	bad "only $checked checks ran"
fi
[ "$fail" -eq 0 ] && echo "cli-docs: $checked checks, README, man page, --help and completion agree"
exit $fail

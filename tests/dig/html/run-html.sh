#!/bin/sh
# tests/dig/html/run-html.sh STRATA CASES: report.html in a real browser (quick tier).
# Digs the golden case `ranked`, loads its report.html in Debian's chromium, headless, with
# the location set to one allocator (#implN: what a click on an allocator link or a graph
# node does), lets the script run, and checks the DOM chromium dumps: the page's script
# finished (body data-ready), both tables have their rows, the detail of that allocator is
# open with its API and its callers as file:line, the graphs are inline SVG with links to
# the allocators; and that the browser printed no console message (any error, warning or
# log from the page fails the test). ./dev test installs chromium; without it (a build by
# hand) this prints why and exits 77 (CTest: skipped). The full tier drives real clicks
# (check-html.mjs).
set -u
strata=$1
cases=$2
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
	echo "html: skipped: chromium is not installed (./dev test installs it)"
	exit 77
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/strata-html.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
checks=0
check() {
	checks=$((checks + 1))
	if ! eval "$2"; then
		echo "html: $1"
		fail=1
	fi
}

"$strata" dig "$cases/ranked/input" -o "$tmp/out" -q || { echo "html: strata dig failed"; exit 1; }
id=$(sed -n 's/^\(impl[0-9]*\) kalloc @ kern\/kalloc.c$/\1/p' "$tmp/out/all-allocators.txt")
check "kalloc has an implementation id" '[ -n "$id" ]'
check "report.html was written" '[ -s "$tmp/out/report.html" ]'
check "report.html asks for nothing over the network" '! grep -Eq "(src|href)=\"(https?:)?//" "$tmp/out/report.html"'

timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
	--disable-background-networking --disable-component-update --disable-sync \
	--user-data-dir="$tmp/profile" --enable-logging=stderr --v=0 --virtual-time-budget=5000 \
	--dump-dom "file://$tmp/out/report.html#$id" >"$tmp/dom.html" 2>"$tmp/browser.err"
check "chromium exited 0 (status $?)" '[ -s "$tmp/dom.html" ]'
check "no console message from the page: $(grep CONSOLE "$tmp/browser.err" | head -3)" '! grep -q ":CONSOLE" "$tmp/browser.err"'
check "the page's script ran to the end" 'grep -q "data-ready=\"1\"" "$tmp/dom.html"'
# 5 implementations (the vendored copy of libc's malloc is one with it) and 21 allocation
# sites in the case, each table with its header row
check "implementation and call-site tables have their rows ($(grep -o "<tr" "$tmp/dom.html" | wc -l) <tr>)" \
	'[ "$(grep -o "<tr" "$tmp/dom.html" | wc -l)" -eq 28 ]'
check "the detail of kalloc is open" 'grep -q "id=\"detail\" class=\"on\"><span class=\"close\">close ✕</span><h2>kalloc @ kern/kalloc.c</h2>" "$tmp/dom.html"'
check "the detail lists the API" 'grep -q "<li><code>kfree</code> free <span class=\"muted\">kern/kalloc.c:24</span></li>" "$tmp/dom.html"'
check "the detail lists callers as file:line" 'grep -q "<li><span>kern/net/socket.c:16</span> <code>m_get</code> → <code>kalloc</code></li>" "$tmp/dom.html"'
check "the graphs are inline SVG linking to the allocator" 'grep -q "<svg" "$tmp/dom.html" && grep -q "href=\"#$id\"" "$tmp/dom.html"'
[ "$fail" -eq 0 ] && echo "html: $checks checks passed"
exit $fail

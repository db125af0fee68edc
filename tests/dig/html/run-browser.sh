#!/bin/sh
# tests/dig/html/run-browser.sh STRATA CASES SRC: the full tier's browser test: report.html
# of the golden case `ranked` and of strata's own tree (SRC, a bigger page whose tables
# need more than one page of rows), each driven by real clicks through check-html.mjs
# (playwright-core with Debian's chromium; ./dev test full installs both, and
# PLAYWRIGHT_CORE names playwright-core's index.mjs).
set -u
strata=$1
cases=$2
src=$3
here=$(cd "$(dirname "$0")" && pwd)
command -v node >/dev/null || { echo "html: node is not installed"; exit 1; }
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || { echo "html: chromium is not installed (./dev test full installs it)"; exit 1; }
[ -f "${PLAYWRIGHT_CORE:-/nonexistent}" ] || { echo "html: playwright-core is not installed (./dev test full installs it)"; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/strata-browser.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
"$strata" dig "$cases/ranked/input" -o "$tmp/ranked" -q || fail=1
node "$here/check-html.mjs" "$tmp/ranked/report.html" kalloc || fail=1
"$strata" dig "$src" -o "$tmp/self" -q --exclude cases --exclude build 2>/dev/null
rc=$?
[ "$rc" -eq 0 ] || [ "$rc" -eq 3 ] || { echo "html: strata dig of $src exited $rc"; fail=1; }
node "$here/check-html.mjs" "$tmp/self/report.html" || fail=1
exit $fail

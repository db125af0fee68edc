#!/bin/sh
# tests/dig/golden/run-golden.sh STRATA CASES [CASE...]: run `strata dig` on each golden
# case (CASES/<case>/input) and compare with CASES/<case>/expected:
#   all-allocators.txt, allocator-call-counts.csv, raw-allocation-sites.txt  whole files (diff -u)
#   features.lines, report.lines,  each line must be a whole line of allocator-features.txt
#   hierarchy.lines,               / report.md / allocation-hierarchy.dot / topology.json
#   topology.lines                 (grep -Fx), in any order
#   ranked.absent                  each line must NOT occur in report.md's ranked list (the
#                                  lines between "## Allocators" and "## Wrappers, folded"):
#                                  wrappers, destructors and copies have other places
#   exit-code                      the expected exit status of strata dig (default 0)
#   svg                            when present (and graphviz is installed), SVGs are
#                                  rendered too and must exist
#   json                           when present, the JSON artifacts must parse (python3)
# Every case also runs twice, on one thread (-j 1) and on four (-j 4): the two outputs must
# be byte-identical (determinism, whatever the thread count); and a third time warm, on the
# second's fact cache: its artifacts must be the cold ones.
# Exit 0 when every case matches; 1 with a diff for each mismatch.
set -u
strata=$1
cases=$2
shift 2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/strata-golden.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
checked=0
if [ $# -eq 0 ]; then
	set -- $(cd "$cases" && ls)
fi
for name in "$@"; do
	case_dir=$cases/$name
	exp=$case_dir/expected
	[ -d "$case_dir/input" ] || { echo "golden: $name: no input/"; fail=1; continue; }
	svg=--no-svg
	want_svg=0
	if [ -f "$exp/svg" ] && command -v dot >/dev/null 2>&1; then
		svg=
		want_svg=1
	fi
	want=0
	[ -f "$exp/exit-code" ] && want=$(cat "$exp/exit-code")
	for run in 1 2; do
		jobs=1
		[ "$run" = 2 ] && jobs=4
		"$strata" dig "$case_dir/input" -o "$tmp/$name.$run" -q --no-cache -j "$jobs" $svg 2>"$tmp/$name.$run.err"
		rc=$?
		if [ "$rc" != "$want" ]; then
			echo "golden: $name: strata dig exited $rc, expected $want"
			cat "$tmp/$name.$run.err"
			fail=1
			continue 2
		fi
	done
	out=$tmp/$name.1
	if ! diff -r "$out" "$tmp/$name.2" >"$tmp/det.diff"; then
		echo "golden: $name: two runs differ (not deterministic)"
		head -40 "$tmp/det.diff"
		fail=1
	fi
	# a warm run (the fact cache of run 2 used) writes the artifacts of a cold one, byte
	# for byte (only the cache and the marker that lists it may differ)
	cp -r "$tmp/$name.2" "$tmp/$name.cold"
	"$strata" dig "$case_dir/input" -o "$tmp/$name.2" -q $svg 2>/dev/null
	if ! diff -r -x .strata-cache -x .strata-output "$tmp/$name.cold" "$tmp/$name.2" >"$tmp/det.diff"; then
		echo "golden: $name: a warm run differs from a cold one"
		head -40 "$tmp/det.diff"
		fail=1
	fi
	for f in all-allocators.txt allocator-call-counts.csv raw-allocation-sites.txt; do
		[ -f "$exp/$f" ] || continue
		checked=$((checked + 1))
		if ! diff -u "$exp/$f" "$out/$f"; then
			echo "golden: $name: $f differs (expected -, got +)"
			fail=1
		fi
	done
	for pair in features.lines:allocator-features.txt report.lines:report.md hierarchy.lines:allocation-hierarchy.dot \
	            topology.lines:topology.json; do
		lines=${pair%%:*}
		art=${pair#*:}
		[ -f "$exp/$lines" ] || continue
		while IFS= read -r line; do
			checked=$((checked + 1))
			if ! grep -Fxq -- "$line" "$out/$art"; then
				echo "golden: $name: $art lacks the line: $line"
				fail=1
			fi
		done <"$exp/$lines"
	done
	if [ -f "$exp/ranked.absent" ]; then
		sed -n '/^## Allocators$/,/^## Wrappers, folded$/p' "$out/report.md" >"$tmp/ranked"
		checked=$((checked + 1))
		[ -s "$tmp/ranked" ] || { echo "golden: $name: report.md has no ranked list"; fail=1; }
		while IFS= read -r word; do
			checked=$((checked + 1))
			if grep -Fq -- "$word" "$tmp/ranked"; then
				echo "golden: $name: the ranked list names $word:"
				grep -F -- "$word" "$tmp/ranked"
				fail=1
			fi
		done <"$exp/ranked.absent"
	fi
	if [ "$want_svg" -eq 1 ]; then
		for g in allocation-hierarchy kernel-allocation-flow; do
			checked=$((checked + 1))
			[ -s "$out/$g.svg" ] || { echo "golden: $name: $g.svg missing"; fail=1; }
		done
	fi
	# the CSV is plain RFC 4180 with a header row: Python's csv module and sqlite3's .import
	# read it as it is, and its sidecar and topology.json name the same schema version
	if command -v python3 >/dev/null 2>&1; then
		checked=$((checked + 1))
		python3 - "$out" <<'PY' || { echo "golden: $name: allocator-call-counts.csv does not read as plain CSV"; fail=1; }
import csv, json, sys
out = sys.argv[1]
with open(out + '/allocator-call-counts.csv', newline='', encoding='utf-8', errors='surrogateescape') as f:
    rows = list(csv.DictReader(f))
with open(out + '/allocator-call-counts.csv', newline='', encoding='utf-8', errors='surrogateescape') as f:
    header = next(csv.reader(f))
assert header == ['kind', 'api', 'implementation', 'file', 'calls'], header
assert all(r['calls'].isdigit() for r in rows), 'calls not a number'
meta = json.load(open(out + '/allocator-call-counts.csv-metadata.json'))
topo = json.load(open(out + '/topology.json', encoding='utf-8'))
assert meta['url'] == 'allocator-call-counts.csv'
assert [c['name'] for c in meta['tableSchema']['columns']] == header
assert meta['schema:version'] == topo['csv']['allocator-call-counts.csv']['version'] == 2
PY
	fi
	if command -v sqlite3 >/dev/null 2>&1; then
		checked=$((checked + 1))
		rows=$(sqlite3 :memory: ".import --csv '$out/allocator-call-counts.csv' c" "select count(*) from c where kind in ('api', 'file', 'file-api') and calls >= 0" 2>&1)
		want_rows=$(($(python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline="", errors="surrogateescape"))))' "$out/allocator-call-counts.csv" 2>/dev/null || echo 1) - 1))
		[ "$rows" = "$want_rows" ] || { echo "golden: $name: sqlite3 read $rows rows, expected $want_rows"; fail=1; }
	fi
	if [ -f "$exp/json" ] && command -v python3 >/dev/null 2>&1; then
		for j in topology.json allocator-features.json; do
			checked=$((checked + 1))
			python3 -c 'import json,sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$out/$j" ||
				{ echo "golden: $name: $j is not valid JSON"; fail=1; }
		done
	fi
done
if [ "$checked" -eq 0 ]; then
	echo "golden: nothing was compared"
	exit 1
fi
[ "$fail" -eq 0 ] && echo "golden: $checked comparisons, all match"
exit $fail

#!/bin/sh
# tests/dig/outdir/run-kill.sh STRATA FAULTY CASES: kill -9 at every step of a dig.
#
# FAULTY is strata with the test hook set (strata_faulty.c): STRATA_FAULT_AT=N kills it
# with SIGKILL at the Nth step that changes the file system -- each artifact written and
# closed, the fact cache written and renamed, the marker written and renamed, the swap,
# each entry of the old output removed. For every N, in two worlds (OUT missing; OUT
# holding the output of another tree), after the kill:
#   - OUT is missing (first world only) or byte for byte the complete old output or the
#     complete new one (diff -r against reference outputs), never a mix;
#   - a query on OUT answers as on that output (never from the other run's facts);
#   - the next dig succeeds, OUT is then the new output, and nothing is left beside it
#     (the orphans of the killed run were proved strata's and removed).
# The steps killed at must include every kind (artifact, cache, marker, swap, removal).
# Then each of "write cache", "write artifact" and "swap" is made to fail (STRATA_FAULT_FAIL):
# exit 2, a message, OUT the whole old output, nothing left beside it.
set -u
strata=$1
faulty=$2
cases=$3
tmp=$(mktemp -d "${TMPDIR:-/tmp}/strata-kill.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
checks=0

# the trees: v1, and v2 = v1 with one more caller and one changed file
cp -r "$cases/mach-kalloc/input" "$tmp/v1"
cp -r "$cases/mach-kalloc/input" "$tmp/v2"
printf 'void *kalloc(unsigned long);\nint more(void) { return kalloc(8) != 0; }\n' >"$tmp/v2/more.c"
printf '\n/* changed */\n' >>"$tmp/v2/kern/zalloc.c"
# the fact cache marks a file read within 2 s of its mtime or ctime as racy (its times
# cannot be trusted yet) and the next dig clears the mark: let the trees age past that, so
# that every dig of them writes the same cache, byte for byte
sleep 2.1

# references, with and without SVG (OUT's own path appears in no artifact, so outputs
# compare across names)
for v in v1 v2; do
	"$strata" dig "$tmp/$v" -o "$tmp/ref-$v" -q --no-svg || { echo "kill: reference dig of $v failed"; exit 1; }
	"$strata" callers kalloc -o "$tmp/ref-$v" >"$tmp/ref-$v.callers" || { echo "kill: reference query failed"; exit 1; }
	if command -v dot >/dev/null 2>&1; then
		"$strata" dig "$tmp/$v" -o "$tmp/svgref-$v" -q || { echo "kill: reference dig of $v failed"; exit 1; }
	fi
done
if diff -r "$tmp/ref-v1" "$tmp/ref-v2" >/dev/null; then
	echo "kill: the two references are the same; the test would prove nothing"
	exit 1
fi

# state WORLD N: check OUT after a kill at step N
state() {
	checks=$((checks + 1))
	if [ ! -e "$tmp/w/out" ]; then
		if [ "$1" != missing ]; then
			echo "kill: world $1, step $2: OUT is missing"
			fail=1
		fi
		return
	fi
	if diff -r "$tmp/w/out" "$tmp/$ref-v2" >/dev/null 2>&1; then
		now=v2
	elif [ "$1" = replace ] && diff -r "$tmp/w/out" "$tmp/$ref-v1" >/dev/null 2>&1; then
		now=v1
	else
		echo "kill: world $1, step $2 ($(tail -n 1 "$tmp/log")): OUT is neither output whole:"
		diff -r "$tmp/w/out" "$tmp/$ref-v2" | head -5
		fail=1
		return
	fi
	checks=$((checks + 1))
	"$strata" callers kalloc -o "$tmp/w/out" >"$tmp/got" 2>"$tmp/err"
	if [ $? -ne 0 ] || ! cmp -s "$tmp/got" "$tmp/ref-$now.callers"; then
		echo "kill: world $1, step $2: the query does not answer as the $now output:"
		cat "$tmp/err" "$tmp/got"
		fail=1
	fi
}

kinds=
for world in missing replace; do
	# SVG rendering (graphviz, the slow step) only in the second world
	svg=--no-svg
	[ "$world" = replace ] && command -v dot >/dev/null 2>&1 && svg=
	ref=ref
	[ -z "$svg" ] && ref=svgref
	rm -rf "$tmp/w" && mkdir "$tmp/w"
	[ "$world" = replace ] && "$strata" dig "$tmp/v1" -o "$tmp/w/out" -q $svg
	rm -f "$tmp/log"
	STRATA_FAULT_LOG=$tmp/log "$faulty" dig "$tmp/v2" -o "$tmp/w/out" -q $svg ||
		{ echo "kill: the hooked dig failed without a kill"; exit 1; }
	total=$(wc -l <"$tmp/log")
	[ "$total" -gt 10 ] || { echo "kill: only $total steps counted"; exit 1; }
	n=1
	while [ "$n" -le "$total" ]; do
		rm -rf "$tmp/w" && mkdir "$tmp/w"
		[ "$world" = replace ] && "$strata" dig "$tmp/v1" -o "$tmp/w/out" -q $svg
		rm -f "$tmp/log"
		STRATA_FAULT_LOG=$tmp/log STRATA_FAULT_AT=$n "$faulty" dig "$tmp/v2" -o "$tmp/w/out" -q $svg 2>/dev/null
		rc=$?
		checks=$((checks + 1))
		if [ "$rc" -ne 137 ]; then
			echo "kill: world $world, step $n: not killed (exit $rc)"
			fail=1
		fi
		kinds="$kinds
$(tail -n 1 "$tmp/log")"
		state "$world" "$n"
		# the next dig cleans up and completes
		"$strata" dig "$tmp/v2" -o "$tmp/w/out" -q $svg 2>"$tmp/err"
		rc=$?
		checks=$((checks + 1))
		if [ "$rc" -ne 0 ] || ! diff -r "$tmp/w/out" "$tmp/$ref-v2" >/dev/null; then
			echo "kill: world $world, step $n: the next dig exited $rc or wrote another output"
			cat "$tmp/err"
			fail=1
		fi
		checks=$((checks + 1))
		left=$(ls -A "$tmp/w")
		if [ "$left" != out ]; then
			echo "kill: world $world, step $n: left beside OUT after the next dig: $left"
			fail=1
		fi
		n=$((n + 1))
	done
done

# A step that fails (a full disk, graphviz): exit 2, a message, OUT still the old output
# whole -- report, cache and index -- and nothing beside it.
for step in "write cache" "write artifact" swap; do
	rm -rf "$tmp/w" && mkdir "$tmp/w"
	"$strata" dig "$tmp/v1" -o "$tmp/w/out" -q --no-svg
	STRATA_FAULT_FAIL=$step "$faulty" dig "$tmp/v2" -o "$tmp/w/out" -q --no-svg 2>"$tmp/err"
	rc=$?
	checks=$((checks + 1))
	if [ "$rc" -ne 2 ] || [ ! -s "$tmp/err" ]; then
		echo "kill: a failing '$step' exited $rc (want 2, with a message): $(cat "$tmp/err")"
		fail=1
	fi
	checks=$((checks + 1))
	diff -r "$tmp/w/out" "$tmp/ref-v1" >/dev/null || { echo "kill: a failing '$step' changed OUT"; fail=1; }
	checks=$((checks + 1))
	[ "$(ls -A "$tmp/w")" = out ] || { echo "kill: a failing '$step' left $(ls -A "$tmp/w")"; fail=1; }
done

for kind in "close artifact" "write cache" "rename cache" "write marker" "rename marker" swap "remove old entry" \
	"remove old marker" "remove old folder"; do
	checks=$((checks + 1))
	printf '%s\n' "$kinds" | grep -qx "$kind" || { echo "kill: never killed at a '$kind' step"; fail=1; }
done
[ "$fail" -eq 0 ] && echo "kill: $checks checks passed"
exit $fail

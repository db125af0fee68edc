#!/bin/sh
# tests/malloc/bench_runner.sh RUNNER BUILD LIBSTRATA: bench/run-malloc itself, on tiny
# workloads, so the runner cannot rot unnoticed: one round under sys and strata of two own
# workloads and three commands of our own (-x): one that prints the same under both, one
# whose output names the preload (must be reported WRONG), one that fails under a preload
# (must be reported FAIL); both are left out of the means. The Markdown (-M) and CSV (-C)
# files must hold every workload. Checks only what the runner reports, never a time.
set -u
runner=$1 build=$2 lib=$3
out=$build/run-malloc-smoke
fail() { echo "bench_runner: FAIL: $*" >&2; cat "$out.txt" >&2; exit 1; }

"$runner" -b "$build" -r 1 -s 1 -a sys -a "$lib" -w larson -w smallobj \
  -x 'same=echo same' -x 'differs=echo "$LD_PRELOAD"' -x 'fails=test -z "$LD_PRELOAD"' \
  -M "$out.md" -C "$out.csv" >"$out.txt" 2>&1 || fail "exit status $?"
cat "$out.txt"
grep -q '^smallobj  *strata .* ok$' "$out.txt" || fail "smallobj under strata not ok"
grep -q '^same  *strata .* ok$' "$out.txt" || fail "same output not ok"
grep -q '^differs  *strata .* WRONG$' "$out.txt" || fail "a different output was not reported WRONG"
grep -q '^fails  *strata .* FAIL$' "$out.txt" || fail "a failing run was not reported FAIL"
# strata's geomean: larson, smallobj, same (3 workloads), differs and fails (2 failed)
grep -Eq '^strata +[0-9.]+ +[0-9.]+ +[0-9.-]+ +3 +2$' "$out.txt" || fail "geomean row not over the 3 good workloads"
grep -q '^| differs | .* | WRONG |$' "$out.md" || fail "Markdown table lacks the WRONG cell"
grep -q '^| \*\*geomean\*\* |' "$out.md" || fail "Markdown table lacks the geomean row"
[ "$(grep -c '^[a-z]*,\(sys\|strata\),' "$out.csv")" -eq 10 ] || fail "CSV does not hold 5 workloads x 2 allocators"
grep -q '^fails,strata,FAIL,0,' "$out.csv" || fail "CSV lacks the FAIL row"
echo "bench_runner: ok"

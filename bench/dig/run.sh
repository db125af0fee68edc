#!/bin/sh
# bench/dig/run.sh: time `strata dig` against cscope and ctags on one real C tree.
#
# Usage: bench/dig/run.sh TREE [ROUNDS] [WORKDIR]
#   TREE     a C source tree outside the project (fetched by you: a Linux, BSD, MINIX ...)
#   ROUNDS   interleaved rounds (default 3); medians are reported
#   WORKDIR  scratch folder for outputs (default: a fresh mktemp folder, removed at the end)
# Environment: STRATA (path to the strata binary), SCAN_BENCH (path to bench_dig_scan),
#   JOBS (strata -j, default: all cores), BUILD (build folder to find both, default build),
#   FULL (1: also time --deep all), EXTRAS (0: time only the cold dig and the two cscope
#   builds, for a loaded machine where a round of everything takes many minutes).
#
# What runs, on the same files (.c and .h, the walk's default excludes applied by find):
#   strata dig TREE -o OUT        cold: a fresh OUT each round, so no fact cache helps
#   strata dig (re-run)           warm: same OUT again (the cache path: every file's facts
#                                 from the fact cache; the tree is only read, never touched)
#   strata dig --deep all         with FULL=1 only: cold, every file parsed (the slow path the
#                                 vocabulary's deep words avoid; its outputs are kept beside)
#   bench_dig_scan TREE           the scan stage alone, with the vocabulary's deep words
#   cscope -b -q -k -i LIST       the seed report's tool, with the inverted index
#   cscope -b -k -i LIST          without it
#   ctags -L LIST                 universal ctags over the same list (what `ctags -R` reads)
# The page cache is warmed once before the rounds (every tool reads warm files), tools run
# interleaved round by round so drift hits all alike, and each run's wall time and peak
# RSS come from /usr/bin/time. Names containing a newline cannot be put in a cscope or
# ctags list: they are counted and left out of those lists (strata reads them).
set -eu

tree=${1:?usage: run.sh TREE [ROUNDS] [WORKDIR]}
rounds=${2:-3}
here=$(cd "$(dirname "$0")/../.." && pwd)
build=${BUILD:-$here/build}
strata=${STRATA:-$build/strata}
scanb=${SCAN_BENCH:-$build/bench/bench_dig_scan}
jobs=${JOBS:-0}
if [ -n "${3:-}" ]; then work=$3; mkdir -p "$work"; keep=1; else work=$(mktemp -d); keep=0; fi
cleanup() { [ "$keep" = 1 ] || rm -rf "$work"; }
trap cleanup EXIT INT TERM

[ -d "$tree" ] || { echo "run.sh: $tree: not a folder" >&2; exit 1; }
command -v /usr/bin/time >/dev/null || { echo "run.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }

# The file list: the walk's default excludes, as find prunes.
list=$work/files.txt
find "$tree" \( -name .git -o -name .hg -o -name .svn -o -name CVS -o -name .bzr -o -name _darcs \
  -o -name .repo -o -name build -o -name 'build-*' -o -name 'build_*' -o -name 'cmake-build-*' \
  -o -name out -o -name obj -o -name _build -o -name node_modules -o -name vendor \
  -o -name third_party -o -name third-party -o -name external -o -name __pycache__ \) -prune \
  -o -type f \( -name '*.c' -o -name '*.h' \) -print > "$list.all"
grep -v '^$' "$list.all" > "$list" || true
nfiles=$(wc -l < "$list")
bytes=$(tr '\n' '\0' < "$list" | xargs -0 cat 2>/dev/null | wc -c)
echo "tree: $tree"
echo "files: $nfiles  bytes: $bytes ($(awk "BEGIN{printf \"%.1f\", $bytes/1e6}") MB)  cores: $(nproc)  rounds: $rounds"
# cscope wants names with blanks quoted.
sed 's/["\\]/\\&/g; s/.*[[:space:]].*/"&"/' "$list" > "$work/cscope.files"

# Warm the page cache once.
tr '\n' '\0' < "$list" | xargs -0 cat > /dev/null 2>&1 || true

results=$work/results.txt
: > "$results"
# run NAME CMD...: time one command; record "NAME seconds peakKiB status".
# strata's exit code 3 means "done, some inputs skipped" (listed on stderr): a success.
run() {
  name=$1; shift
  rc=0
  /usr/bin/time -f "%e %M %U %S" -o "$work/time.txt" "$@" > "$work/$name.out" 2> "$work/$name.err" || rc=$?
  case $rc in
    0) st=ok ;;
    3) st=ok-skipped ;;
    *) st="failed($rc)" ;;
  esac
  # name wall_s peak_KiB status cpu_s (user + system: what a shared machine's load does
  # not inflate)
  echo "$name $(tail -1 "$work/time.txt" | awk '{print $1, $2}') $st $(tail -1 "$work/time.txt" | awk '{print $3 + $4}')" >> "$results"
}

i=1
while [ "$i" -le "$rounds" ]; do
  echo "round $i/$rounds"
  rm -rf "$work/cs1" "$work/cs2" "$work/strata-out"
  mkdir -p "$work/cs1" "$work/cs2"
  if [ -x "$strata" ]; then
    run strata_dig "$strata" dig "$tree" -o "$work/strata-out" -j "$jobs" -q
    # warm re-run: dig again into the same OUT, so the facts come from its cache (the
    # measured tree is the user's: it is never modified, not even an mtime)
    if [ "${EXTRAS:-1}" != 0 ]; then
      run strata_dig_rerun "$strata" dig "$tree" -o "$work/strata-out" -j "$jobs" -q
    fi
    if [ -n "${FULL:-}" ]; then
      rm -rf "$work/strata-all"
      run strata_dig_all "$strata" dig "$tree" -o "$work/strata-all" -j "$jobs" -q --deep all
    fi
  fi
  if [ -x "$scanb" ] && [ "${EXTRAS:-1}" != 0 ]; then
    run scan_only "$scanb" "$tree" "$jobs"
    grep -o 'MBps=[0-9.]*' "$work/scan_only.out" | sed "s/^/round $i scan /" >> "$work/mbps.txt" || true
  fi
  (cd "$work/cs1" && run cscope_bqk cscope -b -q -k -i "$work/cscope.files" -f "$work/cs1/cscope.out")
  (cd "$work/cs2" && run cscope_bk cscope -b -k -i "$work/cscope.files" -f "$work/cs2/cscope.out")
  [ "${EXTRAS:-1}" = 0 ] || run ctags ctags -L "$list" -f "$work/tags"
  i=$((i + 1))
done

echo
# paired: the median over rounds of (tool / cscope -b -q -k in the same round), for wall
# time and for CPU time (on a loaded machine the CPU ratio is the steadier of the two)
paired() {
  awk -v t="$1" -v f="$2" '$1=="cscope_bqk"{b[++nb]=$f} $1==t{x[++nx]=$f}
    END{n=0; for (k=1; k<=nx && k<=nb; k++) if (b[k] > 0) r[++n]=x[k]/b[k];
        if (n==0) {print "-"; exit}
        for (i=1;i<=n;i++) for (j=i+1;j<=n;j++) if (r[j]<r[i]) {v=r[i]; r[i]=r[j]; r[j]=v}
        printf "%.2f", (n%2) ? r[(n+1)/2] : (r[n/2]+r[n/2+1])/2}' "$results"
}
printf '%-18s %10s %10s %12s %8s %8s %8s %s\n' tool median_s cpu_s peak_MiB vs_bqk wall_pr cpu_pr status
base=$(awk '$1=="cscope_bqk"{print $2}' "$results" | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
for t in strata_dig strata_dig_rerun strata_dig_all scan_only cscope_bqk cscope_bk ctags; do
  grep -q "^$t " "$results" || continue
  med=$(awk -v t="$t" '$1==t{print $2}' "$results" | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
  rss=$(awk -v t="$t" '$1==t{print $3}' "$results" | sort -n | awk '{a[NR]=$1} END{printf "%.0f", a[int((NR+1)/2)]/1024}')
  st=$(awk -v t="$t" '$1==t{print $4}' "$results" | sort -u | tr '\n' ' ')
  cpu=$(awk -v t="$t" '$1==t{print $5}' "$results" | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
  ratio=$(awk -v m="$med" -v b="$base" 'BEGIN{ if (b > 0) printf "%.2f", m/b; else print "-" }')
  printf '%-18s %10s %10s %12s %8s %8s %8s %s\n' "$t" "$med" "$cpu" "$rss" "$ratio" "$(paired "$t" 2)" "$(paired "$t" 5)" "$st"
done
echo "vs_bqk: median / median of cscope -b -q -k; wall_pr, cpu_pr: median of the per-round paired ratios"
[ -f "$work/mbps.txt" ] && { echo; cat "$work/mbps.txt"; }
if grep -q 'failed(' "$results"; then
  echo
  echo "some runs failed; their stderr is in $work/*.err (kept with WORKDIR)" >&2
fi

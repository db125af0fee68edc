#!/usr/bin/env bash
# tests/malloc/real_program.sh CASE LIBSTRATA [WORKDIR]
#
# Runs a real program nobody here wrote on a non-trivial input twice, without and with
# LD_PRELOAD=LIBSTRATA, and compares what it produced (stdout, exit status, and for gcc the
# object file byte for byte). Fails on any difference, on a strata error message, or when
# the preload did not take. Exits 77 (CTest SKIP_RETURN_CODE) only when the program is
# absent; `./dev test` installs python3, sqlite3, perl and gcc, so there they all run.
#
# CASE: python | sqlite | perl | gcc
set -u
case_name=${1:?usage: real_program.sh CASE LIBSTRATA [WORKDIR]}
lib=${2:?usage: real_program.sh CASE LIBSTRATA [WORKDIR]}
here=$(cd "$(dirname "$0")" && pwd)
work=${3:-$(mktemp -d "${TMPDIR:-/tmp}/strata-real-XXXXXX")}
mkdir -p "$work"

fail() { echo "real_program $case_name: FAIL: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || { echo "real_program $case_name: SKIP: $1 not installed" >&2; exit 77; }; }

[ -f "$lib" ] || fail "no library at $lib"

# run TAG CMD...: run CMD (stdin from $work/stdin if present) with or without the preload,
# keeping stdout, stderr and status under $work/TAG.*
run() {
  local tag=$1; shift
  local input=/dev/null
  [ -f "$work/stdin" ] && input=$work/stdin
  if [ "$tag" = strata ]; then
    env LD_PRELOAD="$lib" "$@" <"$input" >"$work/$tag.out" 2>"$work/$tag.err"
  else
    env -u LD_PRELOAD "$@" <"$input" >"$work/$tag.out" 2>"$work/$tag.err"
  fi
  echo $? >"$work/$tag.status"
}

# compare: both runs gave the same status and output, and strata reported nothing.
compare() {
  cmp -s "$work/sys.status" "$work/strata.status" ||
    fail "exit status differs: sys $(cat "$work/sys.status"), strata $(cat "$work/strata.status"); stderr: $(head -c 2000 "$work/strata.err")"
  [ "$(cat "$work/sys.status")" = 0 ] || fail "the program failed even without strata: $(head -c 2000 "$work/sys.err")"
  if ! cmp -s "$work/sys.out" "$work/strata.out"; then
    diff "$work/sys.out" "$work/strata.out" | head -20 >&2
    fail "output differs"
  fi
  if grep -q '^strata:' "$work/strata.err"; then
    grep '^strata:' "$work/strata.err" | head -5 >&2
    fail "strata reported errors"
  fi
  [ -s "$work/sys.out" ] || fail "no output to compare"
}

# preloaded PROGRAM...: the preload took: PROGRAM (reading its own /proc/self/maps) maps
# LIBSTRATA.
preloaded() {
  local base
  base=$(basename "$lib")
  env LD_PRELOAD="$lib" "$@" | grep -q "$base" || fail "LD_PRELOAD=$lib did not load into $1"
}

case "$case_name" in
  python)
    need python3
    preloaded python3 -c 'print(open("/proc/self/maps").read())'
    run sys python3 "$here/workload.py" 1
    run strata python3 "$here/workload.py" 1
    compare
    ;;
  perl)
    need perl
    preloaded perl -e 'open(M, "/proc/self/maps"); print <M>;'
    run sys perl "$here/workload.pl" 1
    run strata perl "$here/workload.pl" 1
    compare
    ;;
  sqlite)
    need sqlite3
    preloaded sqlite3 :memory: "select 1;" ".shell cat /proc/\$PPID/maps"
    "$here/workload_sqlite.sh" 100000 >"$work/stdin"
    rm -f "$work/sys.db" "$work/strata.db"
    run sys sqlite3 "$work/sys.db"
    run strata sqlite3 "$work/strata.db"
    compare
    ;;
  gcc)
    need gcc
    preloaded cat /proc/self/maps
    "$here/workload_gcc.sh" 120 >"$work/big.c"
    run sys gcc -O2 -c "$work/big.c" -o "$work/sys.o"
    echo "sys.o $(cksum <"$work/sys.o")" >>"$work/sys.out"
    run strata gcc -O2 -c "$work/big.c" -o "$work/strata.o"
    echo "sys.o $(cksum <"$work/strata.o")" >>"$work/strata.out"
    cmp -s "$work/sys.o" "$work/strata.o" || fail "object files differ"
    compare
    ;;
  *)
    fail "unknown case"
    ;;
esac
[ -z "${3:-}" ] && rm -rf "$work"
echo "real_program $case_name: same output with and without $(basename "$lib")"
exit 0

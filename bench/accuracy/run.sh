#!/bin/sh
# bench/accuracy/run.sh: dig the evaluation's trees with the built strata, then score them.
#
# Usage: bench/accuracy/run.sh WORK [TREE ...]
#   WORK  output folder: WORK/TREE is each tree's dig output (kept for sample.py)
#   TREE  names from trees.txt (default: the labelled trees found under $TREES, the ones
#         above trees.txt's "# Held out" line; "all" adds the held-out trees, which rule
#         work must never see: dig them only to re-score at a session's end)
# Environment: TREES (where the trees are checked out, default /work/trees: TREES/NAME at the
#   commit trees.txt records), STRATA (the strata binary, default build/strata), JOBS (-j,
#   default 2), SCORE (0: dig only).
#
# Each tree is dug cold (--no-cache, --no-svg) from the folder trees.txt names; a tree whose
# checkout is at another commit than trees.txt records is dug with a warning (the labels
# were judged at the recorded commit). Then score.py prints the summary table and the
# sampled items that still need a judgment.
set -eu

work=${1:?usage: run.sh WORK [TREE ...]}
shift
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
trees=${TREES:-/work/trees}
strata=${STRATA:-$root/build/strata}
jobs=${JOBS:-2}
[ -x "$strata" ] || { echo "run.sh: $strata: no strata binary (build it first)" >&2; exit 2; }
mkdir -p "$work"

names=$*
case $names in
  '') names=$(awk '/^# Held out/ {exit} !/^#/ && NF == 5 {print $1}' "$here/trees.txt") ;;
  all) names=$(awk '!/^#/ && NF == 5 {print $1}' "$here/trees.txt"); set -- ;;
esac

dug=
for name in $names; do
  line=$(awk -v n="$name" '!/^#/ && $1 == n' "$here/trees.txt")
  [ -n "$line" ] || { echo "run.sh: $name: not in trees.txt" >&2; exit 2; }
  commit=$(echo "$line" | awk '{print $3}')
  folder=$(echo "$line" | awk '{print $4}')
  src=$trees/$name
  if [ ! -d "$src" ]; then
    [ -n "$*" ] && { echo "run.sh: $src: no checkout" >&2; exit 2; }
    echo "run.sh: $src: no checkout, skipped" >&2
    continue
  fi
  have=$(git -C "$src" rev-parse HEAD 2>/dev/null || echo unknown)
  [ "$have" = "$commit" ] || echo "run.sh: $name: checkout at $have, labels judged at $commit" >&2
  rm -rf "$work/$name"
  rc=0
  "$strata" dig "$src/$folder" -o "$work/$name" --no-cache --no-svg -q -j "$jobs" \
    2> "$work/$name.log" || rc=$?
  # 3: finished, some inputs skipped (listed in the log): the topology is whole.
  case $rc in
    0|3) ;;
    *) echo "run.sh: $name: strata dig failed ($rc), see $work/$name.log" >&2; exit 2 ;;
  esac
  dug="$dug $name"
done

[ "${SCORE:-1}" = 0 ] && exit 0
# shellcheck disable=SC2086
exec python3 "$here/score.py" "$work" $dug

#!/bin/sh
# deploy/slurm/submit.sh TREE PARTS OUT SHARDS [SBATCH-OPTION...]: submit a sharded strata
# dig to Slurm: an array job of SHARDS tasks (dig-shard.sbatch, one shard each, parts in
# PARTS), and the merge (merge.sbatch) with --dependency=afterok on the whole array, into
# OUT. TREE, PARTS and OUT must be on a folder every node sees; sbatch options (partition,
# time, --cpus-per-task, --mem ...) go to both jobs. Prints the two job ids, one a line:
# the array's, then the merge's. STRATA (the strata binary), STRATA_DIG_OPTS and
# STRATA_MERGE_OPTS are passed on from the environment.
set -eu
[ $# -ge 4 ] || { echo "usage: $0 TREE PARTS OUT SHARDS [SBATCH-OPTION...]" >&2; exit 1; }
here=$(cd "$(dirname "$0")" && pwd)
TREE=$(cd "$1" && pwd)
mkdir -p "$2"
PARTS=$(cd "$2" && pwd)
case $3 in /*) OUT=$3 ;; *) OUT=$(pwd)/$3 ;; esac
SHARDS=$4
shift 4
case $SHARDS in '' | *[!0-9]* | 0) echo "$0: SHARDS must be a whole number > 0, not '$SHARDS'" >&2; exit 1 ;; esac
STRATA=${STRATA:-$(command -v strata || echo strata)}
export TREE PARTS OUT SHARDS STRATA
array=$(sbatch --parsable --chdir="$PARTS" --array="0-$((SHARDS - 1))" "$@" "$here/dig-shard.sbatch")
array=${array%%;*}
merge=$(sbatch --parsable --chdir="$PARTS" --dependency="afterok:$array" --kill-on-invalid-dep=yes "$@" \
	"$here/merge.sbatch")
merge=${merge%%;*}
echo "$array"
echo "$merge"

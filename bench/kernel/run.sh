#!/bin/sh
# bench/kernel/run.sh: zalloc/zfree, kalloc/kfree and the engine's slab_alloc/slab_free
# against malloc/free of the same sizes under glibc, jemalloc, mimalloc and tcmalloc.
#
# usage: bench/kernel/run.sh [BUILD_DIR] [ROUNDS] [SCALE]
#   BUILD_DIR  a configured build with kbench and kbench_malloc (default: build); they are
#              built here if missing
#   ROUNDS     interleaved rounds (default 5): every configuration runs once per round, the
#              allocators in a rotated order, and the median of the rounds is reported
#   SCALE      multiplies the iteration counts (default 1: about 15 s per round)
# The peers are the Debian packages libjemalloc2, libmimalloc2.0, libtcmalloc-minimal4;
# when one is missing and we are root, apt-get installs it; otherwise it is skipped.
# Times are thread CPU time per alloc+free pair in ns (kbench.c says why), slowest thread.
# The last table is the engine's memory overhead per size class (kbench table).
set -eu
BUILD=${1:-build}
ROUNDS=${2:-5}
SCALE=${3:-1}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
case $BUILD in /*) ;; *) BUILD="$ROOT/$BUILD" ;; esac
KB="$BUILD/bench/kbench"
KM="$BUILD/bench/kbench_malloc"
if [ ! -x "$KB" ] || [ ! -x "$KM" ]; then
	cmake --build "$BUILD" -j2 --target kbench kbench_malloc >/dev/null
fi

LIBDIR=/usr/lib/x86_64-linux-gnu
[ -d "$LIBDIR" ] || LIBDIR=/usr/lib
need=""
[ -e "$LIBDIR/libjemalloc.so.2" ] || need="$need libjemalloc2"
[ -e "$LIBDIR/libmimalloc.so.2" ] || need="$need libmimalloc2.0"
[ -e "$LIBDIR/libtcmalloc_minimal.so.4" ] || need="$need libtcmalloc-minimal4"
if [ -n "$need" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
	echo "installing:$need" >&2
	(apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $need) >/dev/null 2>&1 ||
		echo "apt-get failed; missing peers are skipped" >&2
fi
PEERS="glibc:"
[ -e "$LIBDIR/libjemalloc.so.2" ] && PEERS="$PEERS jemalloc:$LIBDIR/libjemalloc.so.2"
[ -e "$LIBDIR/libmimalloc.so.2" ] && PEERS="$PEERS mimalloc:$LIBDIR/libmimalloc.so.2"
[ -e "$LIBDIR/libtcmalloc_minimal.so.4" ] && PEERS="$PEERS tcmalloc:$LIBDIR/libtcmalloc_minimal.so.4"

# The malloc face itself (libstrata.so preloaded into kbench_malloc), when built: not a
# peer, shown so that the face's own cost over the engine is visible.
SELF=""
[ -e "$BUILD/alloc/libstrata.so" ] && SELF="strata-malloc:$BUILD/alloc/libstrata.so"

OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT
# Configurations: workload size iterations (pairs per thread).
CONFIGS="pair:32:$((2000000 * SCALE)) pair:128:$((2000000 * SCALE)) pair:1024:$((2000000 * SCALE))
pair:4096:$((1000000 * SCALE)) batch:32:$((1000000 * SCALE)) batch:256:$((1000000 * SCALE))
batch:2048:$((500000 * SCALE)) churn:1024:$((1000000 * SCALE))"
round=0
while [ "$round" -lt "$ROUNDS" ]; do
	for cfg in $CONFIGS; do
		wl=${cfg%%:*}; rest=${cfg#*:}; size=${rest%%:*}; iters=${rest#*:}
		for threads in 1 2; do
			# rotate the order of the allocators from round to round
			list="strata-zone strata-kalloc strata-slab $SELF $PEERS"
			n=0
			for _ in $list; do n=$((n + 1)); done
			shift_by=$((round % n))
			rotated=""
			tail=""
			i=0
			for a in $list; do
				if [ "$i" -lt "$shift_by" ]; then tail="$tail $a"; else rotated="$rotated $a"; fi
				i=$((i + 1))
			done
			rotated="$rotated $tail"
			for a in $rotated; do
				case $a in
				strata-zone) [ "$wl" = churn ] && continue; r=$("$KB" zone "$wl" "$size" "$threads" "$iters") ;;
				strata-kalloc) r=$("$KB" kalloc "$wl" "$size" "$threads" "$iters") ;;
				strata-slab) r=$("$KB" slab "$wl" "$size" "$threads" "$iters") ;;
				glibc:) a=glibc; r=$("$KM" malloc "$wl" "$size" "$threads" "$iters") ;;
				*) lib=${a#*:}; a=${a%%:*}; r=$(LD_PRELOAD="$lib" "$KM" malloc "$wl" "$size" "$threads" "$iters") ;;
				esac
				echo "$a $r" >>"$OUT"
			done
		done
	done
	round=$((round + 1))
	echo "round $round of $ROUNDS done" >&2
done

python3 - "$OUT" <<'EOF'
import sys, statistics, collections
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    f = line.split()
    if len(f) != 6:
        continue
    alloc, _api, wl, size, threads, ns = f
    rows[(wl, int(size), int(threads), alloc)].append(float(ns))
keys = sorted({k[:3] for k in rows}, key=lambda k: (k[0] != "pair", k[0] != "batch", k[1], k[2]))
allocs = ["strata-zone", "strata-kalloc", "strata-slab", "strata-malloc", "glibc", "jemalloc", "mimalloc", "tcmalloc"]
allocs = [a for a in allocs if any(k + (a,) in rows for k in keys)]
peers = [a for a in allocs if not a.startswith("strata")]
print("median ns per alloc+free pair (thread CPU time), %d rounds" % max(len(v) for v in rows.values()))
print("%-6s %6s %3s " % ("load", "size", "thr") + " ".join("%13s" % a for a in allocs) + "   best-peer  zone/best kalloc/best slab/best malloc/best")
for k in keys:
    med = {a: statistics.median(rows[k + (a,)]) for a in allocs if k + (a,) in rows}
    best = min((med[a], a) for a in peers if a in med)
    cells = " ".join("%13s" % ("%.2f" % med[a] if a in med else "-") for a in allocs)
    ratio = lambda a: ("%.2f" % (med[a] / best[0])) if a in med else "-"
    print("%-6s %6d %3d %s   %9s  %9s %11s %9s %11s" % (k[0], k[1], k[2], cells, best[1], ratio("strata-zone"),
          ratio("strata-kalloc"), ratio("strata-slab"), ratio("strata-malloc")))
EOF
echo
echo "engine memory per size class (tail waste per slab; descriptor + header bytes per object):"
"$KB" table

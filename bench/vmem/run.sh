#!/bin/sh
# bench/vmem/run.sh BUILD_DIR [ROUNDS]: vmem against the first-fit resource map with
# 10^2, 10^4 and 10^6 live segments; medians of ROUNDS interleaved rounds (default 5).
set -eu
build=${1:-build}
rounds=${2:-5}
exe="$build/bench/vmem_bench"
[ -x "$exe" ] || { echo "run.sh: $exe not built (cmake --build $build --target vmem_bench)" >&2; exit 2; }
exec "$exe" "$rounds" 1000000

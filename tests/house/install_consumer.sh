#!/usr/bin/env bash
# Install the build into a scratch prefix, then build a consumer two ways, as another
# project would: with find_package(strata) and with pkg-config. Both must run.
set -euo pipefail
build=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
test -f "$tmp/prefix/include/strata/kalloc.h"
test -f "$tmp/prefix/share/man/man1/strata.1"

cmake -S "$src/tests/house/consumer" -B "$tmp/cm" -DCMAKE_PREFIX_PATH="$tmp/prefix" >/dev/null
cmake --build "$tmp/cm" >/dev/null
LD_LIBRARY_PATH="$tmp/prefix/lib" "$tmp/cm/consumer"

libdir=$(ls -d "$tmp"/prefix/lib*/pkgconfig | head -n 1)
export PKG_CONFIG_PATH="$libdir"
# shellcheck disable=SC2046
cc -o "$tmp/pc" "$src/tests/house/consumer/main.c" $(pkg-config --cflags --libs strata)
LD_LIBRARY_PATH="$(dirname "$libdir")" "$tmp/pc"
echo "install: find_package and pkg-config consumers built and ran"

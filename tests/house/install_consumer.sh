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
test -f "$tmp/prefix/share/man/man7/libstrata.7"
test -f "$tmp/prefix/share/bash-completion/completions/strata"
test -f "$tmp/prefix/share/zsh/vendor-completions/_strata"
for page in kalloc zalloc rmalloc strata_vmem strata_boot; do test -s "$tmp/prefix/share/man/man3/$page.3"; done
# an alias page leads man to its face's page
MANWIDTH=80 man -M "$tmp/prefix/share/man" 3 zfree 2>/dev/null | grep -q "zinit, zinit_ctor"

cmake -S "$src/tests/house/consumer" -B "$tmp/cm" -DCMAKE_PREFIX_PATH="$tmp/prefix" >/dev/null
cmake --build "$tmp/cm" >/dev/null
LD_LIBRARY_PATH="$tmp/prefix/lib" "$tmp/cm/consumer"

libdir=$(ls -d "$tmp"/prefix/lib*/pkgconfig | head -n 1)
export PKG_CONFIG_PATH="$libdir"
# shellcheck disable=SC2046
cc -o "$tmp/pc" "$src/tests/house/consumer/main.c" $(pkg-config --cflags --libs strata)
LD_LIBRARY_PATH="$(dirname "$libdir")" "$tmp/pc"
echo "install: find_package and pkg-config consumers built and ran"

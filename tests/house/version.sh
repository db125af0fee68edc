#!/usr/bin/env bash
# tests/house/version.sh STRATA TEST_VERSION LIBSTRATA_SO BUILD: one version everywhere.
# `strata --version`, the library a program loads (test_version, linked to libstrata.so),
# strata.pc, the CMake package version file and the soname must agree.
set -u
strata=$1 tv=$2 so=$3 build=$4
fail=0
bad() { echo "version: $*"; fail=1; }
cli=$("$strata" --version) || bad "strata --version failed"
lib=$("$tv" | sed -n 's/^libstrata //p')
[ -n "$lib" ] || bad "test_version printed no version"
v=${lib%% ABI *} abi=${lib##* ABI }
[ "$cli" = "strata $v (libstrata $v, ABI $abi)" ] || bad "strata --version says '$cli'; the library says $v, ABI $abi"
pc=$(sed -n 's/^Version: //p' "$build/strata.pc")
[ "$pc" = "$v" ] || bad "strata.pc says $pc, the library $v"
grep -q "set(PACKAGE_VERSION \"$v\")" "$build/strataConfigVersion.cmake" || bad "strataConfigVersion.cmake is not $v"
soname=$(readelf -d "$so" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')
[ "$soname" = "libstrata.so.$abi" ] || bad "soname is '$soname', the header's ABI $abi"
[ "$fail" -eq 0 ] && echo "version: strata $v, ABI $abi: CLI, library, strata.pc, CMake package and soname agree"
exit $fail

#!/usr/bin/env bash
# tests/house/deb.sh BUILD SRC (full tier): the Debian packages. cpack -G DEB in BUILD
# makes strata, libstrata<ABI> and libstrata-dev; their control fields and contents are
# checked; all three are unpacked into a scratch root (dpkg -x: nothing is installed on
# this machine) and a program is built against the unpacked libstrata-dev twice, with
# pkg-config and with find_package(strata), and run on the unpacked libstrata<ABI>; the
# unpacked strata runs, and man finds the unpacked pages.
set -u
build=$1 src=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/strata-deb.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "deb: $*"; fail=1; }
need() { command -v "$1" >/dev/null 2>&1 || { echo "deb: $1 is missing"; exit 1; }; }
need cpack; need dpkg-deb; need pkg-config; need cc

version=$(sed -n 's/^Version: //p' "$build/strata.pc")
abi=$(readelf -d "$build"/alloc/libstrata.so | sed -n 's/.*soname: \[libstrata\.so\.\([0-9]*\)\]/\1/p')
[ -n "$version" ] && [ -n "$abi" ] || { echo "deb: cannot read the version or the ABI from $build"; exit 1; }
(cd "$build" && cpack -G DEB -B "$tmp/pkg" >"$tmp/cpack.log" 2>&1) || { echo "deb: cpack failed:"; tail -20 "$tmp/cpack.log"; exit 1; }
arch=$(dpkg --print-architecture)
cli=$tmp/pkg/strata_${version}_$arch.deb
lib=$tmp/pkg/libstrata${abi}_${version}_$arch.deb
dev=$tmp/pkg/libstrata-dev_${version}_$arch.deb
for d in "$cli" "$lib" "$dev"; do [ -f "$d" ] || bad "no $(basename "$d") (made: $(ls "$tmp/pkg"))"; done
[ "$fail" -eq 0 ] || exit 1

field() { dpkg-deb -f "$1" "$2"; }
[ "$(field "$cli" Package)" = strata ] || bad "strata: Package is $(field "$cli" Package)"
field "$cli" Recommends | grep -qw graphviz || bad "strata does not recommend graphviz"
field "$cli" Depends | grep -q 'libc6' || bad "strata does not depend on libc6"
field "$lib" Depends | grep -q 'libc6' || bad "libstrata$abi does not depend on libc6"
[ "$(field "$dev" Depends)" = "libstrata$abi (= $version)" ] || bad "libstrata-dev depends on '$(field "$dev" Depends)'"
[ "$(field "$lib" Section)" = libs ] || bad "libstrata$abi is not in section libs"
dpkg-deb --ctrl-tarfile "$lib" | tar -xO ./shlibs 2>/dev/null | grep -q "^libstrata $abi libstrata$abi " || bad "libstrata$abi has no shlibs file"

contents() { dpkg-deb -c "$1" | awk '{ print $6 }' | sed 's|^\./|/|' | grep -v '/$'; }
contents "$cli" >"$tmp/cli.files"
contents "$lib" >"$tmp/lib.files"
contents "$dev" >"$tmp/dev.files"
for f in /usr/bin/strata /usr/share/man/man1/strata.1 /usr/share/bash-completion/completions/strata \
         /usr/share/zsh/vendor-completions/_strata; do
	grep -qx "$f" "$tmp/cli.files" || bad "strata lacks $f"
done
[ "$(sort "$tmp/lib.files" | tr '\n' ' ')" = "/usr/lib/libstrata.so.$abi /usr/lib/libstrata.so.$version " ] ||
	bad "libstrata$abi should hold the shared library only: $(tr '\n' ' ' <"$tmp/lib.files")"
for f in /usr/include/strata/strata.h /usr/include/strata/version.h /usr/lib/libstrata.so /usr/lib/libstrata.a \
         /usr/lib/pkgconfig/strata.pc /usr/lib/cmake/strata/strataConfig.cmake /usr/share/man/man3/kalloc.3 \
         /usr/share/man/man3/zalloc.3 /usr/share/man/man3/rmalloc.3 /usr/share/man/man3/strata_vmem.3 \
         /usr/share/man/man3/strata_boot.3 /usr/share/man/man7/libstrata.7; do
	grep -qx "$f" "$tmp/dev.files" || bad "libstrata-dev lacks $f"
done
# no file in two packages
[ -z "$(sort "$tmp"/*.files | uniq -d)" ] || bad "files in two packages: $(sort "$tmp"/*.files | uniq -d | tr '\n' ' ')"

root=$tmp/root
for d in "$cli" "$lib" "$dev"; do dpkg -x "$d" "$root" || bad "dpkg -x $(basename "$d") failed"; done
out=$("$root/usr/bin/strata" --version) || bad "the unpacked strata does not run"
[ "$out" = "strata $version (libstrata $version, ABI $abi)" ] || bad "unpacked strata --version: $out"
"$root/usr/bin/strata" dig "$src/tests/dig/cases/mach-kalloc/input" -o "$tmp/dig" -q --no-svg || bad "unpacked strata dig failed"
[ -s "$tmp/dig/report.md" ] || bad "unpacked strata dig wrote no report"

# a program built against the unpacked libstrata-dev, run on the unpacked libstrata<ABI>
consumer=$src/tests/house/consumer   # kalloc, the stats API, strata_version() == the header's
export PKG_CONFIG_PATH=$root/usr/lib/pkgconfig PKG_CONFIG_LIBDIR=$root/usr/lib/pkgconfig
[ "$(pkg-config --modversion strata)" = "$version" ] || bad "pkg-config --modversion strata: $(pkg-config --modversion strata)"
# shellcheck disable=SC2046
cc -o "$tmp/app-pc" "$consumer/main.c" $(pkg-config --cflags --libs strata) || bad "pkg-config build failed"
readelf -d "$tmp/app-pc" 2>/dev/null | grep -q "NEEDED.*libstrata.so.$abi" || bad "app-pc does not need libstrata.so.$abi"
[ "$(LD_LIBRARY_PATH=$root/usr/lib "$tmp/app-pc")" = "libstrata $version, kalloc calls: 1" ] ||
	bad "app-pc did not run on the unpacked library"
unset PKG_CONFIG_PATH PKG_CONFIG_LIBDIR
if cmake -S "$consumer" -B "$tmp/cm" -DCMAKE_PREFIX_PATH="$root/usr" >"$tmp/cm.log" 2>&1 &&
   cmake --build "$tmp/cm" >>"$tmp/cm.log" 2>&1; then
	[ "$(LD_LIBRARY_PATH=$root/usr/lib "$tmp/cm/consumer")" = "libstrata $version, kalloc calls: 1" ] ||
		bad "the find_package build did not run on the unpacked library"
	grep -q "$root/usr" "$tmp/cm/CMakeCache.txt" || bad "find_package did not find the unpacked package"
else
	bad "find_package(strata) build failed:"; tail -15 "$tmp/cm.log"
fi
# the unpacked pages: man finds zfree in zalloc(3), and strata(1)
if command -v man >/dev/null 2>&1; then
	MANWIDTH=80 man -M "$root/usr/share/man" 3 zfree 2>/dev/null | grep -q zinit || bad "man 3 zfree does not show zalloc(3)"
	MANWIDTH=80 man -M "$root/usr/share/man" 1 strata 2>/dev/null | grep -q "strata dig" || bad "man strata does not render"
fi
[ "$fail" -eq 0 ] && echo "deb: strata, libstrata$abi, libstrata-dev $version: fields, contents, unpacked CLI, pkg-config and find_package builds all good"
exit $fail

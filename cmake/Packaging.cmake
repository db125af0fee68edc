# Debian packages by CPack: `cpack -G DEB` in a build folder (after the build) writes
#   strata_<version>_<arch>.deb          the CLI, strata(1), bash and zsh completion
#                                        (Recommends: graphviz, for the SVG graphs)
#   libstrata<ABI>_<version>_<arch>.deb  libstrata.so.<ABI> (the soname's number: the package
#                                        name changes with the ABI, as Debian's policy wants)
#   libstrata-dev_<version>_<arch>.deb   headers, libstrata.so, libstrata.a, strata.pc, the
#                                        CMake package, the man pages of sections 3 and 7
# installed under /usr. Each install() rule names its component (cli, lib, dev).
# tests/house/deb.sh (full tier) builds them and a program against them.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME strata)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "strata maintainers <maintainers@strata.invalid>")
# (no CPACK_PACKAGE_DESCRIPTION_SUMMARY: each package's description starts with its own)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL cli lib dev)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://strata.invalid/")
# Dependencies on shared libraries (libc6) from dpkg-shlibdeps (Debian's dpkg-dev; CPack
# also needs `file` and `readelf` for it) when it is there, else stated by hand.
find_program(STRATA_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(STRATA_DPKG_SHLIBDEPS)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
else()
  set(CPACK_DEBIAN_CLI_PACKAGE_DEPENDS "libc6 (>= 2.34), libxxhash0 (>= 0.7.1)")
  set(CPACK_DEBIAN_LIB_PACKAGE_DEPENDS "libc6 (>= 2.34)")
endif()

set(CPACK_DEBIAN_CLI_PACKAGE_NAME strata)
set(CPACK_DEBIAN_CLI_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_CLI_PACKAGE_RECOMMENDS graphviz)
set(CPACK_DEBIAN_CLI_PACKAGE_SUGGESTS libstrata-dev)
set(CPACK_DEBIAN_CLI_DESCRIPTION "excavate the memory-allocation topology of a C tree
strata dig writes every allocator implementation of a C tree with its backend chain, every allocation call site, a feature analysis, the redundancy factor, DOT/SVG graphs and a report; strata callers/callees/trace answer cscope-style queries, strata stats reads libstrata's statistics dumps.")

set(CPACK_DEBIAN_LIB_PACKAGE_NAME libstrata${STRATA_ABI_VERSION})
set(CPACK_DEBIAN_LIB_PACKAGE_SECTION libs)
set(CPACK_DEBIAN_LIB_DESCRIPTION "one layered allocator behind malloc, kalloc, zones, resource maps and boot
libstrata serves the malloc family, Mach kalloc and zones, the V7 resource map, vmem arenas and an early-boot face from one engine; a program uses it by linking or through LD_PRELOAD.")
# a shlibs file for packages built against libstrata.so.<ABI> (CPack adds ldconfig to the
# library package's postinst/postrm itself)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY ">=")

set(CPACK_DEBIAN_DEV_PACKAGE_NAME libstrata-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS "libstrata${STRATA_ABI_VERSION} (= ${PROJECT_VERSION})")
set(CPACK_DEBIAN_DEV_DESCRIPTION "libstrata: headers, static library, pkg-config and CMake files, man pages
Everything to build against libstrata: the headers <strata/*.h>, libstrata.so and libstrata.a, strata.pc, the CMake package for find_package(strata), and the man pages kalloc(3), zalloc(3), rmalloc(3), strata_vmem(3), strata_boot(3) and the other faces', and libstrata(7).")

include(CPack)

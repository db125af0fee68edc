# Tree-sitter runtime and C grammar, built from the C sources inside their npm packages.
#
# The tarballs are fetched at configure time with `npm pack NAME@VERSION` into the build
# folder, verified against the pinned SHA-256 below, unpacked there, and compiled into one
# static library `strata_treesitter`. Nothing fetched is ever written into the source tree.
# Debian's libtree-sitter 0.20.7 is deliberately not used: it corrupts its heap and aborts on
# some real headers (files of bare initializer rows, tree-sitter-c issue 128).
#
# Offline builds: set STRATA_TS_TARBALLS to a folder that already holds the two .tgz files.

set(STRATA_TS_RUNTIME_VERSION "0.25.1")
set(STRATA_TS_RUNTIME_SHA256 "07aeba8dd71630e7e72b2d4ca3bd2680c3471824100cc5ebff44e78a6ed0b6d3")
set(STRATA_TS_C_VERSION "0.23.5")
set(STRATA_TS_C_SHA256 "20edb0872863769947f5c10839ca5420909a991bc79eb55666b74f0c11305c89")

set(_ts_cache "${CMAKE_BINARY_DIR}/_deps/npm")
file(MAKE_DIRECTORY "${_ts_cache}")

# strata_npm_fetch(NAME VERSION SHA256 OUTVAR): path of the verified, unpacked package folder.
function(strata_npm_fetch name version sha256 outvar)
  set(tgz "${_ts_cache}/${name}-${version}.tgz")
  if(STRATA_TS_TARBALLS AND EXISTS "${STRATA_TS_TARBALLS}/${name}-${version}.tgz")
    file(COPY_FILE "${STRATA_TS_TARBALLS}/${name}-${version}.tgz" "${tgz}")
  endif()
  if(EXISTS "${tgz}")
    file(SHA256 "${tgz}" have)
    if(NOT have STREQUAL sha256)
      message(STATUS "strata: cached ${name}-${version}.tgz has a wrong checksum; fetching again")
      file(REMOVE "${tgz}")
    endif()
  endif()
  if(NOT EXISTS "${tgz}")
    find_program(STRATA_NPM npm)
    if(NOT STRATA_NPM)
      message(FATAL_ERROR "strata: npm is needed to fetch ${name}@${version} "
        "(apt-get install npm), or set STRATA_TS_TARBALLS to a folder holding ${name}-${version}.tgz")
    endif()
    message(STATUS "strata: fetching ${name}@${version} with npm pack")
    execute_process(COMMAND "${STRATA_NPM}" pack --silent "${name}@${version}"
      WORKING_DIRECTORY "${_ts_cache}" RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
    if(NOT rc EQUAL 0 OR NOT EXISTS "${tgz}")
      message(FATAL_ERROR "strata: npm pack ${name}@${version} failed (${rc}): ${err}")
    endif()
    file(SHA256 "${tgz}" have)
    if(NOT have STREQUAL sha256)
      file(REMOVE "${tgz}")
      message(FATAL_ERROR "strata: ${name}-${version}.tgz checksum mismatch: got ${have}, want ${sha256}")
    endif()
  endif()
  set(dir "${_ts_cache}/${name}-${version}")
  if(NOT EXISTS "${dir}/.unpacked-${sha256}")
    file(REMOVE_RECURSE "${dir}")
    file(ARCHIVE_EXTRACT INPUT "${tgz}" DESTINATION "${dir}")
    file(WRITE "${dir}/.unpacked-${sha256}" "")
  endif()
  set(${outvar} "${dir}/package" PARENT_SCOPE)
endfunction()

strata_npm_fetch(tree-sitter "${STRATA_TS_RUNTIME_VERSION}" "${STRATA_TS_RUNTIME_SHA256}" _ts_rt)
strata_npm_fetch(tree-sitter-c "${STRATA_TS_C_VERSION}" "${STRATA_TS_C_SHA256}" _ts_c)
set(STRATA_TS_C_SRC "${_ts_c}/src")   # the grammar's sources (tests/dig/scan/test_scan_table.c)

add_library(strata_treesitter STATIC
  "${PROJECT_SOURCE_DIR}/cmake/ts_lib.c"         # lib.c, with strata_ts_children
  "${PROJECT_SOURCE_DIR}/cmake/ts_parser_c.c")   # parser.c, with a faster set_contains, all states dense
target_include_directories(strata_treesitter SYSTEM
  PUBLIC "${_ts_rt}/vendor/tree-sitter/lib/include"
  PRIVATE "${_ts_rt}/vendor/tree-sitter/lib/src" "${_ts_c}/src")
set_source_files_properties("${PROJECT_SOURCE_DIR}/cmake/ts_parser_c.c" PROPERTIES COMPILE_DEFINITIONS
  "STRATA_TS_C_PARSER=\"${_ts_c}/src/parser.c\";STRATA_TS_C_PARSER_H=\"${_ts_c}/src/tree_sitter/parser.h\"")
set_source_files_properties("${PROJECT_SOURCE_DIR}/cmake/ts_lib.c" PROPERTIES COMPILE_DEFINITIONS
  "STRATA_TS_LIB=\"${_ts_rt}/vendor/tree-sitter/lib/src/lib.c\"")
# Third-party code: built with its own defaults, not our warning set.
target_compile_options(strata_treesitter PRIVATE -w -O2)
target_compile_definitions(strata_treesitter PRIVATE _POSIX_C_SOURCE=200112L _DEFAULT_SOURCE)
set_target_properties(strata_treesitter PROPERTIES C_STANDARD 11 POSITION_INDEPENDENT_CODE ON)

# strata dig, scan stage: the libFuzzer target over dig_scan_buffer (tests/dig/fuzz/).
# Registered only when the C compiler is clang, the build is not already sanitized, and
# -fsanitize=fuzzer links; then it runs in
# the `full` tier for a bounded time (20000 runs or 60 s) from the seed corpus in
# tests/dig/fuzz/corpus (new inputs go to a corpus folder in the build tree). The scan
# sources are compiled into the target itself so that libFuzzer's coverage sees them.
if(CMAKE_C_COMPILER_ID MATCHES "Clang" AND TARGET strata_treesitter AND NOT STRATA_SANITIZE)
  include(CheckCSourceCompiles)
  set(CMAKE_REQUIRED_FLAGS "-fsanitize=fuzzer")
  check_c_source_compiles([=[
#include <stddef.h>
#include <stdint.h>
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { (void)data; (void)size; return 0; }
]=] STRATA_HAVE_LIBFUZZER)
  unset(CMAKE_REQUIRED_FLAGS)
  if(STRATA_HAVE_LIBFUZZER)
    set(STRATA_DIG_SOURCES)
    include("${PROJECT_SOURCE_DIR}/dig/scan/sources.cmake")
    list(TRANSFORM STRATA_DIG_SOURCES PREPEND "${PROJECT_SOURCE_DIR}/dig/")
    add_executable(fuzz_scan fuzz/fuzz_scan.c ${STRATA_DIG_SOURCES})
    strata_target_defaults(fuzz_scan)
    target_compile_options(fuzz_scan PRIVATE -fsanitize=fuzzer,address,undefined -fno-omit-frame-pointer)
    target_link_options(fuzz_scan PRIVATE -fsanitize=fuzzer,address,undefined)
    # the scan's XXH3 content hashes (dig/CMakeLists.txt's imported target is not seen here)
    find_package(PkgConfig REQUIRED)
    pkg_check_modules(XXHASH_FUZZ REQUIRED IMPORTED_TARGET libxxhash)
    target_link_libraries(fuzz_scan PRIVATE strata_treesitter PkgConfig::XXHASH_FUZZ Threads::Threads)
    set(corpus "${CMAKE_CURRENT_BINARY_DIR}/fuzz_scan_corpus")
    file(MAKE_DIRECTORY "${corpus}")
    add_test(NAME fuzz_scan COMMAND fuzz_scan -runs=20000 -max_total_time=60 -timeout=10
      -rss_limit_mb=2048 "${corpus}" "${CMAKE_CURRENT_SOURCE_DIR}/fuzz/corpus")
    set_tests_properties(fuzz_scan PROPERTIES LABELS full TIMEOUT 300)
  endif()
endif()

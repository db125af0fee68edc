# strata dig, scan stage: unit tests (tests/dig/scan/), one program per topic, all in the
# quick tier; the cheap ones also run under valgrind, and the threaded cache test (scan
# workers, the cache written beside the reader) under TSan in the sanitize tier. Plus two debugging aids that are
# built but not run: scan_ts_dump (the raw tree-sitter tree of a file) and scan_facts_dump
# (every fact the scan extracts from a file).
foreach(topic knr macro dead vtable noise decls hostile lex whole)
  strata_test(test_scan_${topic} SOURCES scan/test_scan_${topic}.c LIBS strata_dig VALGRIND)
endforeach()
strata_test(test_scan_walk SOURCES scan/test_scan_walk.c LIBS strata_dig)
# The dense parse table (cmake/ts_parser_c.c) against the generated one, pair by pair.
strata_test(test_scan_table SOURCES scan/test_scan_table.c LIBS strata_treesitter)
target_include_directories(test_scan_table SYSTEM PRIVATE "${STRATA_TS_C_SRC}")
strata_test(test_scan_cache SOURCES scan/test_scan_cache.c LIBS strata_dig LABELS quick sanitize)

add_executable(scan_ts_dump scan/ts_dump.c)
strata_target_defaults(scan_ts_dump)
target_link_libraries(scan_ts_dump PRIVATE strata_treesitter)
add_executable(scan_facts_dump scan/facts_dump.c)
strata_target_defaults(scan_facts_dump)
target_link_libraries(scan_facts_dump PRIVATE strata_dig)

# strata_dig_script_test(NAME SCRIPT [ARGS...]): sh scan/SCRIPT STRATA ARGS..., quick tier.
function(strata_dig_script_test name script)
  add_test(NAME ${name} COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/scan/${script}" $<TARGET_FILE:strata> ${ARGN})
  set_tests_properties(${name} PROPERTIES LABELS quick)
endfunction()

# The fast path (deep words from the vocabulary) against --deep all on the golden corpus:
# the allocation artifacts must be identical.
strata_dig_script_test(dig_depth_equal run-depth.sh "${CMAKE_CURRENT_SOURCE_DIR}/cases")

# Queries after a re-dig that leaves files out (with the cache and with --no-cache).
strata_dig_script_test(dig_cache_stale run-stale.sh)

# The fact cache keyed on content, through strata dig: touch -r, cp -p, tar, a damaged
# record in OUT's cache.
strata_dig_script_test(dig_cache_keys run-cache-keys.sh)

# File names with newlines, ESC, C1 controls and non-UTF-8 bytes, escaped on stderr.
strata_dig_script_test(dig_names_escaped run-names.sh)

# Inputs the walk skips: listed, counted in the summary, exit 3; a second name is no skip.
strata_dig_script_test(dig_inputs_skipped run-skips.sh)

# One big file costs about what its functions cost in many files (a CPU-time limit twenty
# times the linear cost tells finishing from the old quadratic stages).
strata_dig_script_test(dig_bounded_cost run-bounded.sh)

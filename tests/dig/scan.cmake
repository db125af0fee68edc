# strata dig, scan stage: unit tests (tests/dig/scan/), one program per topic, all in the
# quick tier; the cheap ones also run under valgrind, and the threaded cache test (scan
# workers, the cache written beside the reader) under TSan in the sanitize tier. Plus two debugging aids that are
# built but not run: scan_ts_dump (the raw tree-sitter tree of a file) and scan_facts_dump
# (every fact the scan extracts from a file).
foreach(topic knr macro dead vtable noise decls hostile lex whole)
  strata_test(test_scan_${topic} SOURCES scan/test_scan_${topic}.c LIBS strata_dig VALGRIND)
endforeach()
strata_test(test_scan_walk SOURCES scan/test_scan_walk.c LIBS strata_dig)
strata_test(test_scan_cache SOURCES scan/test_scan_cache.c LIBS strata_dig LABELS quick sanitize)

add_executable(scan_ts_dump scan/ts_dump.c)
strata_target_defaults(scan_ts_dump)
target_link_libraries(scan_ts_dump PRIVATE strata_treesitter)
add_executable(scan_facts_dump scan/facts_dump.c)
strata_target_defaults(scan_facts_dump)
target_link_libraries(scan_facts_dump PRIVATE strata_dig)

# The fast path (deep words from the vocabulary) against --deep all on the golden corpus:
# the allocation artifacts must be identical.
add_test(NAME dig_depth_equal
  COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/scan/run-depth.sh" $<TARGET_FILE:strata>
          "${CMAKE_CURRENT_SOURCE_DIR}/cases")
set_tests_properties(dig_depth_equal PROPERTIES LABELS quick)

# Queries after a re-dig that leaves files out (with the cache and with --no-cache).
add_test(NAME dig_cache_stale
  COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/scan/run-stale.sh" $<TARGET_FILE:strata>)
set_tests_properties(dig_cache_stale PROPERTIES LABELS quick)

# The fact cache keyed on content, through strata dig: touch -r, cp -p, tar, a damaged
# record in OUT's cache.
add_test(NAME dig_cache_keys
  COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/scan/run-cache-keys.sh" $<TARGET_FILE:strata>)
set_tests_properties(dig_cache_keys PROPERTIES LABELS quick)

# File names with newlines, ESC, C1 controls and non-UTF-8 bytes, escaped on stderr.
add_test(NAME dig_names_escaped
  COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/scan/run-names.sh" $<TARGET_FILE:strata>)
set_tests_properties(dig_names_escaped PROPERTIES LABELS quick)

# Inputs the walk skips: listed, counted in the summary, exit 3; a second name is no skip.
add_test(NAME dig_inputs_skipped
  COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/scan/run-skips.sh" $<TARGET_FILE:strata>)
set_tests_properties(dig_inputs_skipped PROPERTIES LABELS quick)

# One big file costs about what its functions cost in many files (a CPU-time limit twenty
# times the linear cost tells finishing from the old quadratic stages).
add_test(NAME dig_bounded_cost
  COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/scan/run-bounded.sh" $<TARGET_FILE:strata>)
set_tests_properties(dig_bounded_cost PROPERTIES LABELS quick)

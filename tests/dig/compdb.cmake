# strata dig --compdb and --files: the database and list readers and what the scan makes of
# the flags (test_compdb), and a dig of the fixture tests/dig/compdb/input whose build
# commands decide an include and a macro (run-compdb.sh). Quick tier.
strata_test(test_compdb SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/compdb/test_compdb.c LIBS strata_dig VALGRIND)
add_test(NAME dig_compdb
  COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/compdb/run-compdb.sh" $<TARGET_FILE:strata>
          "${CMAKE_CURRENT_SOURCE_DIR}/compdb")
set_tests_properties(dig_compdb PROPERTIES LABELS quick)

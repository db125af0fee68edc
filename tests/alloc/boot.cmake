# The boot face (alloc/boot): one boot story per program, since a process boots once.
if(TARGET strata_core)
  strata_test(test_boot SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_boot.c LIBS strata_core VALGRIND)
  strata_test(test_boot_names SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_boot_names.c LIBS strata_core)
  strata_test(test_boot_race SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_boot_race.c LIBS strata_core
    LABELS quick sanitize ARGS 4)
  set_tests_properties(test_boot test_boot_names test_boot_race PROPERTIES TIMEOUT 120)
endif()
# Small regions: 1 MiB (kget_space only) and 2 MiB (every face).
if(TARGET strata_core)
  strata_test(test_boot_small SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_boot_small.c LIBS strata_core ARGS 2)
  add_test(NAME test_boot_small_1mib COMMAND test_boot_small 1)
  set_tests_properties(test_boot_small_1mib PROPERTIES LABELS quick)
endif()
add_test(NAME test_boot_small_512k COMMAND test_boot_small half)
set_tests_properties(test_boot_small_512k PROPERTIES LABELS quick)

# Unit tests of the platform seam, error sink, options, counters and the core.
strata_test(test_page SOURCES test_page.c LIBS strata_core VALGRIND)
strata_test(test_core SOURCES test_core.c LIBS strata_core ARGS 12345 VALGRIND)
strata_test(test_core_source SOURCES test_core_source.c LIBS strata_core VALGRIND)
strata_test(test_sync SOURCES test_sync.c LIBS strata_core ARGS 4 20000 LABELS quick sanitize)
strata_test(test_error SOURCES test_error.c LIBS strata_core)
target_compile_definitions(test_error PRIVATE STRATA_HOSTED=1)
strata_test(test_options SOURCES test_options.c LIBS strata_core ARGS env
  ENV STRATA_MAGAZINE=12 STRATA_THREADS=spin STRATA_KALLOC_MAX=32k STRATA_STATS=Yes STRATA_PAGE_SOURCE=1
      STRATA_PURGE_DECAY=-1 STRATA_GUARD=off STRATA_ERROR=bogus STRATA_DEBUG=12x STRATA_SVR4=maybe
      STRATA_CANARY= STRATA_TRACE=99999999999999999999)
add_test(NAME test_options_default COMMAND test_options default)
set_tests_properties(test_options_default PROPERTIES LABELS quick)
strata_test(test_stats SOURCES test_stats.c ${PROJECT_SOURCE_DIR}/dig/cli/cmd_stats.c
  ${PROJECT_SOURCE_DIR}/dig/write/escape.c LIBS strata_core
  ARGS 6 10000 LABELS quick sanitize VALGRIND)
strata_test(test_core_threads SOURCES test_core_threads.c LIBS strata_core ARGS 4 3000 LABELS quick sanitize)
strata_test(test_stats_exit SOURCES test_stats_exit.c LIBS strata_core)
strata_test(test_core_sbrk SOURCES test_core.c LIBS strata_core ARGS 777 ENV STRATA_PAGE_SOURCE=sbrk)
strata_test(test_core_nodecay SOURCES test_core.c LIBS strata_core ARGS 99 ENV STRATA_PURGE_DECAY=0)
# The layers in one order without cycles: platform -> stats -> vmem -> core -> slab ->
# faces -> topology; the faces never include the slab engine's private header.
find_package(Python3 COMPONENTS Interpreter QUIET)
if(Python3_Interpreter_FOUND)
  add_test(NAME alloc_layers COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/layers.py ${PROJECT_SOURCE_DIR})
  set_tests_properties(alloc_layers PROPERTIES LABELS quick)
endif()
strata_test(test_sync_lockdebug SOURCES test_sync.c LIBS strata_core_lockdebug ARGS 4 5000)

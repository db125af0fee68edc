# The golden corpus: tests/dig/cases/<case>/{input,expected}; one CTest per case so a
# failure names its case. The runner diffs the chosen artifacts (see run-golden.sh).
file(GLOB STRATA_GOLDEN_CASES LIST_DIRECTORIES true RELATIVE "${CMAKE_CURRENT_SOURCE_DIR}/cases"
     "${CMAKE_CURRENT_SOURCE_DIR}/cases/*")
foreach(golden_case IN LISTS STRATA_GOLDEN_CASES)
  if(IS_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}/cases/${golden_case}/expected")
    add_test(NAME golden.${golden_case}
      COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/golden/run-golden.sh" $<TARGET_FILE:strata>
              "${CMAKE_CURRENT_SOURCE_DIR}/cases" ${golden_case})
    # sanitize too: the TSan build runs strata dig end to end (scan workers, the cache
    # thread, the writer threads)
    set_tests_properties(golden.${golden_case} PROPERTIES LABELS "quick;sanitize")
    # the debug build (the model at STRATA_DIG_DEBUG=2): the same answers, every invariant
    # checked after every stage
    add_test(NAME golden_debug.${golden_case}
      COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/golden/run-golden.sh" $<TARGET_FILE:strata_debug>
              "${CMAKE_CURRENT_SOURCE_DIR}/cases" ${golden_case})
    set_tests_properties(golden_debug.${golden_case} PROPERTIES LABELS quick)
  elseif(IS_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}/cases/${golden_case}")
    # a case without expected outputs would be skipped in silence: refuse it
    message(SEND_ERROR "golden case ${golden_case} has no expected/ folder (tests/dig/cases)")
  endif()
endforeach()

# The CLI around the model: queries, ambiguity, exit codes (see run-queries.sh).
add_test(NAME golden.queries
  COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/golden/run-queries.sh" $<TARGET_FILE:strata>
          "${CMAKE_CURRENT_SOURCE_DIR}/cases")
set_tests_properties(golden.queries PROPERTIES LABELS quick)

# docs/topology.schema.json describes what dig writes, on every golden case (check-schema.py).
add_test(NAME golden.schema
  COMMAND python3 "${CMAKE_CURRENT_SOURCE_DIR}/golden/check-schema.py" $<TARGET_FILE:strata>
          "${CMAKE_CURRENT_SOURCE_DIR}/cases" "${PROJECT_SOURCE_DIR}/docs/topology.schema.json")
set_tests_properties(golden.schema PROPERTIES LABELS quick)

# The redundancy factor is one number: the dig summary, report.md, report.html and
# topology.json show the same one on every golden case (check-rf.py).
add_test(NAME golden.rf
  COMMAND python3 "${CMAKE_CURRENT_SOURCE_DIR}/golden/check-rf.py" $<TARGET_FILE:strata>
          "${CMAKE_CURRENT_SOURCE_DIR}/cases")
set_tests_properties(golden.rf PROPERTIES LABELS quick)

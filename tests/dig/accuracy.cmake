# The accuracy evaluation's scorer (bench/accuracy): its keys, sample draw, label parser and
# ratios on a made-up topology, and the committed labels files parse. Needs python3.
find_program(STRATA_PYTHON3 python3)
if(STRATA_PYTHON3)
  add_test(NAME dig.accuracy_scorer
    COMMAND "${STRATA_PYTHON3}" "${PROJECT_SOURCE_DIR}/bench/accuracy/selftest.py")
  set_tests_properties(dig.accuracy_scorer PROPERTIES LABELS quick)
else()
  message(STATUS "tests/dig: no python3, dig.accuracy_scorer not run")
endif()

# Model and writer tests on hand-built facts (no scan needed).
strata_test(test_dig_model SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/model/test_model.c LIBS strata_dig
            LABELS quick VALGRIND)
strata_test(test_dig_write SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/model/test_write.c LIBS strata_dig
            LABELS quick VALGRIND)

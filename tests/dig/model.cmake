# Model and writer tests on hand-built facts (no scan needed).
strata_test(test_dig_model SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/model/test_model.c LIBS strata_dig
            LABELS quick VALGRIND)
# The same cases against the model built at debug level 2: every model they build is checked
# by its assertions and by model_verify after each stage (dig/assert.h).
strata_test(test_dig_model_debug SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/model/test_model.c LIBS strata_dig_debug
            LABELS quick)
# The model's type words (model.c) on their own.
strata_test(test_dig_model_types SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/model/test_model_types.c LIBS strata_dig
            LABELS quick VALGRIND)
strata_test(test_dig_write SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/model/test_write.c LIBS strata_dig
            LABELS quick VALGRIND)

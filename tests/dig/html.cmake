# report.html in a real browser (tests/dig/html): a DOM check with chromium --dump-dom in
# the quick tier (skipped, with a message, when chromium is not installed), and real clicks
# through playwright-core in the full tier (./dev test full installs chromium and it).
add_test(NAME html.report
  COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/html/run-html.sh" $<TARGET_FILE:strata> "${CMAKE_CURRENT_SOURCE_DIR}/cases")
set_tests_properties(html.report PROPERTIES LABELS quick SKIP_RETURN_CODE 77)
add_test(NAME html.browser
  COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/html/run-browser.sh" $<TARGET_FILE:strata>
          "${CMAKE_CURRENT_SOURCE_DIR}/cases" "${PROJECT_SOURCE_DIR}")
set_tests_properties(html.browser PROPERTIES LABELS full
  ENVIRONMENT "PLAYWRIGHT_CORE=${PROJECT_BINARY_DIR}/_deps/playwright/node_modules/playwright-core/index.mjs")

# The output folder OUT (dig/write/outdir.c): hostile OUTs refused and left as they were,
# a kill at every step of a dig leaving OUT whole, and a fuzz of both (tests/dig/outdir/).
add_executable(strata_faulty outdir/strata_faulty.c)
strata_target_defaults(strata_faulty)
target_link_libraries(strata_faulty PRIVATE strata_dig)

add_test(NAME dig_out_hostile
  COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/outdir/run-hostile.sh" $<TARGET_FILE:strata>
          "${CMAKE_CURRENT_SOURCE_DIR}/cases" $<TARGET_FILE:strata_faulty>)
add_test(NAME dig_out_kill
  COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/outdir/run-kill.sh" $<TARGET_FILE:strata> $<TARGET_FILE:strata_faulty>
          "${CMAKE_CURRENT_SOURCE_DIR}/cases")
add_test(NAME dig_out_fuzz
  COMMAND python3 "${CMAKE_CURRENT_SOURCE_DIR}/outdir/fuzz_out.py" $<TARGET_FILE:strata> $<TARGET_FILE:strata_faulty>
          "${CMAKE_CURRENT_SOURCE_DIR}/cases" 60 1)
set_tests_properties(dig_out_hostile dig_out_kill dig_out_fuzz PROPERTIES LABELS quick)

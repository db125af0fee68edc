# strata dig across shards: `dig --shard I/N -o PART` and `strata merge PART... -o OUT`.
# Quick tier: the parts at the scan's interface (test_part), a merged split against one dig
# on the golden corpus and on strata's own tree, --files against the walk (run-shard.sh),
# and the merge's refusals (run-merge-errors.sh). The real Slurm cluster is in the full
# tier (slurm/run-slurm.sh).
strata_test(test_part SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/shard/test_part.c LIBS strata_dig)
add_test(NAME dig_shard_equal
  COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/shard/run-shard.sh" $<TARGET_FILE:strata>
          "${CMAKE_CURRENT_SOURCE_DIR}/cases" "${PROJECT_SOURCE_DIR}")
set_tests_properties(dig_shard_equal PROPERTIES LABELS quick)
add_test(NAME dig_merge_errors
  COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/shard/run-merge-errors.sh" $<TARGET_FILE:strata>
          "${CMAKE_CURRENT_SOURCE_DIR}/cases")
set_tests_properties(dig_merge_errors PROPERTIES LABELS quick)

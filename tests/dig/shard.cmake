# strata dig across shards: `dig --shard I/N -o PART` and `strata merge PART... -o OUT`.
# Quick tier: the parts at the scan's interface (test_part), a merged split against one dig
# on the golden corpus and on strata's own tree, --files against the walk (run-shard.sh),
# and the merge's refusals (run-merge-errors.sh). The real Slurm cluster is in the full
# tier (shard/run-slurm.sh, below).
strata_test(test_part SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/shard/test_part.c LIBS strata_dig VALGRIND)
add_test(NAME dig_shard_equal
  COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/shard/run-shard.sh" $<TARGET_FILE:strata>
          "${CMAKE_CURRENT_SOURCE_DIR}/cases" "${PROJECT_SOURCE_DIR}")
set_tests_properties(dig_shard_equal PROPERTIES LABELS quick)
add_test(NAME dig_merge_errors
  COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/shard/run-merge-errors.sh" $<TARGET_FILE:strata>
          "${CMAKE_CURRENT_SOURCE_DIR}/cases")
set_tests_properties(dig_merge_errors PROPERTIES LABELS quick)
# Full tier: deploy/slurm on a real one-node Slurm cluster (slurm-wlm, munge) started and
# stopped by the test; skipped (77, with the reason) only where the daemons cannot run.
add_test(NAME dig_slurm
  COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/shard/run-slurm.sh" $<TARGET_FILE:strata> "${PROJECT_SOURCE_DIR}")
set_tests_properties(dig_slurm PROPERTIES LABELS full SKIP_RETURN_CODE 77 RUN_SERIAL TRUE TIMEOUT 600)

# sim/: strata-sim, the simulated kernel (see sim/README.md). It links the engine without
# the malloc overrides (strata_core), so the host libc keeps serving the sim's own
# bookkeeping while libstrata serves the simulated kernel.
if(TARGET strata_core)
  add_executable(strata-sim
    ${CMAKE_CURRENT_LIST_DIR}/main.c
    ${CMAKE_CURRENT_LIST_DIR}/physmem.c
    ${CMAKE_CURRENT_LIST_DIR}/ledger.c
    ${CMAKE_CURRENT_LIST_DIR}/kcall.c
    ${CMAKE_CURRENT_LIST_DIR}/pager.c
    ${CMAKE_CURRENT_LIST_DIR}/ipc.c
    ${CMAKE_CURRENT_LIST_DIR}/vm.c
    ${CMAKE_CURRENT_LIST_DIR}/driver.c
    ${CMAKE_CURRENT_LIST_DIR}/flow.c)
  strata_target_defaults(strata-sim)
  target_link_libraries(strata-sim PRIVATE strata_core)
endif()

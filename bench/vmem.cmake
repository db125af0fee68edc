# vmem against the historical first-fit resource map (bench/vmem). Run: bench/vmem/run.sh BUILD_DIR
if(TARGET strata_core)
  add_executable(vmem_bench vmem/vmem_bench.c vmem/firstfit.c)
  strata_target_defaults(vmem_bench)
  target_link_libraries(vmem_bench PRIVATE strata_core Threads::Threads)
  target_include_directories(vmem_bench PRIVATE "${PROJECT_SOURCE_DIR}/tests")   # xorshift.h
endif()

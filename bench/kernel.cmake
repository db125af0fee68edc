# Kernel-face benchmarks (bench/kernel): zalloc/zfree, kalloc/kfree and slab_alloc/free
# against malloc/free of the same sizes. kbench links libstrata's engine; kbench_malloc
# links nothing of strata, so LD_PRELOAD decides which malloc it measures.
# Run: bench/kernel/run.sh BUILD_DIR (installs jemalloc/mimalloc/tcmalloc when root).
if(TARGET strata_core)
  add_executable(kbench kernel/kbench.c)
  strata_target_defaults(kbench)
  target_compile_definitions(kbench PRIVATE KBENCH_STRATA=1)
  target_link_libraries(kbench PRIVATE strata_core Threads::Threads)
endif()
add_executable(kbench_malloc kernel/kbench.c)
strata_target_defaults(kbench_malloc)
target_link_libraries(kbench_malloc PRIVATE Threads::Threads)

# bench/malloc: the malloc face's workloads, run under any allocator by bench/run-malloc
# (LD_PRELOAD). They call only the standard malloc family and link nothing of strata's.
set(STRATA_MALLOC_BENCH larson xmalloc cache_scratch smallobj reallocs frag pairs)
foreach(w IN LISTS STRATA_MALLOC_BENCH)
  add_executable(bench_malloc_${w} "${CMAKE_CURRENT_SOURCE_DIR}/malloc/${w}.c")
  strata_target_defaults(bench_malloc_${w})
  target_compile_options(bench_malloc_${w} PRIVATE -fno-builtin)
  target_link_libraries(bench_malloc_${w} PRIVATE Threads::Threads)
endforeach()
# runwait: wall time and peak RSS of a command, where /usr/bin/time is missing.
add_executable(bench_malloc_runwait "${CMAKE_CURRENT_SOURCE_DIR}/malloc/runwait.c")
strata_target_defaults(bench_malloc_runwait)
add_custom_target(bench_malloc DEPENDS strata_shared bench_malloc_runwait
  bench_malloc_larson bench_malloc_xmalloc bench_malloc_cache_scratch bench_malloc_smallobj
  bench_malloc_reallocs bench_malloc_frag bench_malloc_pairs)

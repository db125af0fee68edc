# strata dig benchmarks (bench/dig/): scan_bench times the scan stage alone on a real tree
# (files, MB, MB/s, facts, peak RSS); run.sh compares `strata dig` with cscope and ctags.
if(TARGET strata_dig)
  add_executable(bench_dig_scan dig/scan_bench.c)
  strata_target_defaults(bench_dig_scan)
  target_link_libraries(bench_dig_scan PRIVATE strata_dig)
endif()

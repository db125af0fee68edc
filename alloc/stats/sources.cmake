# alloc/stats: counters, usage sources, print / dump / topology writers.
list(APPEND STRATA_CORE_SOURCES stats/stats.c)

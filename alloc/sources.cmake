# alloc/: the core, the error sink, the option table, and the runtime graph (topology.c,
# above every face) (the layers list theirs in their folders).
list(APPEND STRATA_CORE_SOURCES
  core.c
  error.c
  options.c
  topology.c
  version.c)

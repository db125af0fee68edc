# alloc/: the core's own files (the layers list theirs in their folders).
list(APPEND STRATA_CORE_SOURCES
  core.c
  error.c
  options.c
  version.c)

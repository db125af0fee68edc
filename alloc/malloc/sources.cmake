# alloc/malloc: the malloc face. malloc.c and mallopt.c use nothing of the OS but errno
# (guarded by STRATA_HOSTED), so they belong to the freestanding-capable core; the
# standard-name overrides (C and C++) go only into libstrata.a/.so.
list(APPEND STRATA_CORE_SOURCES
  malloc/malloc.c
  malloc/mallopt.c)
list(APPEND STRATA_OVERRIDE_SOURCES
  malloc/override.c
  malloc/override_cxx.c)

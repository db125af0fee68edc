# alloc/boot: the early-boot face (strata/boot.h) and kget_space's bump space.
# Both are freestanding: they use only the core, the slab engine, sync and stats.
list(APPEND STRATA_CORE_SOURCES
  boot/boot.c
  boot/space.c)

# alloc/kalloc: the Mach kalloc face over the slab engine's size classes (freestanding).
list(APPEND STRATA_CORE_SOURCES kalloc/kalloc.c)

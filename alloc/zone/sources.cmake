# alloc/zone: the slab engine (slab*.c) and the Mach zone face (zone.c). All freestanding:
# the thread-cache pointer is _Thread_local only when STRATA_HOSTED is defined.
list(APPEND STRATA_CORE_SOURCES
  zone/slab.c
  zone/slab_alloc.c
  zone/slab_page.c
  zone/slab_debug.c
  zone/slab_verify.c
  zone/zone.c)

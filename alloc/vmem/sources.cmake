# alloc/vmem: resource arenas (engine + public face) and the resource-map face.
list(APPEND STRATA_CORE_SOURCES
  vmem/vmem.c
  vmem/vmem_face.c
  vmem/vmem_verify.c
  vmem/rmap.c)

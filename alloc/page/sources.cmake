# alloc/page: the platform seam. platform.c and the static / host / faulty sources are
# freestanding-capable; mmap, sbrk and the POSIX hook table need the OS.
list(APPEND STRATA_CORE_SOURCES
  page/platform.c
  page/page_static.c
  page/page_host.c
  page/page_faulty.c)
list(APPEND STRATA_HOSTED_SOURCES
  page/platform_posix.c
  page/page_mmap.c
  page/page_sbrk.c)

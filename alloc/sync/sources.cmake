# alloc/sync: locks and thread identity (the OS side lives in page/platform_posix.c).
list(APPEND STRATA_CORE_SOURCES sync/sync.c)

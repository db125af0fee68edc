/*
 * strata/common.h: the export macro and attributes shared by every public header.
 *
 * libstrata is built with -fvisibility=hidden; only declarations marked STRATA_API are
 * exported from libstrata.so. Allocation functions carry malloc/alloc_size attributes so
 * the compiler can reason about what they return.
 */
#ifndef STRATA_COMMON_H
#define STRATA_COMMON_H

#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__) || defined(__clang__)
#define STRATA_API __attribute__((visibility("default")))
#define STRATA_MALLOC __attribute__((malloc))
#define STRATA_ALLOC_SIZE(n) __attribute__((alloc_size(n)))
#define STRATA_ALLOC_SIZE2(n, m) __attribute__((alloc_size(n, m)))
#define STRATA_WARN_UNUSED __attribute__((warn_unused_result))
#else
#define STRATA_API
#define STRATA_MALLOC
#define STRATA_ALLOC_SIZE(n)
#define STRATA_ALLOC_SIZE2(n, m)
#define STRATA_WARN_UNUSED
#endif

#endif /* STRATA_COMMON_H */

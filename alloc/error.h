/*
 * alloc/error.h: the internal side of the error sink (public side: strata/error.h).
 *
 * error_report() formats without allocating (a small private formatter: %s %d %u %ld %lu
 * %zu %p %x), hands the message to the installed handler and returns if the handler
 * returns; the caller then treats the faulting call as a no-op. It never calls malloc.
 */
#ifndef STRATA_ALLOC_ERROR_H
#define STRATA_ALLOC_ERROR_H

#include <strata/error.h>

#if defined(__GNUC__)
#define ERROR_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define ERROR_PRINTF(f, a)
#endif

void error_report(strata_error_kind_t kind, const void *ptr, const char *fmt, ...) ERROR_PRINTF(3, 4);

/* Write a message to the platform's diagnostic output (stderr hosted; a host hook
 * freestanding). No allocation. */
void error_write(const char *text, size_t len);

#endif /* STRATA_ALLOC_ERROR_H */

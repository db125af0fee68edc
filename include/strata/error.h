/*
 * strata/error.h: the one error sink of libstrata.
 *
 * Inner layers return NULL/false and never print. Misuse and corruption detected anywhere
 * (a double free, a pointer libstrata never handed out, a kfree with the wrong size, an
 * overlapping rmfree, a size overflow, a damaged redzone or canary, a realloc of a freed
 * block) go to strata_error(), which calls
 * the installed handler. The default handler writes one line naming the fault and the
 * pointer to standard error, then aborts. STRATA_ERROR=warn (or a handler that returns)
 * makes the faulting call a no-op instead, as SVR4 libmalloc did for double frees.
 */
#ifndef STRATA_ERROR_H
#define STRATA_ERROR_H

#include <strata/common.h>

#ifdef __cplusplus
extern "C" {
#endif

/* What went wrong. strata_error_kind_name() gives each a stable lower-case name. */
typedef enum strata_error_kind {
	STRATA_ERR_DOUBLE_FREE = 1,  /* block freed twice */
	STRATA_ERR_INVALID_FREE,     /* pointer not handed out by this allocator */
	STRATA_ERR_SIZE_MISMATCH,    /* kfree/zfree size or zone does not match the block */
	STRATA_ERR_OVERLAP,          /* freed range overlaps a free range (resource maps, vmem) */
	STRATA_ERR_CORRUPT,          /* redzone, canary, free-list or metadata damage */
	STRATA_ERR_OVERFLOW,         /* size computation overflowed (calloc, reallocarray) */
	STRATA_ERR_MAP_FULL,         /* a fixed-size resource map cannot record a free */
	STRATA_ERR_MISUSE,           /* any other contract violation (bad argument, bad state) */
	STRATA_ERR_OOM,              /* out of memory where the contract says "never fails" */
	STRATA_ERR_USE_AFTER_FREE    /* a freed block used as a live one (realloc of it) */
} strata_error_kind_t;

/* A handler: the fault, the pointer concerned (may be NULL), and a formatted message. */
typedef void (*strata_error_handler_t)(strata_error_kind_t kind, const void *ptr,
                                       const char *message, void *arg);

/* Install a handler (NULL restores the default); returns the previous one. */
STRATA_API strata_error_handler_t strata_error_handler_set(strata_error_handler_t handler, void *arg);

/* The stable name of a kind, e.g. "double-free". */
STRATA_API const char *strata_error_kind_name(strata_error_kind_t kind);

/* Number of errors reported since start (all kinds). */
STRATA_API unsigned long strata_error_count(void);

#ifdef __cplusplus
}
#endif
#endif /* STRATA_ERROR_H */

/*
 * alloc/malloc/malloc_impl.h: the malloc face's module state, shared by malloc.c (the
 * family), mallopt.c (mallopt, mallinfo, trim, stats) and the hosted override files.
 * Public side: strata/malloc.h.
 */
#ifndef STRATA_ALLOC_MALLOC_IMPL_H
#define STRATA_ALLOC_MALLOC_IMPL_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include <strata/common.h>

#include "alloc/zone/slab_fast.h"

/* Bits of malloc_face.slow: any bit set sends every call through the face's slow path. */
#define MALLOC_SLOW_UNINIT  0x1u   /* options not read yet */
#define MALLOC_SLOW_PERTURB 0x2u   /* M_PERTURB: fill new and freed blocks */
#define MALLOC_SLOW_TRACE   0x8u   /* STRATA_TRACE: one line per call on standard error */

/* The face's module state: one struct, so a test or the fork child resets it at once. */
struct malloc_face {
	atomic_uint slow;          /* MALLOC_SLOW_* bits; 0 means every call takes the fast path */
	atomic_int svr4;           /* STRATA_SVR4: malloc(0) and memalign(a, 0) return NULL */
	atomic_int perturb;        /* M_PERTURB byte (0: no filling) */
	atomic_long trim_keep;     /* M_TRIM_THRESHOLD: bytes malloc_trim keeps by default */
	atomic_long top_pad;       /* M_TOP_PAD: added to the keep amount */
	atomic_int grain;          /* M_GRAIN as last set (recorded, no effect) */
	atomic_int keep;           /* M_KEEP was set (recorded, no effect) */
	atomic_int mxfast;         /* M_MXFAST as last set (-1: never set) */
	atomic_int nlblks;         /* M_NLBLKS as last set (-1: never set) */
	atomic_long mmap_threshold; /* M_MMAP_THRESHOLD as last set (recorded, no effect) */
	atomic_long mmap_max;      /* M_MMAP_MAX as last set (recorded, no effect) */
	atomic_long arena_test;    /* M_ARENA_TEST as last set (recorded, no effect) */
	atomic_long arena_max;     /* M_ARENA_MAX as last set (recorded, no effect) */
};

extern struct malloc_face malloc_face __attribute__((visibility("hidden")));

/* Hidden aliases of the hot strata_* entry points (defined in malloc.c), for the override
 * files: a call to an exported name inside libstrata.so would go through the PLT (the name
 * is interposable); a call to a hidden alias is a direct call. */
void *malloc_face_malloc(size_t size) STRATA_MALLOC STRATA_ALLOC_SIZE(1);
void malloc_face_free(void *ptr);
void *malloc_face_calloc(size_t count, size_t size) STRATA_MALLOC STRATA_ALLOC_SIZE2(1, 2);
void *malloc_face_realloc(void *ptr, size_t size) STRATA_ALLOC_SIZE(2);
void *malloc_face_aligned_alloc(size_t align, size_t size) STRATA_MALLOC STRATA_ALLOC_SIZE(2);

/* Sizes the fast path serves from the class table (slab_mag_offs's reach). */
#define MALLOC_FAST_MAX ((size_t)1024)

/* What the fast paths leave to malloc.c: the count, the slow bits, the engine. */
void *malloc_alloc_miss(size_t size);
void malloc_free_miss(void *ptr);

/* The malloc fast path, inlined into strata_malloc and the malloc override: 1..1024 bytes
 * with the slow bits clear pop this thread's magazine of the class (counted there);
 * everything else is a tail call to malloc_alloc_miss. */
static inline void *malloc_face_fast_malloc(size_t size)
{
	if (__builtin_expect(atomic_load_explicit(&malloc_face.slow, memory_order_relaxed) == 0, 1) &&
	    __builtin_expect(size - 1 < MALLOC_FAST_MAX, 1)) {
		void *ptr = slab_mag_pop_at(slab_mag_offs[(size - 1) >> 4], 0, CNT_MALLOC);
		if (__builtin_expect(ptr != NULL, 1))
			return ptr;
	}
	return malloc_alloc_miss(size);
}

/* The free fast path, inlined the same way: the engine's lock-free push (counted there),
 * else a tail call to malloc_free_miss. */
static inline void malloc_face_fast_free(void *ptr)
{
	if (__builtin_expect(atomic_load_explicit(&malloc_face.slow, memory_order_relaxed) == 0, 1) &&
	    slab_free_fast(ptr, CNT_FREE))
		return;
	malloc_free_miss(ptr);
}

/* Read the face's options (STRATA_SVR4, STRATA_TRACE) once the core has loaded them. */
void malloc_face_init(void);

#endif /* STRATA_ALLOC_MALLOC_IMPL_H */

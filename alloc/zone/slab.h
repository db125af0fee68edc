/*
 * alloc/zone/slab.h: the one small-object engine, as the faces above see it.
 *
 * The zone face (zinit/zalloc/...) uses object caches of arbitrary object size; the kalloc
 * face and the malloc face both use the engine's size classes through slab_alloc() and
 * friends. A pointer finds its slab in O(1) by address arithmetic, so small objects carry
 * no header; large sizes go to whole pages from the core (alloc/core.h) and are tracked
 * by the engine too, so slab_free/slab_usable_size work for every pointer slab_alloc*
 * returned. The fast path (a per-thread cache pop or push) takes no lock and no atomic.
 */
#ifndef STRATA_ALLOC_SLAB_H
#define STRATA_ALLOC_SLAB_H

#include <stddef.h>
#include <stdint.h>

/* Start the engine if it is not running (idempotent, thread-safe): the core, the secret,
 * the size classes. 0, or -1 when the core has no page source. Every allocating call
 * starts it too. */
int slab_init(void);
/* Any size (0 gives the smallest class, 16 bytes). Alignment: 16 always (every class is a
 * multiple of 16); page-backed blocks (above slab_small_max) are page-aligned. NULL on
 * failure (out of pages); never prints. The debugging aids STRATA_CANARY and STRATA_GUARD
 * apply to slab_alloc, _zero, _aligned, slab_free and slab_realloc (alloc/zone/slab_alloc.c). */
void *slab_alloc(size_t size);
/* As slab_alloc, zero-filled: the `size` bytes asked for are cleared (the core does not
 * say which pages are fresh, so fresh pages are cleared too: see alloc/zone/slab.c). */
void *slab_alloc_zero(size_t size);
/* `align` a power of two (any size). NULL on failure. */
void *slab_alloc_aligned(size_t size, size_t align);
/* Never grows: NULL unless a free object of the class is already cached (kget, zget).
 * Large sizes: NULL. */
void *slab_alloc_nogrow(size_t size);
/* A page-backed block of at least `size` bytes whatever the size (kalloc's
 * kmem_alloc_wired path), aligned to `align` (0: a page). NULL on failure. */
void *slab_alloc_pages(size_t size, size_t align);
/* Bytes asked (page-rounded) for the page-backed block at ptr: its pages, as kfree checks
 * them (a kept block reused for a smaller request may map more); 0 when ptr is not one. */
size_t slab_large_asked(const void *ptr);
/* Free the page-backed block at ptr: 1, or 0 (nothing done) when ptr is not one. */
int slab_large_free(void *ptr);
/* Debug >= 2: note that object p was asked for `size` bytes; its redzone starts there. */
void slab_debug_note_size(void *ptr, size_t size);
/* Free any pointer from slab_alloc*. A pointer the engine never handed out, or one already
 * free, goes to the error sink (then the call is a no-op). NULL is ignored. */
void slab_free(void *ptr);
/* Resize a block of slab_alloc* (NULL: slab_alloc): in place while the new size fits
 * and uses at least half of the block, else moved. NULL when there is no memory (the
 * block stays as it was) or, after a report to the error sink, when ptr is not a live
 * block (never handed out, interior, already freed, damaged tail): then *misuse is 1.
 * A size of 0 is the caller's to handle (each family says what it means). */
void *slab_realloc(void *ptr, size_t size, int *misuse);
/* Bytes usable at ptr (>= the size asked for); 0 when ptr is not the engine's. */
size_t slab_usable_size(const void *ptr);
/* What ptr is: 1 an object of a size class or zone, 2 a page-backed block, 0 not ours. */
int slab_kind_of(const void *ptr);
/* The class size a request of `size` bytes gets (what kfree checks sizes against). */
size_t slab_class_size(size_t size);
/* Largest size served from size classes; larger ones are page-backed. */
size_t slab_small_max(void);
/* Return the calling thread's caches to the shared depot (thread exit, tests). */
void slab_thread_flush(void);
/* Give empty slabs and cached pages back to the core (purge); returns bytes released. */
size_t slab_trim(size_t keep_bytes);
/* One step of a time decay (call every OPT_PURGE_DECAY ms from a face with a clock): purge
 * free pages that were already free at the previous step, and give back kept large blocks
 * kept since then. Freed memory thus stays resident 1..2 periods. Returns bytes purged. */
size_t slab_decay_step(void);

/* fork(): prepare takes every engine lock, parent releases them, child re-initialises
 * them and forgets the other threads' caches (their objects are lost to the child). */
void slab_fork_prepare(void);
void slab_fork_parent(void);
void slab_fork_child(void);

/* Usage for mallinfo/stats. */
struct slab_usage {
	size_t small_in_use;     /* bytes of live small objects (class sizes) */
	size_t small_free;       /* bytes of free small objects in held slabs and caches */
	size_t small_slabs;      /* slabs held */
	size_t large_in_use;     /* bytes of live page-backed blocks */
	size_t large_blocks;     /* number of live page-backed blocks */
	size_t mapped;           /* bytes obtained from the core */
	size_t peak_mapped;
};
void slab_usage_get(struct slab_usage *out);

/* Consistency walk over every slab and cache; 0 when consistent, else reports through the
 * error sink and returns -1. Tests call it after each case. */
int slab_verify(void);

#endif /* STRATA_ALLOC_SLAB_H */

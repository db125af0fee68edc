/*
 * alloc/kalloc/kalloc.c: the Mach kernel kalloc face (strata/kalloc.h) over the slab
 * engine's size classes.
 *
 * Mach (allocator-families.md §3) rounded every request to a power of two >= 16 and took
 * it from the zone kalloc.N below kalloc_max (16 KiB with 4 KiB pages), else from
 * kmem_alloc_wired. strata keeps the threshold and the arity but not the waste:
 *   - size < kalloc_max: the engine's size class (72 classes, <= 12.5% internal waste;
 *     Mach's 8193..16383 band, which rounded to 16384 and went to the VM, is served by
 *     the classes 9216..16384 here); kalloc_max is OPT_KALLOC_MAX (default 16384,
 *     STRATA_KALLOC_MAX), read once;
 *   - size >= kalloc_max: whole pages (slab_alloc_pages: page-aligned, like
 *     kmem_alloc_wired), counted as CNT_KALLOC_LARGE;
 *   - kfree(addr, size): the size must name the block where it actually lives: its class
 *     when it is a class block, its page count when it is a page block. The check asks the
 *     engine where the block is, not where kalloc(size) would have put it, because the
 *     malloc face (one engine, no wrapper) serves 16..32 KiB from classes that kalloc
 *     sends to pages: kfree(malloc(20000), 20000) is a 20480-byte class block, and right.
 *     Mach trusted the size and corrupted another zone on a mismatch; strata reports
 *     STRATA_ERR_SIZE_MISMATCH naming the pointer, both sizes, and frees nothing.
 *     kfree(NULL, n) is a no-op;
 *   - kalloc(0): a unique block of MINSIZE (16) bytes, all of them usable (Mach rounded
 *     every size up to MINSIZE); kfree(p, 0) frees it;
 *   - kget: the class's cached or held objects only (never grows, never blocks); NULL,
 *     not Mach's panic "kget", for sizes on the page path;
 *   - krealloc(addr, old, new): same class -> the same block; else a new block, contents
 *     copied (min(old, new) bytes), old block freed; NULL leaves the old block intact;
 *     new 0 frees and returns NULL. One krealloc counts one CNT_KREALLOC and nothing else:
 *     its inner allocation and free go through the uncounted kalloc_block_alloc and
 *     kalloc_block_free, so the face counters equal the calls made (sim checks it exactly).
 * Failure: kalloc returns NULL when no pages are left (Mach panicked for small sizes;
 * callers of a library are better served by NULL). Misuse goes to the error sink.
 * No locks of its own; counts via stats_count.
 */
#include <strata/kalloc.h>

#include "alloc/core.h"
#include "alloc/error.h"
#include "alloc/options.h"
#include "alloc/stats/stats.h"
#include "alloc/zone/slab.h"
#include "alloc/zone/slab_fast.h"

/* Mach's MINSIZE: the smallest block (kalloc(0) gets one), and the smallest kalloc_max
 * accepted from the option. */
#define KALLOC_MINSIZE 16
#define KALLOC_MIN_MAX KALLOC_MINSIZE

/* The face's module state. */
static struct kalloc_state {
	size_t max;   /* kalloc_max, 0 until read */
} kalloc_state;

/* kalloc_max, read once from the options. */
static size_t kalloc_max_get(void)
{
	size_t m = __atomic_load_n(&kalloc_state.max, __ATOMIC_RELAXED);
	if (SLAB_UNLIKELY(m == 0)) {
		long v = options_get(OPT_KALLOC_MAX);
		m = v >= KALLOC_MIN_MAX ? (size_t)v : 16384;
		__atomic_store_n(&kalloc_state.max, m, __ATOMIC_RELAXED);
	}
	return m;
}

/* Whether a block of `size` bytes lives on the page path. */
static inline int kalloc_is_large(size_t size)
{
	return size >= kalloc_max_get() || size > SLAB_SMALL_MAX;
}

/* The first size served by whole pages. */
size_t kalloc_max_size(void)
{
	return kalloc_max_get();
}

/* kalloc's work, uncounted except for CNT_KALLOC_LARGE (krealloc's inner allocation). */
static inline void *kalloc_block_alloc(size_t size)
{
	if (SLAB_LIKELY(!kalloc_is_large(size)))
		return slab_alloc_small(size ? size : KALLOC_MINSIZE);   /* 0: a MINSIZE block */
	stats_count(CNT_KALLOC_LARGE);
	return slab_alloc_pages(size, 0);
}

/* kalloc past its fast path: counted here, then the engine's slow path or whole pages. */
static __attribute__((noinline)) void *kalloc_miss(size_t size)
{
	stats_count(CNT_KALLOC);
	return kalloc_block_alloc(size);
}

/* A block of `size` bytes: a size class below kalloc_max, whole pages from it up. Fast
 * path: this thread's magazine of the class, the call counted there. */
void *kalloc(size_t size)
{
	if (SLAB_LIKELY(size - 1 < 1024 && kalloc_max_get() > 1024)) {
		void *p = slab_mag_pop_at(slab_mag_offs[(size - 1) >> 4], 0, CNT_KALLOC);
		if (SLAB_LIKELY(p != NULL))
			return p;
	}
	return kalloc_miss(size);
}

/* kalloc, zero-filled. */
void *kalloc_zero(size_t size)
{
	void *p = kalloc(size);
	if (p)
		__builtin_memset(p, 0, size);
	return p;
}

/* A cached object of the class, never growing; NULL for page-path sizes. */
void *kget(size_t size)
{
	stats_count(CNT_KGET);
	if (kalloc_is_large(size))
		return NULL;
	return slab_alloc_nogrow(size);
}

/* Check that `size` names the block at addr (as kfree and krealloc need it); returns the
 * block's descriptor for a class block, (struct slab *)1 for a page block, NULL after
 * reporting a fault. */
static struct slab *kalloc_check(void *addr, size_t size, const char *call)
{
	struct slab *d = slab_lookup(addr);
	if (d) {
		/* A class block: size must name its class, whichever face handed it out. */
		if (SLAB_LIKELY(slab_desc_is_class(d) && size <= SLAB_SMALL_MAX &&
		                slab_class_sizes[slab_class_index(size)] == slab_desc_size(d)))
			return d;
		if (!slab_desc_is_class(d))
			error_report(STRATA_ERR_SIZE_MISMATCH, addr, "%s: %p is an object of zone \"%s\", not a kalloc block",
			             call, addr, slab_desc_name(d));
		else
			error_report(STRATA_ERR_SIZE_MISMATCH, addr,
			             "%s: %p is a %zu-byte kalloc block, but size %zu was given (size mismatch)",
			             call, addr, slab_desc_size(d), size);
		return NULL;
	}
	size_t bytes = slab_large_asked(addr);
	if (bytes) {
		/* A page block: size must name its pages (malloc and memalign make page blocks
		 * too, so kalloc_max does not enter into it). */
		size_t page = core_page_size();
		if (size <= SIZE_MAX - page && ((size + page - 1) & ~(page - 1)) == bytes)
			return (struct slab *)1;
		error_report(STRATA_ERR_SIZE_MISMATCH, addr,
		             "%s: %p is a %zu-byte page block, but size %zu was given (size mismatch)",
		             call, addr, bytes, size);
		return NULL;
	}
	error_report(STRATA_ERR_INVALID_FREE, addr, "%s: %p was not allocated by kalloc (invalid free)", call, addr);
	return NULL;
}

/* Free a block kalloc_check accepted (d its descriptor, or 1 for a page block); uncounted. */
static void kalloc_block_free(void *addr, struct slab *d)
{
	if (d > (struct slab *)1) {
		slab_obj_free(d, addr);
	} else {
		(void)slab_large_free(addr);
	}
}

/* kfree past its fast path: NULL, page blocks, and every fault; counted here. */
static __attribute__((noinline)) void kfree_slow(void *addr, size_t size)
{
	stats_count(CNT_KFREE);
	if (!addr)
		return;
	struct slab *d = kalloc_check(addr, size, "kfree");
	if (d)
		kalloc_block_free(addr, d);
}

/* Free a block, checking `size` against it (Mach arity). */
void kfree(void *addr, size_t size)
{
	/* Fast path: a size-class block whose class is the one `size` names goes on this
	 * thread's magazine (no lock, no atomic; counted there); anything else takes
	 * kfree_slow, which counts. */
	struct slab *d = slab_lookup(addr);
	if (SLAB_LIKELY(d && slab_desc_is_class(d) && size <= SLAB_SMALL_MAX &&
	                slab_class_sizes[slab_class_index(size)] == slab_desc_size(d) &&
	                slab_obj_push(d, addr, CNT_KFREE)))
		return;
	kfree_slow(addr, size);
}

/* Resize a block of old_size bytes to new_size (see the theory statement). */
void *krealloc(void *addr, size_t old_size, size_t new_size)
{
	stats_count(CNT_KREALLOC);
	if (!addr)
		return kalloc_block_alloc(new_size);
	struct slab *d = kalloc_check(addr, old_size, "krealloc");
	if (!d)
		return NULL;
	if (new_size == 0) {
		kalloc_block_free(addr, d);
		return NULL;
	}
	int same;
	if (d == (struct slab *)1) {
		size_t page = core_page_size();
		same = kalloc_is_large(new_size) &&
		       ((new_size + page - 1) & ~(page - 1)) == ((old_size + page - 1) & ~(page - 1));
	} else {
		same = !kalloc_is_large(new_size) && slab_class_sizes[slab_class_index(new_size)] == slab_desc_size(d);
	}
	if (same) {
		if (SLAB_UNLIKELY(slab_debug_level() >= 2) && d != (struct slab *)1)
			slab_debug_note_size(addr, new_size);   /* the redzone moves with the size */
		return addr;
	}
	void *q = kalloc_block_alloc(new_size);
	if (!q)
		return NULL;
	__builtin_memcpy(q, addr, old_size < new_size ? old_size : new_size);
	kalloc_block_free(addr, d);
	return q;
}

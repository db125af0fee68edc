/*
 * alloc/zone/slab_alloc.c: blocks of any size, the slab engine's entry points for the
 * malloc family and the boot face -- slab_alloc, _zero, _aligned, _nogrow, _pages,
 * slab_free, slab_realloc, slab_usable_size, slab_kind_of -- and the debugging aids that
 * apply to them (theory of the engine: alloc/zone/slab.c).
 *
 * A request up to SLAB_SMALL_MAX takes an object of its size class (a magazine pop on the
 * fast path); a bigger one, whole pages (slab_page.c's large blocks). A free finds its
 * block by address: an object boundary of one of our slabs, else a large block's exact
 * pointer; anything else is misuse, reported by kind with the pointer named:
 *   - an interior pointer (inside an object or a page block: never rounded down);
 *   - a pointer in a free unit of our segments that still carries its free key, or one of
 *     the last large blocks freed: a double free;
 *   - anything else: an invalid free.
 * A double free of a class object is caught by its free key (slab_fast.h) and the exact
 * check behind it (slab_obj_is_free), in every mode; realloc runs the same checks first,
 * so a realloc of a freed block is reported (STRATA_ERR_USE_AFTER_FREE) instead of
 * handing the block back.
 *
 * Debugging aids, read once when the engine starts (slab_init), applied here and only to
 * these entry points (kalloc and the zones keep their own checks: kfree's size, a zone's
 * membership):
 *   STRATA_CANARY  every block is asked SLAB_CANARY_MIN bytes larger; usable size is the
 *                  exact request, and every byte from there to the block's end (its tail,
 *                  at least 8 bytes) holds a canary keyed by the per-process secret and
 *                  the address, checked on free and realloc (slab_debug.c).
 *   STRATA_GUARD   a block of STRATA_GUARD_MIN bytes or more, and every page block, gets
 *                  pages of its own that end at an inaccessible guard page, the block
 *                  placed against it (slab_page.c); the first byte written past the tail
 *                  faults.
 *   STRATA_DEBUG>=2  the request is noted and the rest of the object is a redzone, the
 *                  same tail as the canary (with 0xfd bytes unless the canary is on).
 * They combine: with all of them on a block's tail is the canary, it ends at the guard
 * page, and the debug bitmaps still catch every double free. Classes an aid applies to
 * keep no magazines (slab_init), so their blocks always come through here; the malloc
 * face needs to know nothing of the aids.
 *
 * Failure: NULL when the core has no pages; misuse goes to the error sink and the call
 * does nothing (realloc returns NULL and says it was misuse).
 */
#include "alloc/zone/slab_impl.h"

#include "alloc/core.h"
#include "alloc/error.h"

/* Whether the malloc family's aids are on: the general entry points take the aid path. */
static inline int slab_aids(void)
{
	return slab_state.canary | slab_state.guard | slab_state.tails;
}

/* Start the engine when it is not running; 0, or -1 without a page source. */
static inline int slab_ready(void)
{
	if (SLAB_LIKELY(__atomic_load_n(&slab_state.ready, __ATOMIC_ACQUIRE)))
		return 0;
	return slab_init();
}

/* An object of the first class at least `size` whose size is a multiple of `align` (its
 * objects are then aligned: a slab starts on a unit boundary, or a colour, a multiple of
 * SLAB_COLOR, past it: coloured classes serve alignments up to SLAB_COLOR only), else
 * whole pages. */
static void *slab_alloc_aligned_plain(size_t size, size_t align)
{
	if (size <= SLAB_SMALL_MAX && align <= SLAB_SMALL_MAX) {
		for (unsigned c = slab_class_index(size); c < SLAB_NCLASS; c++)
			if ((slab_class_sizes[c] & (align - 1)) == 0 &&
			    (align <= SLAB_COLOR || slab_state.classes[c].colors <= 1))
				return slab_cache_alloc(&slab_state.classes[c], 1);
	}
	return slab_large_alloc(size, align, 0);
}

/* The aid path of slab_alloc and slab_alloc_aligned (align 0 or > 16): the canary asked
 * for, a guard page for page blocks and big requests, the request noted for the tail. */
static __attribute__((noinline)) void *slab_aid_alloc(size_t size, size_t align)
{
	size_t ask = size + (slab_state.canary ? SLAB_CANARY_MIN : 0);
	void *p;
	if (ask < size)
		return NULL;
	int guard = slab_state.guard && (ask >= slab_state.guard_min || ask > SLAB_SMALL_MAX || align > SLAB_SMALL_MAX);
	if (guard)
		p = slab_large_alloc(ask, align, 1);
	else if (align)
		p = slab_alloc_aligned_plain(ask, align);
	else if (ask <= SLAB_SMALL_MAX)
		p = slab_cache_alloc(&slab_state.classes[slab_class_index(ask)], 1);
	else
		p = slab_large_alloc(ask, 0, 0);
	if (p && slab_state.tails) {
		if (slab_segmap_has((uintptr_t)p))
			slab_debug_note_size(p, size);
		else
			slab_large_req_set(p, size);
	}
	return p;
}

/* slab_alloc_small past its magazine pop: the cache's slow path, and in debug >= 2 the
 * request size noted for the redzone check. (kalloc's path: no aids.) */
__attribute__((noinline)) void *slab_alloc_small_slow(unsigned c, size_t size)
{
	void *p = slab_cache_alloc_slow(&slab_state.classes[c], 1);
	if (SLAB_UNLIKELY(slab_fast.debug >= 2) && p)
		slab_debug_note_size(p, size);
	return p;
}

/* slab_alloc past its fast path: the aids, a class by its top bits, or a page block. */
static __attribute__((noinline)) void *slab_alloc_miss(size_t size)
{
	if (slab_ready() != 0)
		return NULL;
	if (SLAB_UNLIKELY(slab_aids()))
		return slab_aid_alloc(size, 0);
	if (size <= SLAB_SMALL_MAX)
		return slab_alloc_small(size);
	void *p = slab_large_alloc(size, 0, 0);
	slab_decay_pending();
	return p;
}

/* Any size: a class object or a page-backed block. */
void *slab_alloc(size_t size)
{
	/* Fast path (up to 1 KiB, most requests): class from a table, pop this thread's
	 * magazine; every other case is a tail call, so this function needs no frame. (A
	 * class an aid applies to has no magazine: its pop always misses.) */
	if (SLAB_LIKELY(size <= 1024)) {
		void *p = slab_mag_pop(slab_class_lut[(size + 15) >> 4], 0, -1);
		if (SLAB_LIKELY(p != NULL))
			return p;
	}
	return slab_alloc_miss(size);
}

/* A page-backed block whatever the size (kalloc's kmem_alloc_wired path). */
void *slab_alloc_pages(size_t size, size_t align)
{
	if (slab_ready() != 0)
		return NULL;
	return slab_large_alloc(size, align, 0);
}

/* As slab_alloc, zero-filled. Always a memset of `size` bytes: core_pages_alloc does not
 * tell fresh (already zero) pages from recycled ones, so a big calloc touches its pages. */
void *slab_alloc_zero(size_t size)
{
	void *p = slab_alloc(size);
	if (p)
		__builtin_memset(p, 0, size);
	return p;
}

/* `align` a power of two: see slab_alloc_aligned_plain; the aids apply. */
void *slab_alloc_aligned(size_t size, size_t align)
{
	if (align == 0 || (align & (align - 1)) != 0)
		return NULL;
	if (align <= SLAB_MIN_OBJ)
		return slab_alloc(size);
	if (slab_ready() != 0)
		return NULL;
	if (SLAB_UNLIKELY(slab_aids()))
		return slab_aid_alloc(size, align);
	void *p = slab_alloc_aligned_plain(size, align);
	return p;
}

/* Never grows: a cached or already-held object of the class, else NULL. */
void *slab_alloc_nogrow(size_t size)
{
	if (size > SLAB_SMALL_MAX)
		return NULL;
	void *p = slab_cache_alloc(&slab_state.classes[slab_class_index(size)], 0);
	if (SLAB_UNLIKELY(slab_fast.debug >= 2) && p)
		slab_debug_note_size(p, size);
	return p;
}

/* A pointer inside one of our segments that is not an object boundary: say what it is.
 * Returns the kind reported. */
static strata_error_kind_t slab_report_bad(void *ptr, const struct slab *d, const char *call)
{
	uintptr_t a = (uintptr_t)ptr;
	if (d->size != 0) {
		error_report(STRATA_ERR_INVALID_FREE, ptr,
		             "%s: %p is inside a %u-byte object of %s, not its start (invalid free of an interior pointer)",
		             call, ptr, d->size, slab_desc_name(d));
		return STRATA_ERR_INVALID_FREE;
	}
	/* A free unit: an object whose slab went back to the pool still carries its key. */
	if ((a & (SLAB_MIN_OBJ - 1)) == 0 && slab_key_is_set(ptr)) {
		error_report(STRATA_ERR_DOUBLE_FREE, ptr, "%s: %p is already free (double free; its slab went back to the pool)",
		             call, ptr);
		return STRATA_ERR_DOUBLE_FREE;
	}
	error_report(STRATA_ERR_INVALID_FREE, ptr, "%s: %p was not allocated by strata (invalid free)", call, ptr);
	return STRATA_ERR_INVALID_FREE;
}

/* A pointer outside our segments that is not a live large block's: report what it is. */
static void slab_report_other(void *ptr, const char *call, strata_error_kind_t freed_kind)
{
	uintptr_t holder;
	if (slab_large_was_freed(ptr))
		error_report(freed_kind, ptr, "%s: %p is already free (%s of a page block)", call, ptr,
		             freed_kind == STRATA_ERR_DOUBLE_FREE ? "double free" : "use after free");
	else if ((holder = slab_large_holder(ptr)) != 0)
		error_report(STRATA_ERR_INVALID_FREE, ptr,
		             "%s: %p is inside the page block %p, not its start (invalid free of an interior pointer)",
		             call, ptr, (void *)holder);
	else
		error_report(STRATA_ERR_INVALID_FREE, ptr, "%s: %p was not allocated by strata (invalid free)", call, ptr);
}

/* slab_free of a pointer outside our segments: NULL, a large block, or misuse. */
static __attribute__((noinline)) void slab_free_other(void *ptr)
{
	if (!ptr)
		return;
	if (!slab_large_free(ptr))
		slab_report_other(ptr, "free", STRATA_ERR_DOUBLE_FREE);
	slab_decay_pending();
}

/* Free any pointer slab_alloc* returned. */
void slab_free(void *ptr)
{
	uintptr_t a = (uintptr_t)ptr;
	if (SLAB_UNLIKELY(!slab_segmap_has(a))) {
		slab_free_other(ptr);
		return;
	}
	/* Fast path: an object boundary of one of our slabs, without its free key, goes on
	 * top of this thread's magazine unless the magazine is full. */
	struct slab *d = slab_desc_of(a);
	if (SLAB_UNLIKELY(!slab_is_boundary(d, a - d->start))) {
		(void)slab_report_bad(ptr, d, "free");
		return;
	}
	if (SLAB_LIKELY(slab_mag_push(d->mag_id, ptr, 0, -1)))
		return;
	slab_cache_free_slow(d->cache, ptr);
}

/* The usable size of the live block at ptr, checked as realloc needs it: 0 after a
 * report when ptr is not a live block of ours (never one, an interior pointer, already
 * freed, or its tail damaged). */
static size_t slab_live_size(void *ptr, const char *call)
{
	uintptr_t a = (uintptr_t)ptr;
	if (slab_segmap_has(a)) {
		struct slab *d = slab_desc_of(a);
		if (!slab_is_boundary(d, a - d->start)) {
			(void)slab_report_bad(ptr, d, call);
			return 0;
		}
		if ((slab_key_is_set(ptr) && slab_obj_is_free(d->cache, ptr)) ||
		    (SLAB_UNLIKELY(slab_fast.debug) && !slab_debug_is_live(ptr, slab_head_of(ptr)))) {
			error_report(STRATA_ERR_USE_AFTER_FREE, ptr, "%s: %p was already freed (use after free)", call, ptr);
			return 0;
		}
		size_t noted = SLAB_UNLIKELY(slab_state.tails) ? slab_debug_size(ptr) : 0;
		if (noted && slab_tail_check(ptr, noted, d->size, call) != 0)
			return 0;
		return noted ? noted : d->size;
	}
	size_t usable = slab_large_size(ptr);
	if (!usable)
		slab_report_other(ptr, call, STRATA_ERR_USE_AFTER_FREE);
	return usable;
}

/* Resize the block at ptr to `size` bytes (ptr NULL: slab_alloc; size 0 is the caller's to
 * handle). In place while the new size fits and uses at least half of the block (never
 * with the aids on, so that the tail and the guard page follow the new size); a directly
 * mapped page block resized by the page source (mremap: no copy) when it can; else a
 * new block, min(old, new) bytes copied, the old one freed. NULL when there is no memory (the
 * block is left as it was), or after a report when ptr is not a live block, and then
 * *misuse is set. */
void *slab_realloc(void *ptr, size_t size, int *misuse)
{
	*misuse = 0;
	if (!ptr)
		return slab_alloc(size);
	size_t usable = slab_live_size(ptr, "realloc");
	if (!usable) {
		*misuse = 1;
		return NULL;
	}
	if (size <= usable && size >= usable / 2 && !slab_aids())
		return ptr;
	if (size > SLAB_SMALL_MAX && !slab_aids() && !slab_segmap_has((uintptr_t)ptr)) {
		/* A big block to a big size: the page source may resize it without a copy. */
		void *moved = slab_large_resize(ptr, size);
		if (moved)
			return moved;
	}
	void *fresh = slab_alloc(size);
	if (!fresh)
		return NULL;
	__builtin_memcpy(fresh, ptr, usable < size ? usable : size);
	slab_free(ptr);
	return fresh;
}

/* Which allocation ptr is: 1 a class/zone object, 2 a page-backed block, 0 not ours. */
int slab_kind_of(const void *ptr)
{
	if (slab_lookup(ptr))
		return 1;
	return slab_large_size(ptr) ? 2 : 0;
}

/* Bytes usable at ptr (the request, when a tail is kept), 0 when ptr is not the engine's. */
size_t slab_usable_size(const void *ptr)
{
	struct slab *d = slab_lookup(ptr);
	if (d) {
		size_t noted = SLAB_UNLIKELY(slab_state.tails) ? slab_debug_size(ptr) : 0;
		return noted ? noted : d->size;
	}
	return slab_large_size(ptr);
}

/* The class size of a request (page-rounded for large sizes). */
size_t slab_class_size(size_t size)
{
	if (size <= SLAB_SMALL_MAX)
		return slab_class_sizes[slab_class_index(size)];
	size_t page = core_page_size();
	return (size + page - 1) & ~(page - 1);
}

/* Largest size served from size classes. */
size_t slab_small_max(void)
{
	return SLAB_SMALL_MAX;
}

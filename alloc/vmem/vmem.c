/*
 * alloc/vmem/vmem.c: resource arenas with boundary tags and instant fit.
 *
 * Theory (after Bonwick and Adams, "Magazines and Vmem", USENIX 2001, and the illumos
 * vmem.c it describes).
 *
 * Concepts. An arena manages integers in units of its quantum: addresses, swap blocks,
 * ids. It holds spans (ranges added with strata_vmem_add or imported from a source);
 * each span is tiled exactly by segments, free or allocated. Every span and segment is
 * described by a boundary tag (struct vmem_seg), and all tags of an arena are on one
 * doubly linked list in address order, a span's marker first and then its segments.
 *
 * Data structures and invariants.
 *   - The address list is sorted; segments of a span tile it with no gap; two free
 *     segments are never adjacent inside a span (free coalesces at once, both sides).
 *   - Free segments sit on freelist[i] where 2^i <= size < 2^(i+1); bit i of freemap is
 *     set exactly when freelist[i] is non-empty.
 *   - Allocated segments sit in a hash on their start, chained through knext; the hash
 *     starts with 16 embedded buckets and quadruples (bookkeeping pages) whenever the
 *     population exceeds twice the buckets, so chains stay O(1) long on average.
 *   - Span markers are also chained by address on knext (arena->spans), so adding a
 *     span finds its place by walking spans, not segments.
 *   - 0 is never handed out: every fit starts at max(start, 1), so 0 can mean failure.
 *
 * Allocation. Instant fit (the default, O(1)): a request of size s is served from the
 * first non-empty list whose every segment is at least s -- list ceil(log2 s) and up --
 * found with one count-trailing-zeros on freemap; the segment's low end is taken.
 * Best fit walks list floor(log2 s) and up and takes the smallest segment that fits in
 * the first list that has one. First fit walks the address list (and is the only policy
 * of map mode). Constrained requests (align, phase, nocross, minaddr, maxaddr) check each
 * candidate with vmem_fit(). A split needs at most two new tags (the head and tail left
 * free); an import needs two more (span marker and its free segment).
 *
 * Import and release. When nothing fits, an arena with a source imports a span of
 * max(size, import quantum) rounded to the import quantum (aligned as the request needs;
 * when the source has no room for that, just the request rounded to the quantum),
 * without holding its lock, then retries (at most VMEM_IMPORT_TRIES times: other threads
 * may take the new span first). A constrained request (phase, nocross, an address window)
 * asks a source that takes constraints (vm->ximport: a parent arena) for a span that is
 * itself a fit, so the window reaches the parent (illumos imports no constrained request
 * at all; a callback source still gets only the alignment). Spans a call imported and
 * could not use go back before it returns, failed or not: a failing constrained request
 * keeps nothing. When a free makes an imported span entirely free and the arena has a
 * release callback, the span goes back to the source.
 *
 * Boundary tags come from a module-wide pool. The pool starts with a static reserve of
 * VMEM_STATIC_TAGS tags -- so the core's own heap arena can start before any page exists
 * -- and is refilled a page at a time (vmem_state.pages, the callbacks the layer that owns
 * the pages installs with vmem_pages_set: the core, as illumos's vmem_init is given its
 * source) whenever it drops
 * below VMEM_TAG_LOW. Refilling allocates from the heap arena, which itself needs tags:
 * the refilling thread is recorded, and its nested reserve calls take from what is left
 * (VMEM_TAG_LOW covers a nested page allocation, VMEM_TAGS_PER_OP per arena level, with
 * room for other threads). An arena may instead own a fixed set of tags given by the
 * caller (map mode for the resource-map face): then it never refills, and an operation
 * that needs a tag it does not have fails cleanly (VMEM_ADD_NOTAG, or 0). Each arena also
 * keeps up to VMEM_TCACHE_MAX spare tags under its own lock, so a steady alloc/free cycle
 * (split, merge, split, merge) never touches the pool's lock. An operation that finds the
 * pool drained by other threads between its reserve and its carve reserves again and
 * retries (VMEM_TAG_RETRIES times): tags run out only when the core has no page left.
 *
 * Map mode (the resource-map face, alloc/vmem/rmap.c): the arena tracks only free runs,
 * no spans and no allocated segments -- exactly what a V6 struct map recorded. Freeing
 * adds a run anywhere (coalescing on both sides, refusing overlap); allocation is first
 * fit by address from the low end of the run, which never needs a new tag.
 *
 * Locking. One lock per arena guards its lists, hash and counters; the tag pool has its
 * own lock, always taken inside an arena lock, never the other way. Import and release
 * run with the arena lock dropped, so arenas may stack (child -> parent) without order
 * problems. The list of arenas for stats has a lock taken before any arena lock.
 *
 * Failure. Allocation returns 0; nothing is printed. Misuse -- freeing a range that is
 * not allocated (double free, invalid free), the wrong size, an overlapping add -- goes
 * to the error sink naming the arena, the address and the fault; the call is then a
 * no-op. strata_vmem_verify() walks every invariant above.
 */
#include "alloc/vmem/vmem_impl.h"

#include <strata/error.h>

#include "alloc/assert.h"
#include "alloc/error.h"
#include "alloc/page/platform.h"
#include "alloc/stats/stats.h"

/* Tags in the static reserve: enough for the heap arena's first imports and the first
 * refill (each needs at most 2 * VMEM_TAGS_PER_OP) with room for a few user arenas
 * created before the core has pages; 128 tags are 7 KiB of .bss. */
#define VMEM_STATIC_TAGS 128
/* Refill the pool when it falls below this: a nested page allocation during a refill
 * (heap arena carve + import = 2 * VMEM_TAGS_PER_OP) plus headroom for up to a dozen
 * threads taking their VMEM_TAGS_PER_OP between a check and their carve. A page of tags
 * (73 of them with 4 KiB pages) then lasts about 18 allocations that each split twice. */
#define VMEM_TAG_LOW 64
/* Times an operation that found the pool drained by other threads reserves and retries
 * before it gives up (each reserve refills, so this only fails when the core has no page). */
#define VMEM_TAG_RETRIES 8
/* Tags one allocation may need: a head and a tail split, a span marker and its segment. */
#define VMEM_TAGS_PER_OP 4
/* Imports one allocation attempts before it gives up (others may race for the span). */
#define VMEM_IMPORT_TRIES 3

/* Module state: the tag pool and the list of arenas. */
static struct vmem_state {
	sync_lock_t pool_lock;                        /* guards pool, npool, seeded */
	struct vmem_seg *pool;                        /* free tags, chained on knext */
	_Atomic size_t npool;                         /* how many (stored under the lock) */
	int seeded;                                   /* 1 once the static reserve is pooled */
	sync_lock_t refill_lock;                      /* one refiller at a time */
	_Atomic uintptr_t refiller;                   /* thread id of the refiller, or 0 */
	struct vmem_seg reserve[VMEM_STATIC_TAGS];    /* the static reserve */
	sync_lock_t list_lock;                        /* guards arenas */
	struct strata_vmem *arenas;                   /* every initialised arena (stats) */
	int usage_registered;                         /* 1 once the usage source is in */
	const struct vmem_page_ops *_Atomic pages;    /* bookkeeping pages (vmem_pages_set) */
} vmem_state;

static void vmem_usage(stats_emit_fn emit, void *ctx);

/* ---- bookkeeping pages ----------------------------------------------------------- */

/* Install the source of vmem's own pages (tags, hash tables); NULL removes it. */
void vmem_pages_set(const struct vmem_page_ops *ops)
{
	atomic_store_explicit(&vmem_state.pages, ops, memory_order_release);
}

/* `size` bytes of whole pages for bookkeeping; NULL when no source is installed or it
 * has none. */
static void *vmem_pages_alloc(size_t size)
{
	const struct vmem_page_ops *ops = atomic_load_explicit(&vmem_state.pages, memory_order_acquire);
	return ops ? ops->alloc(size) : NULL;
}

/* Give back what vmem_pages_alloc returned (same size). */
static void vmem_pages_free(void *addr, size_t size)
{
	const struct vmem_page_ops *ops = atomic_load_explicit(&vmem_state.pages, memory_order_acquire);
	if (ops)
		ops->free(addr, size);
}

/* ---- the tag pool ---------------------------------------------------------------- */

/* Change the pool count (pool lock held: a plain load and store suffice). */
static inline void vmem_pool_adjust(long delta)
{
	size_t n = atomic_load_explicit(&vmem_state.npool, memory_order_relaxed);
	atomic_store_explicit(&vmem_state.npool, n + (size_t)delta, memory_order_relaxed);
}

/* Put the static reserve into the pool once (pool lock held). */
static void vmem_pool_seed_locked(void)
{
	ASSERT(sync_lock_held(&vmem_state.pool_lock));
	if (vmem_state.seeded)
		return;
	vmem_state.seeded = 1;
	for (int i = 0; i < VMEM_STATIC_TAGS; i++) {
		vmem_state.reserve[i].type = VMEM_SEG_POOL;
		vmem_state.reserve[i].knext = vmem_state.pool;
		vmem_state.pool = &vmem_state.reserve[i];
	}
	vmem_pool_adjust(VMEM_STATIC_TAGS);
}

/* Tags in the module pool now (a relaxed read once seeded; the lock only to seed). */
static size_t vmem_pool_count(void)
{
	if (atomic_load_explicit(&vmem_state.npool, memory_order_relaxed) >= VMEM_TAG_LOW)
		return atomic_load_explicit(&vmem_state.npool, memory_order_relaxed);
	sync_lock_acquire(&vmem_state.pool_lock);
	vmem_pool_seed_locked();
	size_t n = atomic_load_explicit(&vmem_state.npool, memory_order_relaxed);
	sync_lock_release(&vmem_state.pool_lock);
	return n;
}

/* Carve one page into tags for the pool; 0 when there is none. */
static int vmem_pool_refill_page(void)
{
	size_t ps = platform_page_size();
	struct vmem_seg *tags = vmem_pages_alloc(ps);
	if (!tags)
		return 0;
	size_t n = ps / sizeof(struct vmem_seg);
	sync_lock_acquire(&vmem_state.pool_lock);
	for (size_t i = 0; i < n; i++) {
		tags[i].type = VMEM_SEG_POOL;
		tags[i].knext = vmem_state.pool;
		vmem_state.pool = &tags[i];
	}
	vmem_pool_adjust((long)n);
	sync_lock_release(&vmem_state.pool_lock);
	return 1;
}

/* Make sure the pool can serve an operation of the arena (no lock held). 1 when it can. */
static int vmem_tags_reserve(struct strata_vmem *vm)
{
	if (vm->private_tags)
		return 1;   /* checked under the arena lock, per tag */
	if (vmem_pool_count() >= VMEM_TAG_LOW)
		return 1;
	uintptr_t self = platform_thread_id();
	if (atomic_load(&vmem_state.refiller) == self)
		return vmem_pool_count() >= VMEM_TAGS_PER_OP;   /* nested inside our own refill */
	sync_lock_acquire(&vmem_state.refill_lock);
	atomic_store(&vmem_state.refiller, self);
	while (vmem_pool_count() < VMEM_TAG_LOW && vmem_pool_refill_page())
		;
	atomic_store(&vmem_state.refiller, 0);
	sync_lock_release(&vmem_state.refill_lock);
	return vmem_pool_count() >= VMEM_TAGS_PER_OP;
}

/* A tag for the arena (arena lock held); NULL when none is left. */
static struct vmem_seg *vmem_tag_get(struct strata_vmem *vm)
{
	struct vmem_seg *t;
	if (vm->private_tags) {
		t = vm->ptags;
		if (t) {
			vm->ptags = t->knext;
			vm->nptags--;
		}
	} else if ((t = vm->tcache) != NULL) {
		vm->tcache = t->knext;
		vm->ntcache--;
	} else {
		sync_lock_acquire(&vmem_state.pool_lock);
		vmem_pool_seed_locked();
		t = vmem_state.pool;
		if (t) {
			vmem_state.pool = t->knext;
			vmem_pool_adjust(-1);
		}
		sync_lock_release(&vmem_state.pool_lock);
	}
	if (t) {
		t->anext = t->aprev = t->knext = t->kprev = NULL;
		t->imported = 0;
	}
	return t;
}

/* Give a tag to the module pool. */
static void vmem_pool_put(struct vmem_seg *t)
{
	t->type = VMEM_SEG_POOL;
	sync_lock_acquire(&vmem_state.pool_lock);
	t->knext = vmem_state.pool;
	vmem_state.pool = t;
	vmem_pool_adjust(1);
	sync_lock_release(&vmem_state.pool_lock);
}

/* Give a tag back to where the arena's tags come from (arena lock held). */
static void vmem_tag_put(struct strata_vmem *vm, struct vmem_seg *t)
{
	t->type = VMEM_SEG_POOL;
	if (vm->private_tags) {
		t->knext = vm->ptags;
		vm->ptags = t;
		vm->nptags++;
		return;
	}
	if (vm->ntcache < VMEM_TCACHE_MAX) {
		t->knext = vm->tcache;
		vm->tcache = t;
		vm->ntcache++;
		return;
	}
	vmem_pool_put(t);
}

/* ---- lists and hash (arena lock held) --------------------------------------------- */

/* Link t into the address list after prev (prev NULL: at the head). */
static void vmem_link_after(struct strata_vmem *vm, struct vmem_seg *prev, struct vmem_seg *t)
{
	t->aprev = prev;
	t->anext = prev ? prev->anext : vm->head;
	if (t->anext)
		t->anext->aprev = t;
	else
		vm->tail = t;
	if (prev)
		prev->anext = t;
	else
		vm->head = t;
}

/* Unlink t from the address list. */
static void vmem_unlink(struct strata_vmem *vm, struct vmem_seg *t)
{
	if (t->aprev)
		t->aprev->anext = t->anext;
	else
		vm->head = t->anext;
	if (t->anext)
		t->anext->aprev = t->aprev;
	else
		vm->tail = t->aprev;
	t->anext = t->aprev = NULL;
}

/* Put a free segment on the head of its size class list. */
static void vmem_freelist_insert(struct strata_vmem *vm, struct vmem_seg *t)
{
	unsigned i = vmem_highbit(t->size);
	t->kprev = NULL;
	t->knext = vm->freelist[i];
	if (t->knext)
		t->knext->kprev = t;
	vm->freelist[i] = t;
	vm->freemap |= 1ull << i;
}

/* Take a free segment off its size class list. */
static void vmem_freelist_remove(struct strata_vmem *vm, struct vmem_seg *t)
{
	unsigned i = vmem_highbit(t->size);
	if (t->kprev)
		t->kprev->knext = t->knext;
	else
		vm->freelist[i] = t->knext;
	if (t->knext)
		t->knext->kprev = t->kprev;
	if (!vm->freelist[i])
		vm->freemap &= ~(1ull << i);
	t->knext = t->kprev = NULL;
}

/* Enter an allocated segment in the hash. */
static void vmem_hash_insert(struct strata_vmem *vm, struct vmem_seg *t)
{
	struct vmem_seg **b = vmem_hash_bucket(vm, t->start);
	t->knext = *b;
	*b = t;
	vm->nalloc_segs++;
}

/* ---- fitting ------------------------------------------------------------------------- */

/* The lowest r in [s, e) with r % align == phase, [r, r+size) inside [s, e), not crossing
 * a multiple of nocross and inside [minaddr, maxaddr); 1 and *out when there is one. */
static int vmem_fit(uintptr_t s, uintptr_t e, uintptr_t size, uintptr_t align, uintptr_t phase,
                    uintptr_t nocross, uintptr_t minaddr, uintptr_t maxaddr, uintptr_t *out)
{
	if (s < minaddr)
		s = minaddr;
	if (maxaddr && e > maxaddr)
		e = maxaddr;
	if (s == 0)
		s = 1;   /* 0 is never handed out: it means "no space" */
	if (s >= e || e - s < size)
		return 0;
	uintptr_t a = s + ((phase - s) & (align - 1));
	if (a < s)
		return 0;
	if (nocross && ((a ^ (a + size - 1)) & ~(nocross - 1))) {
		uintptr_t b = (a + nocross - 1) & ~(nocross - 1);
		if (b < a)
			return 0;
		a = b + ((phase - b) & (align - 1));
		if (a < b || ((a ^ (a + size - 1)) & ~(nocross - 1)))
			return 0;
	}
	if (a > e || e - a < size)
		return 0;
	*out = a;
	return 1;
}

/* Find a free segment and address for a request (arena lock held); NULL when none. */
static struct vmem_seg *vmem_find_locked(struct strata_vmem *vm, uintptr_t size, uintptr_t align,
                                         uintptr_t phase, uintptr_t nocross, uintptr_t minaddr,
                                         uintptr_t maxaddr, int flags, uintptr_t *addr)
{
	ASSERT(sync_lock_held(&vm->lock));
	int simple = align == vm->quantum && phase == 0 && nocross == 0 && minaddr == 0 && maxaddr == 0;
	if ((vm->mode & VMEM_MODE_MAP) || (flags & STRATA_VMEM_FIRSTFIT)) {
		for (struct vmem_seg *t = vm->head; t; t = t->anext)
			if (t->type == VMEM_SEG_FREE &&
			    vmem_fit(t->start, t->start + t->size, size, align, phase, nocross, minaddr, maxaddr, addr))
				return t;
		return NULL;
	}
	unsigned lo = vmem_highbit(size);
	if (simple && !(flags & STRATA_VMEM_BESTFIT)) {
		/* Instant fit: every segment of list ceil(log2 size) and up is big enough. */
		unsigned i = lo + ((size & (size - 1)) != 0);
		uint64_t mask = i < 64 ? vm->freemap & (~0ull << i) : 0;
		if (mask) {
			struct vmem_seg *t = vm->freelist[__builtin_ctzll(mask)];
			if (t->start != 0) {
				*addr = t->start;
				return t;
			}
		}
	}
	for (unsigned i = lo; i < VMEM_FREELISTS; i++) {
		if (!(vm->freemap & (1ull << i)))
			continue;
		struct vmem_seg *best = NULL;
		uintptr_t best_addr = 0, a;
		for (struct vmem_seg *t = vm->freelist[i]; t; t = t->knext) {
			if (!vmem_fit(t->start, t->start + t->size, size, align, phase, nocross, minaddr, maxaddr, &a))
				continue;
			if (!(flags & STRATA_VMEM_BESTFIT)) {
				*addr = a;
				return t;
			}
			if (!best || t->size < best->size) {
				best = t;
				best_addr = a;
			}
		}
		if (best) {
			*addr = best_addr;
			return best;
		}
	}
	return NULL;
}

/* Allocate [addr, addr+size) out of free segment t (arena lock held); 0 on success,
 * -1 when a needed tag is missing (nothing changed). */
static int vmem_carve_locked(struct strata_vmem *vm, struct vmem_seg *t, uintptr_t addr, uintptr_t size)
{
	ASSERT(sync_lock_held(&vm->lock));
	uintptr_t end = t->start + t->size;
	int map = (vm->mode & VMEM_MODE_MAP) != 0;
	if (map && (addr == t->start || addr + size == end)) {
		/* Map mode from either end: shrink the run in place, no tag needed. */
		if (addr == t->start)
			t->start += size;
		t->size -= size;
		if (t->size == 0) {
			vmem_unlink(vm, t);
			vmem_tag_put(vm, t);
			vm->nfree_segs--;
		}
		vm->total -= size;
		vm->inuse += size;
		return 0;
	}
	struct vmem_seg *h = NULL, *tl = NULL;
	if (addr > t->start && !(h = vmem_tag_get(vm)))
		return -1;
	if (addr + size < end && !(tl = vmem_tag_get(vm))) {
		if (h)
			vmem_tag_put(vm, h);
		return -1;
	}
	if (!map)
		vmem_freelist_remove(vm, t);
	if (h) {
		h->start = t->start;
		h->size = addr - t->start;
		h->type = VMEM_SEG_FREE;
		vmem_link_after(vm, t->aprev, h);
		if (!map)
			vmem_freelist_insert(vm, h);
		vm->nfree_segs++;
	}
	if (tl) {
		tl->start = addr + size;
		tl->size = end - (addr + size);
		tl->type = VMEM_SEG_FREE;
		vmem_link_after(vm, t, tl);
		if (!map)
			vmem_freelist_insert(vm, tl);
		vm->nfree_segs++;
	}
	vm->nfree_segs--;
	vm->inuse += size;
	if (map) {
		/* A run split in the middle: the allocated part is simply not recorded. */
		vmem_unlink(vm, t);
		vmem_tag_put(vm, t);
		vm->total -= size;
		return 0;
	}
	t->start = addr;
	t->size = size;
	t->type = VMEM_SEG_ALLOC;
	vmem_hash_insert(vm, t);
	return 0;
}

/* Add a span marker and its free segment (arena lock held, not map mode). */
static enum vmem_add_result vmem_span_add_locked(struct strata_vmem *vm, uintptr_t addr, uintptr_t size,
                                                 int imported, uintptr_t *ostart, size_t *osize)
{
	ASSERT(sync_lock_held(&vm->lock));
	struct vmem_seg *prev = NULL, *next = vm->spans;
	while (next && next->start < addr) {
		prev = next;
		next = next->knext;
	}
	struct vmem_seg *clash = NULL;
	if (prev && prev->start + prev->size > addr)
		clash = prev;
	else if (next && next->start < addr + size)
		clash = next;
	if (clash) {
		if (ostart)
			*ostart = clash->start;
		if (osize)
			*osize = clash->size;
		return VMEM_ADD_OVERLAP;
	}
	struct vmem_seg *span = vmem_tag_get(vm), *seg;
	if (!span)
		return VMEM_ADD_NOTAG;
	if (!(seg = vmem_tag_get(vm))) {
		vmem_tag_put(vm, span);
		return VMEM_ADD_NOTAG;
	}
	span->start = seg->start = addr;
	span->size = seg->size = size;
	span->type = VMEM_SEG_SPAN;
	span->imported = (uint32_t)imported;
	seg->type = VMEM_SEG_FREE;
	/* In the address list the span goes just before the next span's marker. */
	vmem_link_after(vm, next ? next->aprev : vm->tail, span);
	vmem_link_after(vm, span, seg);
	span->knext = next;
	if (prev)
		prev->knext = span;
	else
		vm->spans = span;
	vmem_freelist_insert(vm, seg);
	vm->nfree_segs++;
	vm->total += size;
	return VMEM_ADD_OK;
}

/* Map mode: record the free run [addr, addr+size), coalescing (arena lock held). */
static enum vmem_add_result vmem_run_add_locked(struct strata_vmem *vm, uintptr_t addr, uintptr_t size,
                                                uintptr_t *ostart, size_t *osize)
{
	ASSERT(sync_lock_held(&vm->lock));
	struct vmem_seg *prev = NULL, *next = vm->head;
	while (next && next->start < addr) {
		prev = next;
		next = next->anext;
	}
	uintptr_t end = addr + size;
	struct vmem_seg *clash = NULL;
	if (prev && prev->start + prev->size > addr)
		clash = prev;
	else if (next && next->start < end)
		clash = next;
	if (clash) {
		if (ostart)
			*ostart = clash->start;
		if (osize)
			*osize = clash->size;
		if (addr >= clash->start && end <= clash->start + clash->size)
			return VMEM_ADD_INSIDE;
		return VMEM_ADD_OVERLAP;
	}
	int merge_prev = prev && prev->start + prev->size == addr;
	int merge_next = next && end == next->start;
	if (merge_prev && merge_next) {
		prev->size += size + next->size;
		vmem_unlink(vm, next);
		vmem_tag_put(vm, next);
		vm->nfree_segs--;
	} else if (merge_prev) {
		prev->size += size;
	} else if (merge_next) {
		next->start = addr;
		next->size += size;
	} else {
		struct vmem_seg *t = vmem_tag_get(vm);
		if (!t)
			return VMEM_ADD_NOTAG;
		t->start = addr;
		t->size = size;
		t->type = VMEM_SEG_FREE;
		vmem_link_after(vm, prev, t);
		vm->nfree_segs++;
	}
	vm->total += size;
	if (vm->inuse >= size)
		vm->inuse -= size;
	else
		vm->inuse = 0;
	return VMEM_ADD_OK;
}

/* Remove the imported span marker `span` and the one segment `t` that tiles it from the
 * arena's lists, returning both tags (arena lock held; t is already off the free list or
 * the hash). */
static void vmem_span_drop_locked(struct strata_vmem *vm, struct vmem_seg *span, struct vmem_seg *t)
{
	ASSERT(sync_lock_held(&vm->lock));
	struct vmem_seg **sp = &vm->spans;
	while (*sp != span)
		sp = &(*sp)->knext;
	*sp = span->knext;
	vm->total -= span->size;
	vmem_unlink(vm, t);
	vmem_unlink(vm, span);
	vmem_tag_put(vm, t);
	vmem_tag_put(vm, span);
}

/* ---- arenas ------------------------------------------------------------------------- */

/* Round n up to a multiple of q (a power of two); 0 on overflow. */
static inline uintptr_t vmem_roundup(uintptr_t n, uintptr_t q)
{
	uintptr_t r = (n + q - 1) & ~(q - 1);
	return r < n ? 0 : r;
}

/* Set an arena up on caller storage. */
int vmem_arena_init(struct strata_vmem *vm, const char *name, uintptr_t base, size_t size, size_t quantum,
                    strata_vmem_import_t import, strata_vmem_release_t release, void *arg,
                    size_t import_quantum, unsigned mode)
{
	if (quantum == 0)
		quantum = 1;
	if ((quantum & (quantum - 1)) != 0)
		return -1;
	__builtin_memset(vm, 0, sizeof *vm);
	size_t i = 0;
	for (; name && name[i] && i + 1 < VMEM_NAME_MAX; i++)
		vm->name[i] = name[i];
	vm->name[i] = '\0';
	sync_lock_init(&vm->lock);
	vm->quantum = quantum;
	vm->qshift = quantum > 1 ? vmem_highbit(quantum) : 0;
	vm->mode = mode;
	vm->import = import;
	vm->release = release;
	vm->import_arg = arg;
	vm->import_quantum = import_quantum ? vmem_roundup(import_quantum, quantum) : quantum;
	if (!vm->import_quantum)
		return -1;
	vm->hash = vm->hash0;
	vm->hash_mask = VMEM_HASH_INITIAL - 1;
	vm->hash_shift = 64 - 4;   /* log2(VMEM_HASH_INITIAL) = 4 */
	if (size) {
		if (vmem_arena_add(vm, base, size, NULL, NULL) != VMEM_ADD_OK)
			return -1;
	}
	if (mode & VMEM_MODE_MAP)
		return 0;   /* caller storage with no fini (static maps, stack maps): not listed */
	sync_lock_acquire(&vmem_state.list_lock);
	vm->list_next = vmem_state.arenas;
	vmem_state.arenas = vm;
	vm->listed = 1;
	int reg = !vmem_state.usage_registered;
	vmem_state.usage_registered = 1;
	sync_lock_release(&vmem_state.list_lock);
	if (reg)
		stats_usage_register(vmem_usage);
	return 0;
}

/* Give the arena a source that takes constraints (set after vmem_arena_init). */
void vmem_arena_ximport_set(struct strata_vmem *vm, vmem_ximport_t ximport)
{
	sync_lock_acquire(&vm->lock);
	vm->ximport = ximport;
	sync_lock_release(&vm->lock);
}

/* A span one xalloc imported. */
struct vmem_span_got {
	uintptr_t addr, size;
};

/* Unlink the imported span at `addr` when it is wholly free (arena lock held), for the
 * caller to release outside the lock; 1 when unlinked. */
static int vmem_span_unlink_free_locked(struct strata_vmem *vm, uintptr_t addr, uintptr_t size)
{
	ASSERT(sync_lock_held(&vm->lock));
	struct vmem_seg **sp = &vm->spans;
	while (*sp && (*sp)->start != addr)
		sp = &(*sp)->knext;
	struct vmem_seg *span = *sp, *seg = span ? span->anext : NULL;
	if (!span || !span->imported || span->size != size || !seg || seg->type != VMEM_SEG_FREE ||
	    seg->start != addr || seg->size != size)
		return 0;
	vmem_freelist_remove(vm, seg);
	vmem_span_drop_locked(vm, span, seg);
	vm->nfree_segs--;
	vm->releases++;
	return 1;
}

/* Take the allocated segment [addr, addr + size) out of the arena with its span, when it
 * is exactly one imported span (a block the arena imported for itself alone): the caller
 * owns the range now (the core resizes it with the page source's remap). 0, or -1 with
 * nothing changed. */
int vmem_arena_span_take(struct strata_vmem *vm, uintptr_t addr, size_t size)
{
	int rc = -1;
	sync_lock_acquire(&vm->lock);
	struct vmem_seg **link = vmem_hash_find(vm, addr);
	struct vmem_seg *t = link ? *link : NULL, *span = t ? t->aprev : NULL;
	if (t && t->size == size && span && span->type == VMEM_SEG_SPAN && span->imported &&
	    span->start == addr && span->size == size) {
		*link = t->knext;
		vm->nalloc_segs--;
		vm->inuse -= size;
		vmem_span_drop_locked(vm, span, t);
		rc = 0;
	}
	sync_lock_release(&vm->lock);
	return rc;
}

/* Give the arena [addr, addr + size) as an imported span allocated whole (what
 * vmem_arena_span_take took, resized). 0, or -1 when no tag is to be had. */
int vmem_arena_span_put_alloc(struct strata_vmem *vm, uintptr_t addr, size_t size)
{
	for (int tries = 0; tries <= VMEM_TAG_RETRIES; tries++) {
		if (!vmem_tags_reserve(vm))
			return -1;
		sync_lock_acquire(&vm->lock);
		enum vmem_add_result r = vmem_span_add_locked(vm, addr, size, 1, NULL, NULL);
		if (r == VMEM_ADD_OK) {
			struct vmem_seg *seg = NULL;
			for (struct vmem_seg *sp = vm->spans; sp; sp = sp->knext)
				if (sp->start == addr)
					seg = sp->anext;
			if (seg && vmem_carve_locked(vm, seg, addr, size) == 0) {
				vm->imports++;
				sync_lock_release(&vm->lock);
				return 0;
			}
			/* no tag for the carve: undo the span and try again */
			(void)vmem_span_unlink_free_locked(vm, addr, size);
		}
		sync_lock_release(&vm->lock);
		if (r == VMEM_ADD_OVERLAP)
			return -1;
	}
	return -1;
}

/* Hand the arena a fixed set of tags from caller storage. */
void vmem_arena_tags_give(struct strata_vmem *vm, struct vmem_seg *tags, size_t n)
{
	sync_lock_acquire(&vm->lock);
	vm->private_tags = 1;
	for (size_t i = 0; i < n; i++) {
		tags[i].type = VMEM_SEG_POOL;
		tags[i].knext = vm->ptags;
		vm->ptags = &tags[i];
	}
	vm->nptags += n;
	sync_lock_release(&vm->lock);
}

/* Tear an arena down: release imported spans, return tags, unlist. */
void vmem_arena_fini(struct strata_vmem *vm)
{
	if (!vm->listed)
		goto unlisted;
	sync_lock_acquire(&vmem_state.list_lock);
	for (struct strata_vmem **p = &vmem_state.arenas; *p; p = &(*p)->list_next)
		if (*p == vm) {
			*p = vm->list_next;
			break;
		}
	vm->listed = 0;
	sync_lock_release(&vmem_state.list_lock);
unlisted:
	sync_lock_acquire(&vm->lock);
	struct vmem_seg *t = vm->head, *cached = vm->tcache;
	vm->head = vm->tail = vm->spans = NULL;
	vm->tcache = NULL;
	vm->ntcache = 0;
	sync_lock_release(&vm->lock);
	while (cached) {
		struct vmem_seg *next = cached->knext;
		vmem_pool_put(cached);
		cached = next;
	}
	while (t) {
		struct vmem_seg *next = t->anext;
		if (t->type == VMEM_SEG_SPAN && t->imported && vm->release)
			vm->release(vm->import_arg, t->start, t->size);
		if (!vm->private_tags)
			vmem_pool_put(t);
		t = next;
	}
	if (vm->hash != vm->hash0)
		vmem_pages_free(vm->hash, (vm->hash_mask + 1) * sizeof(struct vmem_seg *));
	vm->hash = vm->hash0;
}

/* Grow the hash when it holds more than two segments per bucket (no lock held). */
static void vmem_hash_grow(struct strata_vmem *vm)
{
	if (vm->mode & VMEM_MODE_MAP)
		return;
	sync_lock_acquire(&vm->lock);
	size_t buckets = vm->hash_mask + 1;
	if (vm->nalloc_segs <= 2 * buckets || vm->hash_resizing) {
		sync_lock_release(&vm->lock);
		return;
	}
	vm->hash_resizing = 1;
	sync_lock_release(&vm->lock);
	size_t nb = buckets * 4;
	size_t bytes = nb * sizeof(struct vmem_seg *);
	struct vmem_seg **nh = vmem_pages_alloc(bytes);
	sync_lock_acquire(&vm->lock);
	struct vmem_seg **old = NULL;
	size_t old_bytes = buckets * sizeof(struct vmem_seg *);
	if (nh) {
		for (size_t i = 0; i < nb; i++)
			nh[i] = NULL;
		old = vm->hash;
		size_t ob = vm->hash_mask + 1;
		vm->hash = nh;
		vm->hash_mask = nb - 1;
		vm->hash_shift = 64 - vmem_highbit(nb);
		for (size_t i = 0; i < ob; i++) {
			struct vmem_seg *t = old[i];
			while (t) {
				struct vmem_seg *next = t->knext;
				struct vmem_seg **b = vmem_hash_bucket(vm, t->start);
				t->knext = *b;
				*b = t;
				t = next;
			}
		}
	}
	vm->hash_resizing = 0;
	sync_lock_release(&vm->lock);
	if (old && old != vm->hash0)
		vmem_pages_free(old, old_bytes);
}

/* Give back the spans in got[0..n) that are still wholly free (imported by one xalloc
 * that could not use them: a span the request was carved from, or that another thread
 * started to use, stays). Nothing when the arena has no release callback. */
static void vmem_imports_return(struct strata_vmem *vm, const struct vmem_span_got *got, unsigned n)
{
	for (unsigned i = 0; i < n && vm->release; i++) {
		sync_lock_acquire(&vm->lock);
		int gone = vmem_span_unlink_free_locked(vm, got[i].addr, got[i].size);
		sync_lock_release(&vm->lock);
		if (gone)
			vm->release(vm->import_arg, got[i].addr, got[i].size);
	}
}

/* Allocate, importing when the arena is dry (see the theory above). */
uintptr_t vmem_arena_xalloc(struct strata_vmem *vm, size_t size, size_t align, size_t phase,
                            size_t nocross, uintptr_t minaddr, uintptr_t maxaddr, int flags)
{
	uintptr_t q = vm->quantum, addr = 0;
	if (size == 0 || !(size = vmem_roundup(size, q)))
		return 0;
	if (align == 0 || align < q)
		align = q;
	if ((align & (align - 1)) || phase >= align || (phase & (q - 1)) ||
	    (nocross && ((nocross & (nocross - 1)) || nocross < size || nocross < align)) ||
	    (maxaddr && maxaddr <= minaddr))
		return 0;
	int imports = 0, tag_retries = 0;
	int constrained = phase != 0 || nocross != 0 || minaddr != 0 || maxaddr != 0;
	struct vmem_span_got got[VMEM_IMPORT_TRIES];
	unsigned nimported = 0;
	for (;;) {
		if (!vmem_tags_reserve(vm))
			goto fail;
		sync_lock_acquire(&vm->lock);
		struct vmem_seg *t = vmem_find_locked(vm, size, align, phase, nocross, minaddr, maxaddr, flags, &addr);
		if (t) {
			if (vmem_carve_locked(vm, t, addr, size) == 0) {
				int grow = vm->nalloc_segs > 2 * (vm->hash_mask + 1) && !vm->hash_resizing;
				sync_lock_release(&vm->lock);
				if (grow)
					vmem_hash_grow(vm);
				vmem_imports_return(vm, got, nimported);   /* earlier tries' unused spans */
				return addr;
			}
			sync_lock_release(&vm->lock);
			/* Other threads drained the pool between our reserve and the carve. */
			if (vm->private_tags || ++tag_retries > VMEM_TAG_RETRIES)
				goto fail;
			continue;
		}
		if (!vm->import || (flags & STRATA_VMEM_NOIMPORT) || imports >= VMEM_IMPORT_TRIES) {
			sync_lock_release(&vm->lock);
			goto fail;
		}
		vmem_ximport_t ximport = vm->ximport;
		sync_lock_release(&vm->lock);
		uintptr_t iq = vm->import_quantum, span = 0, isize;
		if (constrained && ximport) {
			/* The source takes the constraints: a span that is itself a fit, exactly. */
			isize = size;
			span = ximport(vm->import_arg, isize, align, phase, nocross, minaddr, maxaddr);
		} else {
			uintptr_t ialign = nocross > align ? nocross : align;
			uintptr_t want = size + phase;
			isize = want < size ? 0 : vmem_roundup(want > iq ? want : iq, iq);
			if (!isize)
				goto fail;
			span = vm->import(vm->import_arg, isize, ialign);
			uintptr_t least = vmem_roundup(want, q);
			if (!span && least && least < isize) {
				/* The import quantum is a preference: a source short of a whole quantum (a
				 * small static boot region) may still have room for the request itself. */
				isize = least;
				span = vm->import(vm->import_arg, isize, ialign);
			}
		}
		if (!span)
			goto fail;
		imports++;
		ASSERT_EXPENSIVE(vmem_arena_verify(vm) == 0);
		for (;;) {
			sync_lock_acquire(&vm->lock);
			enum vmem_add_result r = vmem_span_add_locked(vm, span, isize, 1, NULL, NULL);
			if (r == VMEM_ADD_OK)
				vm->imports++;
			sync_lock_release(&vm->lock);
			if (r == VMEM_ADD_OK)
				break;
			if (r == VMEM_ADD_NOTAG && !vm->private_tags && ++tag_retries <= VMEM_TAG_RETRIES &&
			    vmem_tags_reserve(vm))
				continue;
			if (vm->release)
				vm->release(vm->import_arg, span, isize);
			goto fail;
		}
		got[nimported].addr = span;
		got[nimported].size = isize;
		nimported++;
	}
fail:
	/* What this call imported and could not use goes back to the source at once. */
	vmem_imports_return(vm, got, nimported);
	sync_lock_acquire(&vm->lock);
	vm->failures++;
	sync_lock_release(&vm->lock);
	return 0;
}

/* Free an allocated segment (arena lock held). 0; -1 not allocated; -2 wrong size
 * (*actual set). A fully free imported span is unlinked and returned in *rel. */
static int vmem_free_locked(struct strata_vmem *vm, uintptr_t addr, uintptr_t size, uintptr_t *actual,
                            uintptr_t *rel_addr, uintptr_t *rel_size)
{
	ASSERT(sync_lock_held(&vm->lock));
	struct vmem_seg **link = vmem_hash_find(vm, addr);
	if (!link)
		return -1;
	struct vmem_seg *t = *link;
	if (t->size != size) {
		*actual = t->size;
		return -2;
	}
	*link = t->knext;
	vm->nalloc_segs--;
	vm->inuse -= size;
	t->type = VMEM_SEG_FREE;
	vm->nfree_segs++;
	struct vmem_seg *n = t->anext, *p = t->aprev;
	if (n && n->type == VMEM_SEG_FREE) {
		vmem_freelist_remove(vm, n);
		t->size += n->size;
		vmem_unlink(vm, n);
		vmem_tag_put(vm, n);
		vm->nfree_segs--;
	}
	if (p && p->type == VMEM_SEG_FREE) {
		vmem_freelist_remove(vm, p);
		p->size += t->size;
		vmem_unlink(vm, t);
		vmem_tag_put(vm, t);
		vm->nfree_segs--;
		t = p;
	}
	struct vmem_seg *span = t->aprev;
	if (vm->release && span && span->type == VMEM_SEG_SPAN && span->imported &&
	    span->start == t->start && span->size == t->size) {
		/* The whole imported span is free: unlink it for release outside the lock. */
		*rel_addr = span->start;
		*rel_size = span->size;
		vmem_span_drop_locked(vm, span, t);
		vm->nfree_segs--;
		vm->releases++;
		return 0;
	}
	t->knext = NULL;
	vmem_freelist_insert(vm, t);
	return 0;
}

/* Whether addr is inside a free segment (arena lock held; for the error message). */
static int vmem_is_free_locked(struct strata_vmem *vm, uintptr_t addr)
{
	ASSERT(sync_lock_held(&vm->lock));
	for (struct vmem_seg *t = vm->head; t; t = t->anext)
		if (t->type == VMEM_SEG_FREE && addr >= t->start && addr - t->start < t->size)
			return 1;
	return 0;
}

/* Free, quietly or with a report; 0 when freed. */
static int vmem_arena_free_common(struct strata_vmem *vm, uintptr_t addr, size_t size, int report)
{
	uintptr_t q = vm->quantum, actual = 0, rel_addr = 0, rel_size = 0;
	uintptr_t rsize = size ? vmem_roundup(size, q) : 0;
	if (vm->mode & VMEM_MODE_MAP) {
		if (report)
			error_report(STRATA_ERR_MISUSE, (void *)addr, "vmem %s: free on a map-mode arena", vm->name);
		return -1;
	}
	sync_lock_acquire(&vm->lock);
	int rc = vmem_free_locked(vm, addr, rsize, &actual, &rel_addr, &rel_size);
	int was_free = rc == -1 && report && vmem_is_free_locked(vm, addr);
	sync_lock_release(&vm->lock);
	if (rc == 0 && rel_size) {
		vm->release(vm->import_arg, rel_addr, rel_size);
		ASSERT_EXPENSIVE(vmem_arena_verify(vm) == 0);
	}
	if (rc == 0 || !report)
		return rc;
	if (rc == -2)
		error_report(STRATA_ERR_SIZE_MISMATCH, (void *)addr,
		             "vmem %s: freed with size %zu, allocated with size %zu", vm->name, (size_t)rsize,
		             (size_t)actual);
	else if (was_free)
		error_report(STRATA_ERR_DOUBLE_FREE, (void *)addr, "vmem %s: segment already free", vm->name);
	else
		error_report(STRATA_ERR_INVALID_FREE, (void *)addr, "vmem %s: no segment allocated at this address",
		             vm->name);
	return rc;
}

/* Free a segment; misuse goes to the error sink. */
void vmem_arena_free(struct strata_vmem *vm, uintptr_t addr, size_t size)
{
	vmem_arena_free_common(vm, addr, size, 1);
}

/* Free only if the arena allocated exactly this segment. */
int vmem_arena_free_quiet(struct strata_vmem *vm, uintptr_t addr, size_t size)
{
	return vmem_arena_free_common(vm, addr, size, 0);
}

/* Whether the arena has exactly [addr, addr + size) allocated (size rounded to quanta). */
int vmem_arena_owns(struct strata_vmem *vm, uintptr_t addr, size_t size)
{
	uintptr_t rsize = size ? vmem_roundup(size, vm->quantum) : 0;
	if ((vm->mode & VMEM_MODE_MAP) || !rsize)
		return 0;
	sync_lock_acquire(&vm->lock);
	struct vmem_seg **link = vmem_hash_find(vm, addr);
	int owns = link && (*link)->size == rsize;
	sync_lock_release(&vm->lock);
	return owns;
}

/* Whether addr lies inside one of the arena's spans. */
int vmem_arena_contains(struct strata_vmem *vm, uintptr_t addr)
{
	int found = 0;
	sync_lock_acquire(&vm->lock);
	for (struct vmem_seg *s = vm->spans; s && !found; s = s->knext)
		found = addr >= s->start && addr - s->start < s->size;
	sync_lock_release(&vm->lock);
	return found;
}

/* Add a span (map mode: a free run). */
enum vmem_add_result vmem_arena_add(struct strata_vmem *vm, uintptr_t addr, size_t size,
                                    uintptr_t *other_start, size_t *other_size)
{
	if (size == 0 || addr + size < addr)
		return VMEM_ADD_BAD;
	if (!(vm->mode & VMEM_MODE_MAP) && ((addr | size) & (vm->quantum - 1)))
		return VMEM_ADD_BAD;
	if (!vmem_tags_reserve(vm))
		return VMEM_ADD_NOTAG;
	sync_lock_acquire(&vm->lock);
	enum vmem_add_result r = (vm->mode & VMEM_MODE_MAP)
		? vmem_run_add_locked(vm, addr, size, other_start, other_size)
		: vmem_span_add_locked(vm, addr, size, 0, other_start, other_size);
	sync_lock_release(&vm->lock);
	return r;
}

/* Free and allocated units. */
void vmem_arena_sizes(struct strata_vmem *vm, size_t *free_units, size_t *alloc_units)
{
	sync_lock_acquire(&vm->lock);
	size_t inuse = vm->inuse;
	size_t fr = (vm->mode & VMEM_MODE_MAP) ? vm->total : vm->total - vm->inuse;
	sync_lock_release(&vm->lock);
	if (free_units)
		*free_units = fr;
	if (alloc_units)
		*alloc_units = inuse;
}

/* Before fork: take every vmem lock, in the order normal paths take them (refill, list,
 * each listed arena, pool), so the child sees no structure half-changed. */
void vmem_fork_prepare(void)
{
	sync_lock_acquire(&vmem_state.refill_lock);
	sync_lock_acquire(&vmem_state.list_lock);
	for (struct strata_vmem *vm = vmem_state.arenas; vm; vm = vm->list_next)
		sync_lock_acquire(&vm->lock);
	sync_lock_acquire(&vmem_state.pool_lock);
}

/* After fork, in the parent: release what vmem_fork_prepare took. */
void vmem_fork_parent(void)
{
	sync_lock_release(&vmem_state.pool_lock);
	for (struct strata_vmem *vm = vmem_state.arenas; vm; vm = vm->list_next)
		sync_lock_release(&vm->lock);
	sync_lock_release(&vmem_state.list_lock);
	sync_lock_release(&vmem_state.refill_lock);
}

/* After fork: free every lock the child may have inherited held. */
void vmem_fork_child(void)
{
	sync_lock_init(&vmem_state.pool_lock);
	sync_lock_init(&vmem_state.refill_lock);
	sync_lock_init(&vmem_state.list_lock);
	atomic_store(&vmem_state.refiller, 0);
	for (struct strata_vmem *vm = vmem_state.arenas; vm; vm = vm->list_next)
		sync_lock_init(&vm->lock);
}

/* The usage source: one set of lines per arena. */
static void vmem_usage(stats_emit_fn emit, void *ctx)
{
	char name[VMEM_NAME_MAX + 8];
	sync_lock_acquire(&vmem_state.list_lock);
	for (struct strata_vmem *vm = vmem_state.arenas; vm; vm = vm->list_next) {
		size_t fr, al;
		vmem_arena_sizes(vm, &fr, &al);
		platform_format(name, sizeof name, "vmem.%s", vm->name);
		emit(ctx, name, "alloc_units", al);
		emit(ctx, name, "free_units", fr);
		emit(ctx, name, "quantum", vm->quantum);
		emit(ctx, name, "imports", vm->imports);
	}
	sync_lock_release(&vmem_state.list_lock);
}

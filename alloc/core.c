/*
 * alloc/core.c: the core -- pages for every layer, from the page source in force.
 *
 * Theory.
 *
 * Concepts. Layers above the platform (vmem's tag pool, zones and kalloc, boot, malloc)
 * get pages only through core_pages_alloc/free/purge. Behind that interface, for each page
 * source used so far (a slot):
 *   - a heap arena, a vmem arena of bytes with a page quantum, which imports from that
 *     source CORE_CHUNK bytes at a time, so that a run of one-page requests costs one
 *     mmap per 512 pages instead of one each. A range freed into the heap keeps its pages
 *     for a while (Purging, below), and a chunk that becomes wholly free goes back to its
 *     source (unmapped), so that after a program frees everything its address space is
 *     usable again (ulimit -v). Sources that cannot unmap (static, sbrk) keep their chunks;
 *   - a "large" arena, for requests of CORE_DIRECT bytes and more when the source can
 *     unmap: each such request imports exactly its own span and releases it on free, so
 *     big blocks go straight back to the system; with a source that can remap (mmap:
 *     mremap), core_pages_remap resizes such a block in place or moves it without a copy.
 *     Sources that cannot unmap serve big requests from the heap instead.
 * Each slot's arenas import from and release to the slot's own source, even after a
 * switch, which keeps boot-time blocks freeable after the hand-off; new requests go to the
 * slot in force. Every arena tracks each allocated range in its hash, so core_pages_free
 * of a range the core never handed out (or already took back) is caught and reported.
 *
 * Purging. The heap serves requests of any size from 32 KiB to 1 MiB (the slab engine's
 * page blocks) out of the same chunks, so a freed range is most often taken again soon by
 * a request of another size; purged at once, each such reuse faulted every page in again
 * (mimalloc-bench's mstress took 25,000 page faults where glibc takes 4,000 to 13,000,
 * and 1.5x its time; 5,000 to 6,500 since). So a freed heap range is only noted (a short address-sorted list per
 * slot, CORE_DIRTY_MAX ranges, neighbours not yet aged merged) and purged later, as the
 * slab engine's free units are: by the decay (core_pages_decay, run by the slab engine's
 * decay step: a range still free at the second step is purged, so D to 2D ms after its
 * free), at once by core_pages_trim (malloc_trim), when the noted bytes pass
 * max(CORE_DIRTY_MIN, the bytes mapped / CORE_DIRTY_DIV) (down to half of that), or when
 * the list is full. A range the heap hands out again leaves the list (it is in use: no
 * purge). With STRATA_PURGE_DECAY=0 a freed range is purged at once, as before. The purge
 * runs under the slot's dirty_lock, a range is noted before the heap frees it and leaves
 * the list after the heap allocates it and before the caller sees it, so a purge never
 * hits a range a caller holds; a chunk the heap releases leaves the list before it is
 * unmapped. Callers never rely on zero pages (the static source never purges).
 *
 * Pressure. When a source fails to map, the core asks the layer above to give back what it
 * keeps for reuse (the reclaim callback core_reclaim_set installs: the slab engine's
 * cached large blocks and free segments) and tries once more: a program that freed
 * everything can still make a big allocation under an address-space limit.
 *
 * Module state is one struct (core_state): the start state, the slots, the heap arena,
 * mapped and peak bytes. Starting is lazy, idempotent and thread-safe: the first caller
 * moves the state 0 -> 1 with a compare-and-swap, starts, and publishes 2; others wait.
 * Hosted builds start on STRATA_PAGE_SOURCE (mmap or sbrk); freestanding builds must be
 * started with strata_init() (or the boot face) and fail (NULL) until they are.
 *
 * Magic numbers. CORE_CHUNK = 2 MiB: one x86-64 huge page, 512 base pages; it amortises
 * the ~1-2 us cost of an mmap over 512 page requests while bounding what a process that
 * needs one page maps. CORE_DIRECT = 1 MiB: half a chunk; anything bigger would waste
 * most of a chunk's tail, so it is mapped on its own. CORE_SLOTS = 4: boot region, host
 * VM, and the hosted source leave one spare; a fifth distinct source is refused.
 *
 * Locking: the slot table changes under core_state.lock; the allocation path reads the
 * current slot index atomically and each arena has its own lock; nothing is held across
 * the reclaim callback. Nothing here prints: failures are NULL; misuse (bad free) goes to
 * the error sink.
 */
#include "alloc/core.h"

#include <stdatomic.h>

#include <strata/error.h>
#include <strata/page.h>

#include "alloc/assert.h"
#include "alloc/error.h"
#include "alloc/options.h"
#include "alloc/page/platform.h"
#include "alloc/stats/stats.h"
#include "alloc/sync/sync.h"
#include "alloc/vmem/vmem_impl.h"

#define CORE_CHUNK ((size_t)2 << 20)
#define CORE_DIRECT ((size_t)1 << 20)
#define CORE_SLOTS 4
/* Freed heap ranges whose purge waits for the decay (see Purging): at most this many
 * ranges, and at most max(CORE_DIRTY_MIN, the bytes mapped / CORE_DIRTY_DIV) bytes. */
#define CORE_DIRTY_MAX 128
#define CORE_DIRTY_MIN ((size_t)8 << 20)
#define CORE_DIRTY_DIV 4

/* A freed heap range that still holds its pages. */
struct core_dirty {
	uintptr_t start;
	size_t size;
	int aged;                      /* a decay step has seen it */
};

/* One page source the core has used, and its two arenas. */
struct core_slot {
	strata_page_source_t source;   /* ops and context, copied from the caller */
	struct strata_vmem heap;       /* chunked pages for requests below CORE_DIRECT */
	struct strata_vmem large;      /* blocks >= CORE_DIRECT mapped from this source */
	_Atomic uintptr_t lo;          /* lowest address this source handed us (purge lookup) */
	_Atomic uintptr_t hi;          /* one past the highest */
	int used;                      /* 1 once the slot is set up */
	/* Freed heap ranges not purged yet (Purging), by address, disjoint, under dirty_lock. */
	sync_lock_t dirty_lock;
	struct core_dirty dirty[CORE_DIRTY_MAX];
	atomic_uint ndirty;            /* entries in use (read unlocked as a hint) */
	size_t dirty_bytes;            /* their total */
};

/* Module state of the core. */
static struct core_state {
	atomic_int state;                     /* 0 stopped, 1 starting, 2 running */
	sync_lock_t lock;                     /* guards slot set-up and switching */
	struct core_slot slot[CORE_SLOTS];    /* sources used so far */
	atomic_int current;                   /* index of the slot in force */
	size_t page;                          /* page size */
	size_t (*_Atomic reclaim)(void);      /* the layer above's reclaim (see Pressure) */
	atomic_size_t mapped;                 /* bytes obtained from sources and not returned */
	atomic_size_t peak;                   /* highest value of mapped */
	long purge_decay;                     /* STRATA_PURGE_DECAY at start (0: purge at once) */
} core_state;

/* Account for bytes mapped (positive) or unmapped (negative), keeping the peak. */
static void core_account(size_t bytes, int mapped)
{
	if (!mapped) {
		atomic_fetch_sub(&core_state.mapped, bytes);
		return;
	}
	size_t now = atomic_fetch_add(&core_state.mapped, bytes) + bytes;
	size_t peak = atomic_load(&core_state.peak);
	while (now > peak && !atomic_compare_exchange_weak(&core_state.peak, &peak, now))
		;
}

/* Widen a slot's address bounds to cover [a, a + size). */
static void core_slot_bounds(struct core_slot *s, uintptr_t a, size_t size)
{
	uintptr_t lo = atomic_load(&s->lo), hi = atomic_load(&s->hi);
	while ((lo == 0 || a < lo) && !atomic_compare_exchange_weak(&s->lo, &lo, a))
		;
	while (a + size > hi && !atomic_compare_exchange_weak(&s->hi, &hi, a + size))
		;
}

/* Ask the layer above to give back what it keeps (no lock held); 1 when it gave any. */
static int core_reclaim(void)
{
	size_t (*fn)(void) = atomic_load_explicit(&core_state.reclaim, memory_order_acquire);
	return fn && fn() > 0;
}

/* Map from a slot's source, widening the slot's address bounds; on a failure, once more
 * after the layer above gave back what it keeps. */
static void *core_slot_map(struct core_slot *s, size_t size, size_t align)
{
	if (align < core_state.page)
		align = core_state.page;
	void *p = s->source.ops->map(s->source.ctx, size, align);
	if (!p && core_reclaim())
		p = s->source.ops->map(s->source.ctx, size, align);
	if (!p)
		return NULL;
	stats_count(CNT_PAGE_MAP);
	core_account(size, 1);
	core_slot_bounds(s, (uintptr_t)p, size);
	return p;
}

/* Import for either arena of a slot: a chunk (heap) or one block's span (large) from the
 * slot's own source. */
static uintptr_t core_slot_import(void *arg, size_t size, size_t align)
{
	return (uintptr_t)core_slot_map(arg, size, align);
}

/* Purge entry i of slot s's freed ranges and drop it (dirty_lock held); returns its bytes. */
static size_t core_dirty_purge_locked(struct core_slot *s, unsigned i)
{
	ASSERT(sync_lock_held(&s->dirty_lock));
	unsigned n = atomic_load_explicit(&s->ndirty, memory_order_relaxed);
	struct core_dirty e = s->dirty[i];
	s->source.ops->purge(s->source.ctx, (void *)e.start, e.size);
	stats_count(CNT_PAGE_PURGE);
	for (unsigned j = i + 1; j < n; j++)
		s->dirty[j - 1] = s->dirty[j];
	atomic_store_explicit(&s->ndirty, n - 1, memory_order_relaxed);
	s->dirty_bytes -= e.size;
	return e.size;
}

/* Purge slot s's freed ranges, lowest address first, until at most `keep` bytes of them
 * stay (dirty_lock held); returns the bytes purged. */
static size_t core_dirty_trim_locked(struct core_slot *s, size_t keep)
{
	ASSERT(sync_lock_held(&s->dirty_lock));
	size_t done = 0;
	while (s->dirty_bytes > keep && atomic_load_explicit(&s->ndirty, memory_order_relaxed))
		done += core_dirty_purge_locked(s, 0);
	return done;
}

/* Index of the first of slot s's freed ranges that ends after addr (dirty_lock held). */
static unsigned core_dirty_find_locked(const struct core_slot *s, uintptr_t addr)
{
	ASSERT(sync_lock_held(&s->dirty_lock));
	unsigned lo = 0, hi = atomic_load_explicit(&s->ndirty, memory_order_relaxed);
	while (lo < hi) {
		unsigned mid = (lo + hi) / 2;
		if (s->dirty[mid].start + s->dirty[mid].size <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Take [addr, addr + size) out of slot s's freed ranges: it is allocated again or about to
 * be unmapped (dirty_lock held). A range split in two with no room for the second half
 * has that half purged. */
static void core_dirty_cut_locked(struct core_slot *s, uintptr_t addr, size_t size)
{
	ASSERT(sync_lock_held(&s->dirty_lock));
	uintptr_t end = addr + size;
	unsigned i = core_dirty_find_locked(s, addr);
	while (i < atomic_load_explicit(&s->ndirty, memory_order_relaxed) && s->dirty[i].start < end) {
		struct core_dirty *e = &s->dirty[i];
		uintptr_t e_end = e->start + e->size;
		unsigned n = atomic_load_explicit(&s->ndirty, memory_order_relaxed);
		if (e->start < addr && e_end > end) {   /* the cut lies inside: split */
			e->size = addr - e->start;
			s->dirty_bytes -= end - addr;
			if (n == CORE_DIRTY_MAX) {
				s->source.ops->purge(s->source.ctx, (void *)end, e_end - end);
				stats_count(CNT_PAGE_PURGE);
				s->dirty_bytes -= e_end - end;
				return;
			}
			for (unsigned j = n; j > i + 1; j--)
				s->dirty[j] = s->dirty[j - 1];
			s->dirty[i + 1] = (struct core_dirty){ end, e_end - end, e->aged };
			atomic_store_explicit(&s->ndirty, n + 1, memory_order_relaxed);
			return;
		}
		if (e->start < addr) {                  /* keeps its head */
			s->dirty_bytes -= e_end - addr;
			e->size = addr - e->start;
			i++;
			continue;
		}
		if (e_end > end) {                      /* keeps its tail */
			s->dirty_bytes -= end - e->start;
			e->size = e_end - end;
			e->start = end;
			return;
		}
		s->dirty_bytes -= e->size;              /* wholly inside: gone */
		for (unsigned j = i + 1; j < n; j++)
			s->dirty[j - 1] = s->dirty[j];
		atomic_store_explicit(&s->ndirty, n - 1, memory_order_relaxed);
	}
}

/* Note the heap range [addr, addr + size) of slot s, about to be freed, as holding its
 * pages (Purging): merged with a neighbour not yet aged, else inserted; purged at once
 * when the list is full, and the lowest purged when the bytes pass the cap. */
static void core_dirty_note(struct core_slot *s, uintptr_t addr, size_t size)
{
	sync_lock_acquire(&s->dirty_lock);
	unsigned n = atomic_load_explicit(&s->ndirty, memory_order_relaxed);
	unsigned i = core_dirty_find_locked(s, addr);   /* ranges before i end at or before addr */
	int left = i > 0 && !s->dirty[i - 1].aged && s->dirty[i - 1].start + s->dirty[i - 1].size == addr;
	int right = i < n && !s->dirty[i].aged && s->dirty[i].start == addr + size;
	if (left && right) {
		s->dirty[i - 1].size += size + s->dirty[i].size;
		for (unsigned j = i + 1; j < n; j++)
			s->dirty[j - 1] = s->dirty[j];
		atomic_store_explicit(&s->ndirty, n - 1, memory_order_relaxed);
	} else if (left) {
		s->dirty[i - 1].size += size;
	} else if (right) {
		s->dirty[i].start = addr;
		s->dirty[i].size += size;
	} else if (n < CORE_DIRTY_MAX) {
		for (unsigned j = n; j > i; j--)
			s->dirty[j] = s->dirty[j - 1];
		s->dirty[i] = (struct core_dirty){ addr, size, 0 };
		atomic_store_explicit(&s->ndirty, n + 1, memory_order_relaxed);
	} else {
		s->source.ops->purge(s->source.ctx, (void *)addr, size);   /* no room: at once */
		stats_count(CNT_PAGE_PURGE);
		size = 0;
	}
	s->dirty_bytes += size;
	size_t cap = atomic_load(&core_state.mapped) / CORE_DIRTY_DIV;
	if (cap < CORE_DIRTY_MIN)
		cap = CORE_DIRTY_MIN;
	if (s->dirty_bytes > cap)
		(void)core_dirty_trim_locked(s, cap / 2);
	sync_lock_release(&s->dirty_lock);
}

/* A heap range of slot s was just allocated (or is about to be unmapped): it leaves the
 * freed ranges. Nothing to do, without a lock, when there are none. */
static void core_dirty_forget(struct core_slot *s, uintptr_t addr, size_t size)
{
	if (atomic_load_explicit(&s->ndirty, memory_order_relaxed) == 0)
		return;
	sync_lock_acquire(&s->dirty_lock);
	core_dirty_cut_locked(s, addr, size);
	sync_lock_release(&s->dirty_lock);
}

/* Walk every slot's freed heap ranges: purge those an earlier step saw (all of them when
 * `all`), mark the others seen. Returns the bytes purged. */
static size_t core_dirty_sweep(int all)
{
	size_t done = 0;
	if (atomic_load(&core_state.state) != 2)
		return 0;
	for (int k = 0; k < CORE_SLOTS; k++) {
		struct core_slot *s = &core_state.slot[k];
		if (!s->used || atomic_load_explicit(&s->ndirty, memory_order_relaxed) == 0)
			continue;
		sync_lock_acquire(&s->dirty_lock);
		for (unsigned i = 0; i < atomic_load_explicit(&s->ndirty, memory_order_relaxed);) {
			if (all || s->dirty[i].aged) {
				done += core_dirty_purge_locked(s, i);
				continue;
			}
			s->dirty[i].aged = 1;
			i++;
		}
		sync_lock_release(&s->dirty_lock);
	}
	return done;
}

/* One step of the decay (the slab engine's step calls it every STRATA_PURGE_DECAY ms):
 * purge the freed heap ranges an earlier step saw, mark the others seen. Returns the bytes
 * purged. */
size_t core_pages_decay(void)
{
	return core_dirty_sweep(0);
}

/* Purge every freed heap range at once (malloc_trim). Returns the bytes purged. */
size_t core_pages_trim(void)
{
	return core_dirty_sweep(1);
}

/* Release for either arena of a slot: a wholly free chunk or a large block's span goes
 * back to the source that mapped it. */
static void core_slot_release(void *arg, uintptr_t addr, size_t size)
{
	struct core_slot *s = arg;
	if (s->source.ops->unmap) {
		core_dirty_forget(s, addr, size);   /* a heap chunk: none of it may be purged later */
		s->source.ops->unmap(s->source.ctx, (void *)addr, size);
		stats_count(CNT_PAGE_UNMAP);
		core_account(size, 0);
	}
}

/* Set up slot i for a source (core lock held, or during start). */
static void core_slot_setup(int i, const strata_page_source_t *source)
{
	struct core_slot *s = &core_state.slot[i];
	char name[VMEM_NAME_MAX];
	s->source = *source;
	sync_lock_init(&s->dirty_lock);
	atomic_store(&s->ndirty, 0);
	s->dirty_bytes = 0;
	atomic_store(&s->lo, 0);
	atomic_store(&s->hi, 0);
	const char *sname = source->ops->name ? source->ops->name : "?";
	strata_vmem_release_t release = source->ops->unmap ? core_slot_release : NULL;
	if (i == 0)
		platform_format(name, sizeof name, "heap");   /* the first source's: "heap" in stats */
	else
		platform_format(name, sizeof name, "heap.%s", sname);
	vmem_arena_init(&s->heap, name, 0, 0, core_state.page, core_slot_import, release, s, CORE_CHUNK, 0);
	platform_format(name, sizeof name, "large.%s", sname);
	vmem_arena_init(&s->large, name, 0, 0, core_state.page, core_slot_import, release, s, core_state.page, 0);
	s->used = 1;
}

/* The core's usage source. */
static void core_usage(stats_emit_fn emit, void *ctx)
{
	emit(ctx, "core", "mapped_bytes", atomic_load(&core_state.mapped));
	emit(ctx, "core", "peak_bytes", atomic_load(&core_state.peak));
	emit(ctx, "core", "page_size", core_state.page);
}

static const char *core_page_source_name(void);

/* vmem's bookkeeping pages (tags, hash tables) come from the core. */
static void *core_vmem_pages_alloc(size_t size)
{
	return core_pages_alloc(size, 0);
}

/* ... and go back to it. */
static void core_vmem_pages_free(void *addr, size_t size)
{
	core_pages_free(addr, size);
}

static const struct vmem_page_ops core_vmem_pages = {
	.alloc = core_vmem_pages_alloc,
	.free = core_vmem_pages_free,
};

/* Start on a source (the caller won the 0 -> 1 transition). */
static void core_start(const strata_page_source_t *source)
{
	core_state.page = platform_page_size();
	core_state.purge_decay = options_get(OPT_PURGE_DECAY);
	sync_lock_init(&core_state.lock);
	vmem_pages_set(&core_vmem_pages);
	core_slot_setup(0, source);
	atomic_store(&core_state.current, 0);
	stats_usage_register(core_usage);
	stats_backend_set(core_page_source_name);
	atomic_store_explicit(&core_state.state, 2, memory_order_release);
	stats_exit_print_arm();
}

/* Wait for a start in progress on another thread. */
static void core_wait_started(void)
{
	while (atomic_load_explicit(&core_state.state, memory_order_acquire) == 1)
		platform_yield();
}

/* Whether a source is usable at all. */
static int core_source_ok(const strata_page_source_t *source)
{
	return source && source->ops && source->ops->map;
}

/* Start on the build's default source if not running (hosted); -1 freestanding. */
int core_init(void)
{
	if (atomic_load_explicit(&core_state.state, memory_order_acquire) == 2)
		return 0;
#if STRATA_HOSTED
	int expected = 0;
	if (atomic_compare_exchange_strong(&core_state.state, &expected, 1)) {
		strata_page_source_t src = { &strata_page_mmap, NULL };
		if (options_get(OPT_PAGE_SOURCE) == 1)
			src.ops = &strata_page_sbrk;
		core_start(&src);
		return 0;
	}
	core_wait_started();
	return 0;
#else
	core_wait_started();
	return atomic_load(&core_state.state) == 2 ? 0 : -1;
#endif
}

/* Start on a given source; 0, or -1 when running on another one. */
int strata_init(const strata_page_source_t *source)
{
	if (!core_source_ok(source))
		return -1;
	int expected = 0;
	if (atomic_compare_exchange_strong(&core_state.state, &expected, 1)) {
		core_start(source);
		return 0;
	}
	core_wait_started();
	const struct core_slot *s = &core_state.slot[atomic_load(&core_state.current)];
	return (s->source.ops == source->ops && s->source.ctx == source->ctx) ? 0 : -1;
}

/* Switch the source future growth comes from; old ranges stay valid and freeable. */
int strata_page_source_switch(const strata_page_source_t *source)
{
	if (!core_source_ok(source))
		return -1;
	if (atomic_load(&core_state.state) != 2 && strata_init(source) == 0)
		return 0;
	int rc = -1;
	sync_lock_acquire(&core_state.lock);
	for (int i = 0; i < CORE_SLOTS; i++) {
		struct core_slot *s = &core_state.slot[i];
		if (s->used && s->source.ops == source->ops && s->source.ctx == source->ctx) {
			atomic_store(&core_state.current, i);
			rc = 0;
			break;
		}
		if (!s->used) {
			core_slot_setup(i, source);
			atomic_store(&core_state.current, i);
			rc = 0;
			break;
		}
	}
	sync_lock_release(&core_state.lock);
	if (rc != 0)
		error_report(STRATA_ERR_MISUSE, source, "page source switch: more than %d distinct sources", CORE_SLOTS);
	return rc;
}

/* The page size in use. */
size_t core_page_size(void)
{
	return core_state.page ? core_state.page : platform_page_size();
}

/* Whole pages, aligned; NULL on failure. */
void *core_pages_alloc(size_t size, size_t align)
{
	if (core_init() != 0 || size == 0)
		return NULL;
	size_t ps = core_state.page;
	size_t rsize = (size + ps - 1) & ~(ps - 1);
	if (rsize < size || (align & (align - 1)))
		return NULL;
	if (align < ps)
		align = ps;
	stats_count(CNT_CORE_ALLOC);
	struct core_slot *s = &core_state.slot[atomic_load(&core_state.current)];
	if (rsize >= CORE_DIRECT && s->source.ops->unmap)
		return (void *)vmem_arena_xalloc(&s->large, rsize, align, 0, 0, 0, 0, 0);
	uintptr_t p = vmem_arena_xalloc(&s->heap, rsize, align, 0, 0, 0, 0, 0);
	if (p)
		core_dirty_forget(s, p, rsize);   /* in use again: not to be purged */
	return (void *)p;
}

/* A heap range about to be freed: purged now (STRATA_PURGE_DECAY=0) or noted for a later
 * purge (Purging), through its slot's source. It is still allocated, so no chunk release
 * and no other caller can race with either. */
static void core_heap_purge(struct core_slot *s, uintptr_t addr, size_t size)
{
	if (!s->source.ops->purge)
		return;
	if (core_state.purge_decay == 0) {
		s->source.ops->purge(s->source.ctx, (void *)addr, size);
		stats_count(CNT_PAGE_PURGE);
		return;
	}
	core_dirty_note(s, addr, size);
}

/* The slot whose heap holds the allocated range at addr (its hash), or NULL. */
static struct core_slot *core_heap_owner(uintptr_t addr, size_t size)
{
	for (int i = 0; i < CORE_SLOTS; i++) {
		struct core_slot *s = &core_state.slot[i];
		if (s->used && vmem_arena_owns(&s->heap, addr, size))
			return s;
	}
	return NULL;
}

/* Give back a range from core_pages_alloc; a range the core does not know is reported.
 * Heap ranges are purged first, and a chunk they leave wholly free goes back to its
 * source; a large block's span goes straight back. */
void core_pages_free(void *addr, size_t size)
{
	if (!addr)
		return;
	if (atomic_load(&core_state.state) != 2 || size == 0) {
		error_report(STRATA_ERR_INVALID_FREE, addr, "core_pages_free of %zu bytes: the core never handed it out",
		             size);
		return;
	}
	size_t ps = core_state.page;
	size_t rsize = (size + ps - 1) & ~(ps - 1);
	stats_count(CNT_CORE_FREE);
	struct core_slot *h = core_heap_owner((uintptr_t)addr, rsize);
	if (h) {
		core_heap_purge(h, (uintptr_t)addr, rsize);
		if (vmem_arena_free_quiet(&h->heap, (uintptr_t)addr, rsize) == 0)
			return;
		core_dirty_forget(h, (uintptr_t)addr, rsize);   /* not freed after all: not ours to purge */
	}
	for (int i = 0; i < CORE_SLOTS; i++)
		if (core_state.slot[i].used && vmem_arena_free_quiet(&core_state.slot[i].large, (uintptr_t)addr, rsize) == 0)
			return;
	for (int i = 0; i < CORE_SLOTS; i++) {
		struct core_slot *s = &core_state.slot[i];
		if (!s->used)
			continue;
		if (vmem_arena_contains(&s->heap, (uintptr_t)addr)) {
			vmem_arena_free(&s->heap, (uintptr_t)addr, rsize);   /* reports exactly what is wrong */
			return;
		}
		if (vmem_arena_contains(&s->large, (uintptr_t)addr)) {
			vmem_arena_free(&s->large, (uintptr_t)addr, rsize);
			return;
		}
	}
	error_report(STRATA_ERR_INVALID_FREE, addr, "core_pages_free of %zu bytes: not a range of the core", size);
}

/* Resize a block of old_size bytes from core_pages_alloc to new_size through its source's
 * remap (mremap: in place, or moved without a copy), when it is a directly mapped block
 * (CORE_DIRECT and up) of a source that can remap and new_size is one too: its new
 * address, or NULL with nothing changed (the caller copies). */
void *core_pages_remap(void *addr, size_t old_size, size_t new_size)
{
	if (!addr || atomic_load(&core_state.state) != 2)
		return NULL;
	size_t ps = core_state.page;
	size_t oldr = (old_size + ps - 1) & ~(ps - 1), newr = (new_size + ps - 1) & ~(ps - 1);
	if (newr < new_size || newr < CORE_DIRECT)
		return NULL;
	for (int i = 0; i < CORE_SLOTS; i++) {
		struct core_slot *s = &core_state.slot[i];
		if (!s->used || !s->source.ops->remap || vmem_arena_span_take(&s->large, (uintptr_t)addr, oldr) != 0)
			continue;
		void *p = s->source.ops->remap(s->source.ctx, addr, oldr, newr);
		if (!p && newr > oldr && core_reclaim())
			p = s->source.ops->remap(s->source.ctx, addr, oldr, newr);
		uintptr_t at = p ? (uintptr_t)p : (uintptr_t)addr;
		size_t bytes = p ? newr : oldr;
		if (vmem_arena_span_put_alloc(&s->large, at, bytes) != 0) {
			/* no boundary tag for it: the block cannot be tracked, give it up whole */
			s->source.ops->unmap(s->source.ctx, (void *)at, bytes);
			core_account(oldr, 0);
			return NULL;
		}
		if (p) {
			stats_count(CNT_PAGE_MAP);
			core_account(oldr, 0);
			core_account(newr, 1);
			core_slot_bounds(s, at, newr);
		}
		return p;
	}
	return NULL;
}

/* Install the layer above's reclaim (see Pressure in the theory); NULL removes it. */
void core_reclaim_set(size_t (*fn)(void))
{
	atomic_store_explicit(&core_state.reclaim, fn, memory_order_release);
}

/* Drop the physical pages behind a range, through the source that mapped it. */
void core_pages_purge(void *addr, size_t size)
{
	if (!addr || atomic_load(&core_state.state) != 2)
		return;
	uintptr_t a = (uintptr_t)addr, ps = core_state.page;
	size_t rsize = (size + ps - 1) & ~(ps - 1);
	if (a & (ps - 1))
		return;
	int cur = atomic_load(&core_state.current);
	for (int k = 0; k < CORE_SLOTS; k++) {
		struct core_slot *s = &core_state.slot[(cur + CORE_SLOTS - k) % CORE_SLOTS];
		if (s->used && a >= atomic_load(&s->lo) && a + rsize <= atomic_load(&s->hi)) {
			if (s->source.ops->purge) {
				s->source.ops->purge(s->source.ctx, addr, rsize);
				stats_count(CNT_PAGE_PURGE);
			}
			return;
		}
	}
}

/* Change page access through the source that mapped the range (guard pages). */
int core_pages_protect(void *addr, size_t size, int access)
{
	if (!addr || atomic_load(&core_state.state) != 2)
		return -1;
	uintptr_t a = (uintptr_t)addr, ps = core_state.page;
	size_t rsize = (size + ps - 1) & ~(ps - 1);
	if ((a & (ps - 1)) || rsize == 0)
		return -1;
	int cur = atomic_load(&core_state.current);
	for (int k = 0; k < CORE_SLOTS; k++) {
		struct core_slot *s = &core_state.slot[(cur + CORE_SLOTS - k) % CORE_SLOTS];
		if (s->used && a >= atomic_load(&s->lo) && a + rsize <= atomic_load(&s->hi))
			return s->source.ops->protect ? s->source.ops->protect(s->source.ctx, addr, rsize, access) : -1;
	}
	return -1;
}

/* Bytes obtained from the sources and not given back. */
size_t core_pages_mapped(void)
{
	return atomic_load(&core_state.mapped);
}

/* The most that was ever mapped at once. */
size_t core_pages_peak(void)
{
	return atomic_load(&core_state.peak);
}

/* Before fork: take the core's, vmem's and the stats locks (core first, as switching
 * takes it before any arena), so that no structure is half-changed in the child. */
void core_fork_prepare(void)
{
	if (atomic_load(&core_state.state) != 2)
		return;
	sync_lock_acquire(&core_state.lock);
	for (int i = 0; i < CORE_SLOTS; i++)
		if (core_state.slot[i].used)
			sync_lock_acquire(&core_state.slot[i].dirty_lock);
	vmem_fork_prepare();
	stats_fork_prepare();
}

/* After fork, in the parent: release what core_fork_prepare took. */
void core_fork_parent(void)
{
	if (atomic_load(&core_state.state) != 2)
		return;
	stats_fork_parent();
	vmem_fork_parent();
	for (int i = CORE_SLOTS - 1; i >= 0; i--)
		if (core_state.slot[i].used)
			sync_lock_release(&core_state.slot[i].dirty_lock);
	sync_lock_release(&core_state.lock);
}

/* In a fork child: free every lock that a vanished thread may have held. */
void core_fork_child(void)
{
	sync_lock_init(&core_state.lock);
	for (int i = 0; i < CORE_SLOTS; i++)
		sync_lock_init(&core_state.slot[i].dirty_lock);
	vmem_fork_child();
	stats_fork_child();
}

/* The name of the source in force (for stats and the topology graph). */
static const char *core_page_source_name(void)
{
	if (atomic_load(&core_state.state) != 2)
		return "none";
	const struct core_slot *s = &core_state.slot[atomic_load(&core_state.current)];
	return s->source.ops->name ? s->source.ops->name : "?";
}

/*
 * alloc/zone/slab_page.c: where the slab engine's memory comes from — segments carved into
 * slab units, the segment map that tells our pointers from foreign ones, lazy purging, and
 * the table of large (page-backed) blocks. The engine's theory statement is in slab.c; this
 * file's part of it:
 *
 * Segments. The engine asks the core for SLAB_SEG_SIZE (1 MiB) ranges aligned to their
 * size. Unit 0 holds the segment header (descriptors and the debug bitmaps, ~10 KiB, so
 * only its first pages are ever touched); units 1..15 are handed to caches as slabs of
 * 1..15 contiguous units. The pool keeps every segment on one list, segments with a free
 * unit first, so a search stops at the first full segment.
 *
 * The segment map. A free path must not read a header at `p & ~mask` unless p's segment
 * is ours (a foreign pointer's "segment" may be unmapped). The map is two levels: 8192
 * leaf pointers (64 KiB of zero-initialised static memory) and leaves of 2^15 bytes (32
 * KiB, made on first use), one byte per 1 MiB segment: 2^13 * 2^15 * 2^20 = 2^48 bytes
 * from slab_fast.segmap_base, 0 for every hosted user space (a high-half kernel's first
 * segment sets it). An address outside those 2^48 bytes is not ours; a byte rather than a
 * bit saves the shift and mask on every free. Lookups are lock-free (acquire loads);
 * updates happen under pool_lock.
 *
 * Lazy purging. A unit given back by a cache stays "dirty" (its pages resident) and is
 * preferred for the next slab, so a freed slab is not first-touched again (~15 us per page
 * on these VMs against ~20 ns for a resident one). Dirty free bytes are purged
 * (core_pages_purge) only when they exceed max(SLAB_DIRTY_MIN, mapped / SLAB_DIRTY_DIV),
 * down to half of that, or on slab_trim. SLAB_DIRTY_DIV is 2: free resident units may be
 * as many as the ones in use before anything is purged. A purge on these VMs costs
 * ~20 us per page in madvise and ~15 us per page again at the next touch, and a program
 * whose live set swings between phases takes its free units straight back: with mapped / 8
 * the fragmentation workload spent half its time purging and re-faulting pages (2.0x
 * glibc's time) to lower its peak RSS by 4%; with mapped / 2 it runs at 1.3x. Peak RSS
 * hardly depends on it, because at a peak the free units have been taken back anyway.
 * OPT_PURGE_DECAY (STRATA_PURGE_DECAY) D selects the policy: > 0 (default 1000 ms) the
 * cap above plus a time decay, 0 purge every unit as it is freed, < 0 never purge except
 * in slab_trim. The time decay: when the platform has a clock (platform_clock_ms; POSIX
 * clock_gettime, a vDSO call), the engine's slow paths that touch the pool or the large
 * blocks (a slab taken or given back, a large block allocated or freed) run
 * a slab_decay_step() once D ms have passed since the last step (noted there, run at the
 * engine's next point that holds no lock). Each step purges the
 * units that were already free at the previous step (aged_mask) and gives back the kept
 * large blocks that the previous step saw, so freed memory stays resident between D and
 * 2D ms, and memory reused meanwhile is not purged. While the decay runs, wholly free
 * segments wait for it too: a step gives back (unmaps), rather than purges, those whose
 * units were all free at the previous step already, beyond SLAB_KEEP_SEGS, and the size cap's floor is
 * SLAB_DIRTY_MIN_DECAY (64 MiB), a bound on a phase change's growth only: with the 4 MiB
 * floor and segments unmapped as they emptied, a live set swinging by 26 MB (one thread
 * allocating what another frees: xmalloc-testN) made ~300 madvise and ~100 munmap calls a
 * second and faulted its pages in again at every swing. Before that the step goes through
 * the caches (slab.c): the calling thread's magazines are flushed, depot magazines that
 * no thread took during the period go back to their slabs, empty slabs that sat on a
 * cache's empty list through a period go back to the pool (purged in the same step), and
 * the free objects of two pages or more in partly used slabs have the pages wholly inside
 * them purged once they have aged a period (free pages inside partly used slabs). The
 * check is one clock read per slow path of the pool (a 64 KiB slab, a large block),
 * never on the magazine paths; there is no background thread, so a program that stops
 * calling the allocator keeps what it had (malloc_trim gives it back). Without a clock
 * only the cap purges, and at most SLAB_KEEP_SEGS wholly free segments are kept: beyond
 * that they go back to the core (unmapped) as they empty. slab_trim gives back all of them. When the
 * core fails to map, it asks slab_pool_reclaim for the kept large blocks and every free
 * segment first (an address-space limit: ulimit -v).
 *
 * Large blocks (sizes above SLAB_SMALL_MAX, and kalloc's page path) are whole pages from
 * core_pages_alloc with no header at all (they stay page-aligned, as Mach's
 * kmem_alloc_wired blocks were); the core keeps a freed one's pages until its decay step
 * (core.c, Purging), unmaps its chunk when the chunk is wholly free, and resizes a directly mapped one (1 MiB and up) with the
 * source's remap (mremap) for slab_realloc (slab_large_resize). They are found on free through an open-addressed table
 * keyed by address (linear probing, kept under 50% full, tombstones on removal), under
 * large_lock: large allocations already cost a core call, so one lock and a probe are
 * noise, and no virtual space is spent aligning them to segments.
 *
 * Freed large blocks are kept too (lazy purging of the page path): up to
 * SLAB_LCACHE_SLOTS (128) blocks of at most SLAB_LCACHE_BLOCK (32 MiB) each, whose
 * resident bytes stay under max(SLAB_LCACHE_MIN (64 KiB), mapped / 4), oldest given back
 * first; the time decay gives back those a step has seen (kept D to 2D ms). 128 slots:
 * one thread allocating 36 KiB batches that another frees (xmalloc-testN) keeps ~100 in
 * flight, and with 32 slots every other free went to the core (an madvise) and every
 * other allocation faulted its pages in again. The floor was 16 MiB: but a block below
 * CORE_DIRECT (1 MiB) that leaves this cache goes back to the core's heap, which reuses
 * its range for a request of any size, while a kept block of that size serves only
 * sizes within 1/8 of its own; the big floor held blocks nothing could reuse (sqlite:
 * 2.5 MB of its peak RSS, reallocs: 4 MB) and saved no page faults. An allocation takes
 * the smallest kept block that fits with at most 1/8 to spare (the internal-waste bound
 * of the classes) and the alignment asked; from SLAB_LCACHE_LOOSE (1 MiB, the core's
 * directly mapped blocks, which nothing else reuses) up, failing that, the smallest kept
 * block of at most SLAB_LCACHE_RATIO (4) times the request: its pages past the request
 * are purged (one madvise) unless they are under a quarter of the request, and the user
 * sees only the request's pages (usable size, tails). So a program that frees and
 * allocates big buffers of varying sizes does not pay a map, an unmap and a fault per
 * page each time: mimalloc-bench's malloc-large (5-25 MiB blocks, 20 live) went from
 * 6.3 million page faults to 1.2 million (glibc 0.5 million). Each entry notes the bytes
 * that may hold pages (`resident`), which the budget counts. slab_trim gives them all
 * back, and so does the core's reclaim when a map fails (an address-space limit).
 *
 * Failure: a core that has no pages makes these functions return NULL; nothing prints.
 */
#include "alloc/zone/slab_impl.h"

#include "alloc/assert.h"
#include "alloc/core.h"
#include "alloc/error.h"
#include "alloc/page/platform.h"

#define SLAB_SEG_MAGIC ((uintptr_t)0x5eb5ab5e6d5eb1a5ull)
#define SEGMAP_LEAF_SHIFT SLAB_SEGMAP_LEAF_SHIFT
#define SEGMAP_L1 SLAB_SEGMAP_L1
/* Purge when more than this many free bytes are resident: 4 MiB is 64 slab units, a
 * working set's worth of churn before anything is returned. With the time decay running,
 * the cap is only a bound on a phase change's growth: SLAB_DIRTY_MIN_DECAY. */
#define SLAB_DIRTY_MIN ((size_t)4 << 20)
#define SLAB_DIRTY_MIN_DECAY ((size_t)64 << 20)
/* Purge when free resident bytes exceed mapped / SLAB_DIRTY_DIV (see the theory). */
#define SLAB_DIRTY_DIV 2
/* Wholly free segments kept mapped: two is enough to absorb a phase change. */
#define SLAB_KEEP_SEGS 2
/* Largest block, and the floor of the byte budget, of the freed-large-block cache. */
#define SLAB_LCACHE_BLOCK ((size_t)32 << 20)
#define SLAB_LCACHE_MIN ((size_t)64 << 10)
/* The kept blocks' resident bytes stay under mapped / SLAB_LCACHE_DIV. */
#define SLAB_LCACHE_DIV 4
/* From this size up (the core's directly mapped blocks), a kept block serves requests down
 * to 1 / SLAB_LCACHE_RATIO of its size, keeping resident at most 1 / SLAB_LCACHE_TAIL of
 * the request past its end (the rest of its old pages is purged). */
#define SLAB_LCACHE_LOOSE ((size_t)1 << 20)
#define SLAB_LCACHE_RATIO 4
#define SLAB_LCACHE_TAIL 4
/* Initial capacity of the large-block table (entries of 16 bytes: one page). */
#define SLAB_LARGE_INIT 256
/* Mask of units 1..15 (unit 0 is the header). */
#define SLAB_UNITS_MASK ((uint32_t)((1u << SLAB_UNITS) - 2u))

static void slab_decay_maybe(void);
static size_t slab_release_segs_locked(size_t keep_segs, int aged_only);

/* Set or clear segment seg's byte (pool_lock held); 0, or -1 when the map has no room
 * (no page for a leaf, or a segment outside the 2^48 bytes the map covers). The first
 * segment fixes the map's base: 0 when it lies below 2^48 (every hosted user space),
 * else its 2^48-aligned region (a high-half kernel). */
static int slab_segmap_set_locked(uintptr_t seg, int on)
{
	ASSERT(sync_lock_held(&slab_state.pool_lock));
#ifndef STRATA_HOSTED
	if (on && slab_state.nsegs == 0 && slab_fast.segmap_base == 0)
		slab_fast.segmap_base = seg & ~(((uintptr_t)1 << 48) - 1);
#endif
	uintptr_t sn = (seg - SLAB_SEGMAP_BASE) >> SLAB_SEG_SHIFT;
	uintptr_t hi = sn >> SEGMAP_LEAF_SHIFT;
	if (hi >= SEGMAP_L1)
		return on ? -1 : 0;
	uint8_t *leaf = atomic_load_explicit(&slab_fast.segmap[hi], memory_order_relaxed);
	if (!leaf) {
		if (!on)
			return 0;
		leaf = core_pages_alloc((size_t)1 << SEGMAP_LEAF_SHIFT, 0);   /* 32 KiB, zeroed */
		if (!leaf)
			return -1;
		__builtin_memset(leaf, 0, (size_t)1 << SEGMAP_LEAF_SHIFT);   /* (recycled pages) */
		atomic_store_explicit(&slab_fast.segmap[hi], leaf, memory_order_release);
	}
	__atomic_store_n(&leaf[sn & (((uintptr_t)1 << SEGMAP_LEAF_SHIFT) - 1)], (uint8_t)(on != 0), __ATOMIC_RELEASE);
	return 0;
}

/* Note `bytes` more (or fewer) bytes obtained from the core (lock-free: the reclaim path
 * runs it with whatever locks its caller holds). */
static void slab_mapped_add(size_t bytes, int add)
{
	if (!add) {
		__atomic_sub_fetch(&slab_state.mapped, bytes, __ATOMIC_RELAXED);
		return;
	}
	size_t now = __atomic_add_fetch(&slab_state.mapped, bytes, __ATOMIC_RELAXED);
	size_t peak = __atomic_load_n(&slab_state.peak, __ATOMIC_RELAXED);
	while (now > peak &&
	       !__atomic_compare_exchange_n(&slab_state.peak, &peak, now, 1, __ATOMIC_RELAXED, __ATOMIC_RELAXED))
		;
}

/* A bit mask of `k` units starting at unit u. */
static inline uint32_t slab_units_mask(unsigned u, unsigned k)
{
	return (uint32_t)(((1u << k) - 1u) << u);
}

/* First unit of a run of k free units in seg (dirty ones if want_dirty); 0 if none. */
static unsigned slab_seg_find_run(const struct slab_segment *seg, unsigned k, int want_dirty)
{
	uint32_t avail = want_dirty ? (seg->free_mask & seg->dirty_mask) : seg->free_mask;
	for (unsigned u = 1; u + k <= SLAB_UNITS; u++) {
		uint32_t m = slab_units_mask(u, k);
		if ((avail & m) == m)
			return u;
	}
	return 0;
}

/* Move seg to the front (it has free units) or the back (it is full) of the pool list. */
static void slab_seg_place_locked(struct slab_segment *seg, int front)
{
	ASSERT(sync_lock_held(&slab_state.pool_lock));
	if (seg->prev)
		seg->prev->next = seg->next;
	else if (slab_state.segs == seg)
		slab_state.segs = seg->next;
	if (seg->next)
		seg->next->prev = seg->prev;
	seg->next = seg->prev = NULL;
	if (front || !slab_state.segs) {
		seg->next = slab_state.segs;
		if (slab_state.segs)
			slab_state.segs->prev = seg;
		slab_state.segs = seg;
		return;
	}
	struct slab_segment *t = slab_state.segs;
	while (t->next)
		t = t->next;
	t->next = seg;
	seg->prev = t;
}

/* A fresh segment from the core, registered and on the pool list; NULL on failure. */
static struct slab_segment *slab_seg_create_locked(void)
{
	ASSERT(sync_lock_held(&slab_state.pool_lock));
	struct slab_segment *seg = core_pages_alloc(SLAB_SEG_SIZE, SLAB_SEG_SIZE);
	if (!seg)
		return NULL;
	if (((uintptr_t)seg & (SLAB_SEG_SIZE - 1)) != 0 ||
	    slab_segmap_set_locked((uintptr_t)seg, 1) != 0) {
		core_pages_free(seg, SLAB_SEG_SIZE);
		return NULL;
	}
	/* The core's pages may be recycled: clear the descriptors (the bitmaps are cleared
	 * per slab when debug needs them). */
	__builtin_memset(seg, 0, offsetof(struct slab_segment, bits));   /* also req = NULL */
	seg->magic = SLAB_SEG_MAGIC ^ (uintptr_t)seg;
	seg->free_mask = SLAB_UNITS_MASK;
	seg->dirty_mask = 0;
	seg->slabs[0].kind = SLAB_UNIT_HEADER;
	slab_state.nsegs++;
	slab_mapped_add(SLAB_SEG_SIZE, 1);
	slab_seg_place_locked(seg, 1);
	return seg;
}

/* Take `units` contiguous units for a new slab of `cache` and set up its descriptors;
 * NULL when the core has no more pages. Takes pool_lock (after the cache lock). */
struct slab *slab_pool_take(struct slab_cache *cache, unsigned units)
{
	struct slab_segment *seg;
	unsigned u = 0;
	sync_lock_acquire(&slab_state.pool_lock);
	/* Resident units first (no first touch), then any free run, then a new segment. */
	for (int pass = 0; pass < 2 && !u; pass++) {
		for (seg = slab_state.segs; seg && seg->free_mask; seg = seg->next) {
			u = slab_seg_find_run(seg, units, pass == 0);
			if (u)
				break;
		}
	}
	if (!u) {
		seg = slab_seg_create_locked();
		if (!seg) {
			sync_lock_release(&slab_state.pool_lock);
			return NULL;
		}
		u = 1;
	}
	uint32_t m = slab_units_mask(u, units);
	uint16_t was_dirty = (uint16_t)((seg->dirty_mask & m) >> u);
	slab_state.dirty_bytes -= (size_t)slab_popcount32(seg->dirty_mask & m) * SLAB_UNIT_SIZE;
	seg->free_mask &= ~m;
	seg->dirty_mask &= ~m;
	seg->aged_mask &= ~m;
	seg->idle = 0;
	if (!seg->free_mask)
		slab_seg_place_locked(seg, 0);
	sync_lock_release(&slab_state.pool_lock);

	struct slab *head = &seg->slabs[u];
	uintptr_t start = (uintptr_t)seg + (uintptr_t)u * SLAB_UNIT_SIZE;
	if (cache->colors > 1) {   /* Colouring (slab.c): the cache lock is held */
		start += (uintptr_t)(cache->color_next % cache->colors) * SLAB_COLOR;
		cache->color_next++;
	}
	uint32_t capacity = cache->capacity;   /* cache->slab_bytes of objects, carved lazily */
	for (unsigned i = 0; i < units; i++) {
		struct slab *d = &seg->slabs[u + i];
		__builtin_memset(d, 0, sizeof(*d));
		d->start = start;
		d->recip = cache->recip;
		d->div_inv = cache->div_inv;
		d->div_lim = cache->div_lim;
		d->div_shift = cache->div_shift;
		d->size = cache->size;
		d->span = capacity * cache->size;
		d->mag_id = cache->mag_id;
		d->cache = cache;
		d->kind = i ? SLAB_UNIT_TAIL : SLAB_UNIT_HEAD;
		d->units = (uint8_t)(i ? i : units);
	}
	head->bump = start;
	head->capacity = capacity;
	head->was_dirty = was_dirty;
	if (slab_fast.debug)
		slab_debug_slab_clear(seg, u, units);
	slab_decay_maybe();
	return head;
}

/* Purge the runs of seg's resident free units in `mask`, stopping once at most `keep`
 * bytes stay resident (pool_lock held); returns the bytes purged. */
static size_t slab_purge_seg_locked(struct slab_segment *seg, uint32_t mask, size_t keep)
{
	ASSERT(sync_lock_held(&slab_state.pool_lock));
	size_t done = 0;
	uint32_t d = seg->dirty_mask & mask;
	while (d && slab_state.dirty_bytes > keep) {
		unsigned u = (unsigned)__builtin_ctz(d);
		unsigned k = 0;
		while (u + k < SLAB_UNITS && (d >> (u + k) & 1u))
			k++;
		core_pages_purge((char *)seg + (size_t)u * SLAB_UNIT_SIZE, (size_t)k * SLAB_UNIT_SIZE);
		uint32_t m = slab_units_mask(u, k);
		seg->dirty_mask &= ~m;
		seg->aged_mask &= ~m;
		d &= ~m;
		slab_state.dirty_bytes -= (size_t)k * SLAB_UNIT_SIZE;
		__atomic_add_fetch(&slab_state.purged_bytes, (size_t)k * SLAB_UNIT_SIZE, __ATOMIC_RELAXED);
		done += (size_t)k * SLAB_UNIT_SIZE;
	}
	return done;
}

/* Purge free resident units until at most `keep` bytes stay resident (pool_lock held);
 * returns the bytes purged. */
static size_t slab_purge_locked(size_t keep)
{
	ASSERT(sync_lock_held(&slab_state.pool_lock));
	size_t done = 0;
	for (struct slab_segment *seg = slab_state.segs; seg && slab_state.dirty_bytes > keep; seg = seg->next)
		done += slab_purge_seg_locked(seg, ~(uint32_t)0, keep);
	return done;
}

/* The pool's part of a decay step (slab_decay_step, slab.c): purge the free units that
 * were already free and resident at the previous step, and give back the kept large
 * blocks that were kept at the previous step. Returns the bytes purged or given back. */
size_t slab_pool_decay(void)
{
	size_t done = 0;
	sync_lock_acquire(&slab_state.pool_lock);
	done += slab_release_segs_locked(SLAB_KEEP_SEGS, 1);
	for (struct slab_segment *seg = slab_state.segs; seg; seg = seg->next) {
		seg->idle = seg->free_mask == SLAB_UNITS_MASK;
		done += slab_purge_seg_locked(seg, seg->aged_mask, 0);
		seg->aged_mask = seg->dirty_mask;   /* what is resident now is old next time */
	}
	sync_lock_release(&slab_state.pool_lock);
	struct slab_large out[SLAB_LCACHE_SLOTS];
	unsigned n = 0;
	sync_lock_acquire(&slab_state.large_lock);
	for (unsigned i = 0; i < slab_state.lcache_n;) {
		struct slab_large *e = &slab_state.lcache[i];
		if (e->aged) {
			out[n++] = *e;
			slab_state.lcache_bytes -= e->resident;
			slab_state.lcache_n--;
			for (unsigned j = i; j < slab_state.lcache_n; j++)
				slab_state.lcache[j] = slab_state.lcache[j + 1];
			continue;
		}
		e->aged = 1;
		i++;
	}
	sync_lock_release(&slab_state.large_lock);
	size_t gone = 0;
	for (unsigned i = 0; i < n; i++) {
		core_pages_free((void *)out[i].addr, out[i].bytes);
		gone += out[i].bytes;
	}
	slab_mapped_add(gone, 0);
	return done + gone + core_pages_decay();   /* and the core's freed heap ranges */
}

/* Note that a time-decay step is due when the platform has a clock and
 * STRATA_PURGE_DECAY ms have passed since the last one (at most one thread notes it; the
 * others go on); the engine runs it at its next point with no lock held
 * (slab_decay_pending). Called on the pool's and the large blocks' slow paths, maybe
 * under a cache lock. */
static void slab_decay_maybe(void)
{
	long period = slab_state.purge_decay;
	if (period <= 0)
		return;
	uint64_t now = platform_clock_ms();
	if (!now)
		return;
	uint64_t last = atomic_load_explicit(&slab_state.decay_last, memory_order_relaxed);
	if (last == 0) {   /* first call: start the clock */
		atomic_compare_exchange_strong(&slab_state.decay_last, &last, now);
		return;
	}
	if (now - last < (uint64_t)period ||
	    !atomic_compare_exchange_strong(&slab_state.decay_last, &last, now))
		return;
	atomic_store_explicit(&slab_state.decay_due, 1, memory_order_release);
}

/* Whether a wholly free segment has been free through a decay period: every resident
 * unit was already free at the last step, and some unit was resident or the segment was
 * wholly free then (idle: no unit taken since). */
static int slab_seg_aged(const struct slab_segment *seg)
{
	return (seg->dirty_mask & ~seg->aged_mask) == 0 && (seg->dirty_mask != 0 || seg->idle);
}

/* Give wholly free segments beyond `keep_segs` back to the core (pool_lock held); with
 * `aged_only`, only those free through a decay period (slab_seg_aged): a decay step
 * unmaps them rather than purging their units. Returns the bytes released. */
static size_t slab_release_segs_locked(size_t keep_segs, int aged_only)
{
	ASSERT(sync_lock_held(&slab_state.pool_lock));
	size_t kept = 0, done = 0;
	struct slab_segment *seg = slab_state.segs, *next;
	for (; seg; seg = next) {
		next = seg->next;
		if (seg->free_mask != SLAB_UNITS_MASK || (aged_only && !slab_seg_aged(seg)))
			continue;
		if (kept < keep_segs) {
			kept++;
			continue;
		}
		slab_state.dirty_bytes -= (size_t)slab_popcount32(seg->dirty_mask) * SLAB_UNIT_SIZE;
		if (seg->prev)
			seg->prev->next = seg->next;
		else
			slab_state.segs = seg->next;
		if (seg->next)
			seg->next->prev = seg->prev;
		(void)slab_segmap_set_locked((uintptr_t)seg, 0);
		seg->magic = 0;
		slab_debug_seg_release(seg);
		slab_state.nsegs--;
		slab_mapped_add(SLAB_SEG_SIZE, 0);
		core_pages_free(seg, SLAB_SEG_SIZE);
		done += SLAB_SEG_SIZE;
	}
	return done;
}

/* Return a slab's units to the pool (the slab is empty and off every list). `aged`: it sat
 * empty through a decay period already (the decay gives it), so its units are purged at
 * the pool's part of the same step rather than a period later. */
void slab_pool_give(struct slab *s, int aged)
{
	struct slab_segment *seg = (struct slab_segment *)(s->start & ~(SLAB_SEG_SIZE - 1));
	unsigned u = (unsigned)((s->start >> SLAB_UNIT_SHIFT) & (SLAB_UNITS - 1));
	unsigned k = s->units;
	/* Resident now: the units objects were carved from (lazy carving may leave the tail
	 * of a slab untouched) and those that were resident when the slab took them; an
	 * untouched unit is not counted as dirty, so it neither trips the purge cap nor
	 * costs an madvise. */
	uintptr_t base = s->start & ~(SLAB_UNIT_SIZE - 1);   /* before the colour */
	unsigned carved = (unsigned)((s->bump - base + SLAB_UNIT_SIZE - 1) >> SLAB_UNIT_SHIFT);
	uint32_t touched = carved >= k ? ((1u << k) - 1u) : ((1u << carved) - 1u);
	uint32_t dirty = ((touched | s->was_dirty) << u) & slab_units_mask(u, k);
	for (unsigned i = 0; i < k; i++) {
		struct slab *d = &seg->slabs[u + i];
		__builtin_memset(d, 0, sizeof(*d));
		d->kind = SLAB_UNIT_FREE;
	}
	uint32_t m = slab_units_mask(u, k);
	sync_lock_acquire(&slab_state.pool_lock);
	int was_full = seg->free_mask == 0;
	seg->free_mask |= m;
	seg->dirty_mask |= dirty;
	if (aged)
		seg->aged_mask |= dirty;
	slab_state.dirty_bytes += (size_t)slab_popcount32(dirty) * SLAB_UNIT_SIZE;
	if (was_full)
		slab_seg_place_locked(seg, 1);
	/* With the time decay running, free segments wait for it (a program whose live set
	 * swings would otherwise unmap and map them again at every swing). */
	int decaying = slab_state.purge_decay > 0 && atomic_load_explicit(&slab_state.decay_last, memory_order_relaxed);
	size_t cap = __atomic_load_n(&slab_state.mapped, __ATOMIC_RELAXED) / SLAB_DIRTY_DIV;
	size_t cap_min = decaying ? SLAB_DIRTY_MIN_DECAY : SLAB_DIRTY_MIN;
	if (cap < cap_min)
		cap = cap_min;
	if (slab_state.purge_decay == 0)
		slab_purge_locked(0);                  /* STRATA_PURGE_DECAY=0: purge at once */
	else if (slab_state.purge_decay > 0 && slab_state.dirty_bytes > cap)
		slab_purge_locked(cap / 2);            /* < 0: only slab_trim purges */
	if (seg->free_mask == SLAB_UNITS_MASK && !decaying)
		slab_release_segs_locked(SLAB_KEEP_SEGS, 0);
	sync_lock_release(&slab_state.pool_lock);
	slab_decay_maybe();
}

/* Purge resident free units down to keep_bytes and release wholly free segments;
 * returns the bytes purged or released. */
size_t slab_pool_purge(size_t keep_bytes)
{
	sync_lock_acquire(&slab_state.pool_lock);
	size_t done = slab_release_segs_locked(keep_bytes / SLAB_SEG_SIZE, 0);
	done += slab_purge_locked(keep_bytes);
	sync_lock_release(&slab_state.pool_lock);
	return done;
}

/* Table slot where address a lives or would go (large_lock held). */
static size_t slab_large_probe_locked(uintptr_t a, int for_insert)
{
	ASSERT(sync_lock_held(&slab_state.large_lock));
	size_t mask = slab_state.large_cap - 1;
	size_t i = (size_t)(((a >> 12) * (uintptr_t)0x9e3779b97f4a7c15ull) >> 20) & mask;
	size_t tomb = (size_t)-1;
	for (;;) {
		uintptr_t k = slab_state.large[i].addr;
		if (k == a)
			return i;
		if (k == 0)
			return (for_insert && tomb != (size_t)-1) ? tomb : i;
		if (k == 1 && tomb == (size_t)-1)
			tomb = i;
		i = (i + 1) & mask;
	}
}

/* Grow (or first create) the large-block table so one more entry keeps it under half
 * full (large_lock held); -1 when the core has no pages. */
static int slab_large_reserve_locked(void)
{
	ASSERT(sync_lock_held(&slab_state.large_lock));
	if (slab_state.large && (slab_state.large_used + slab_state.large_tomb + 1) * 2 <= slab_state.large_cap)
		return 0;
	size_t cap = slab_state.large_cap ? slab_state.large_cap : SLAB_LARGE_INIT;
	while ((slab_state.large_used + 1) * 2 > cap)
		cap *= 2;
	struct slab_large *old = slab_state.large;
	size_t old_cap = slab_state.large_cap;
	struct slab_large *t = core_pages_alloc(cap * sizeof(*t), 0);
	if (!t)
		return -1;
	__builtin_memset(t, 0, cap * sizeof(*t));
	slab_state.large = t;
	slab_state.large_cap = cap;
	slab_state.large_tomb = 0;
	for (size_t i = 0; i < old_cap; i++) {
		if (old[i].addr > 1)
			t[slab_large_probe_locked(old[i].addr, 1)] = old[i];
	}
	if (old)
		core_pages_free(old, old_cap * sizeof(*old));
	return 0;
}

/* A kept block of at least `bytes` aligned to `align`, taken out of the cache: the
 * smallest with at most 1/8 to spare, else (requests of SLAB_LCACHE_LOOSE and up) the
 * smallest of at most SLAB_LCACHE_RATIO times the request. Its size in *got, the bytes
 * that may hold pages in *resident; NULL when none fits (large_lock held). */
static void *slab_lcache_take_locked(size_t bytes, size_t align, size_t *got, size_t *resident)
{
	ASSERT(sync_lock_held(&slab_state.large_lock));
	unsigned best = SLAB_LCACHE_SLOTS, loose = SLAB_LCACHE_SLOTS;
	for (unsigned i = 0; i < slab_state.lcache_n; i++) {
		const struct slab_large *e = &slab_state.lcache[i];
		if (e->bytes < bytes || (e->addr & (align - 1)) != 0)
			continue;
		if (e->bytes - bytes <= bytes / 8 &&
		    (best == SLAB_LCACHE_SLOTS || e->bytes < slab_state.lcache[best].bytes))
			best = i;
		if (bytes >= SLAB_LCACHE_LOOSE && e->bytes / SLAB_LCACHE_RATIO <= bytes &&
		    (loose == SLAB_LCACHE_SLOTS || e->bytes < slab_state.lcache[loose].bytes))
			loose = i;
	}
	if (best == SLAB_LCACHE_SLOTS)
		best = loose;
	if (best == SLAB_LCACHE_SLOTS)
		return NULL;
	void *p = (void *)slab_state.lcache[best].addr;
	*got = slab_state.lcache[best].bytes;
	*resident = slab_state.lcache[best].resident;
	slab_state.lcache_bytes -= *resident;
	slab_state.lcache_n--;
	for (unsigned i = best; i < slab_state.lcache_n; i++)
		slab_state.lcache[i] = slab_state.lcache[i + 1];
	return p;
}

/* Keep a freed block (`resident` of its `bytes` may hold pages) for reuse when it fits the
 * budget; the blocks pushed out (and this one, when it is not kept) are written to out[]
 * for the caller to free after unlocking. Returns how many. (large_lock held.) */
static unsigned slab_lcache_put_locked(uintptr_t addr, size_t bytes, size_t resident, struct slab_large *out)
{
	ASSERT(sync_lock_held(&slab_state.large_lock));
	unsigned n = 0;
	size_t budget = __atomic_load_n(&slab_state.mapped, __ATOMIC_RELAXED) / SLAB_LCACHE_DIV;   /* no pool_lock */
	if (budget < SLAB_LCACHE_MIN)
		budget = SLAB_LCACHE_MIN;
	if (bytes > SLAB_LCACHE_BLOCK || resident > budget || slab_state.purge_decay == 0) {
		out[n].addr = addr;
		out[n].bytes = bytes;
		return 1;
	}
	while (slab_state.lcache_n && (slab_state.lcache_n == SLAB_LCACHE_SLOTS ||
	                               slab_state.lcache_bytes + resident > budget)) {
		out[n++] = slab_state.lcache[0];
		slab_state.lcache_bytes -= slab_state.lcache[0].resident;
		slab_state.lcache_n--;
		for (unsigned i = 0; i < slab_state.lcache_n; i++)
			slab_state.lcache[i] = slab_state.lcache[i + 1];
	}
	struct slab_large *k = &slab_state.lcache[slab_state.lcache_n++];
	k->addr = addr;
	k->bytes = bytes;
	k->resident = resident;
	k->aged = 0;   /* not yet seen by slab_decay_step */
	slab_state.lcache_bytes += resident;
	return n;
}

/* Give every kept large block back to the core; returns the bytes. `try_lock`: the caller
 * may hold large_lock already (the reclaim under pressure): give nothing back then. */
static size_t slab_lcache_drop(int try_lock)
{
	struct slab_large out[SLAB_LCACHE_SLOTS];
	if (try_lock) {
		if (!sync_lock_try(&slab_state.large_lock))
			return 0;
	} else {
		sync_lock_acquire(&slab_state.large_lock);
	}
	unsigned n = slab_state.lcache_n;
	for (unsigned i = 0; i < n; i++)
		out[i] = slab_state.lcache[i];
	slab_state.lcache_n = 0;
	slab_state.lcache_bytes = 0;
	sync_lock_release(&slab_state.large_lock);
	size_t bytes = 0;
	for (unsigned i = 0; i < n; i++) {
		core_pages_free((void *)out[i].addr, out[i].bytes);
		bytes += out[i].bytes;
	}
	slab_mapped_add(bytes, 0);
	return bytes;
}

/* Give every kept large block back to the core; returns the bytes. */
size_t slab_large_cache_drop(void)
{
	return slab_lcache_drop(0);
}

/* Note bytes given back to the core (large blocks, kept or not). */
static void slab_large_unmapped(size_t bytes)
{
	slab_mapped_add(bytes, 0);
}

/* Make the last page of a guarded block inaccessible; when the page source cannot, say
 * so once (the block keeps the guarded layout, so that every guarded block has one). */
static void slab_guard_protect(uintptr_t guard_page)
{
	if (core_pages_protect((void *)guard_page, core_page_size(), STRATA_PAGE_NONE) == 0)
		return;
	if (__atomic_exchange_n(&slab_state.guard_warned, 1, __ATOMIC_RELAXED) == 0) {
		static const char msg[] = "strata: STRATA_GUARD: the page source cannot protect pages; "
		                          "guard pages do not fault\n";
		error_write(msg, sizeof msg - 1);
	}
}

/* A page-backed block of at least `size` bytes aligned to `align` (0: a page); NULL when
 * the core has no pages. A kept freed block is reused when one fits. With `guard`, the
 * block gets pages of its own plus one that is made inaccessible, and the pointer is
 * placed so that the block, rounded up to 16 bytes (or the alignment), ends where that
 * page starts: it then lies less than a page past the block's first page, which is how
 * free finds it (the table is keyed by first page; the entry keeps the exact pointer,
 * so an interior pointer is never taken for the block). */
void *slab_large_alloc(size_t size, size_t align, int guard)
{
	size_t page = core_page_size();
	size_t unit = align > page ? align : page;
	size_t a = align > SLAB_MIN_OBJ ? align : SLAB_MIN_OBJ;   /* the pointer's alignment */
	if (size > SIZE_MAX - 2 * unit)
		return NULL;
	size_t bytes = (size + unit - 1) & ~(unit - 1);
	if (!bytes)
		bytes = page;
	size_t asked = bytes;
	if (guard)
		bytes += page;
	if (align < page)
		align = page;
	void *p = NULL;
	size_t got = bytes, resident = bytes;
	if (!guard) {
		sync_lock_acquire(&slab_state.large_lock);
		if (slab_state.lcache_n)
			p = slab_lcache_take_locked(bytes, align, &got, &resident);
		sync_lock_release(&slab_state.large_lock);
	}
	int fresh = p == NULL;
	if (!p)
		p = core_pages_alloc(bytes, align > page ? align : 0);
	if (!p)
		return NULL;
	if (!fresh && resident > asked + asked / SLAB_LCACHE_TAIL) {
		/* a bigger kept block: its old pages past the request go (one madvise) */
		core_pages_purge((char *)p + asked, resident - asked);
		resident = asked;
	}
	if (resident < asked)
		resident = asked;
	bytes = got;
	uintptr_t user = (uintptr_t)p;
	if (guard) {
		slab_guard_protect(user + asked);
		user += asked - ((size + a - 1) & ~(a - 1));
	}
	sync_lock_acquire(&slab_state.large_lock);
	if (slab_large_reserve_locked() != 0) {
		sync_lock_release(&slab_state.large_lock);
		if (guard)
			(void)core_pages_protect((char *)p + asked, page, STRATA_PAGE_RW);
		core_pages_free(p, bytes);
		if (!fresh)
			slab_large_unmapped(bytes);
		return NULL;
	}
	size_t i = slab_large_probe_locked((uintptr_t)p, 1);
	if (slab_state.large[i].addr == 1)
		slab_state.large_tomb--;
	struct slab_large *e = &slab_state.large[i];
	e->addr = (uintptr_t)p;
	e->bytes = bytes;
	e->asked = asked;
	e->user = user;
	e->req = 0;
	e->resident = guard ? bytes : resident;
	e->guard = guard;
	e->aged = 0;
	slab_state.large_used++;
	slab_state.large_count++;
	slab_state.large_bytes += bytes;
	sync_lock_release(&slab_state.large_lock);
	if (fresh)
		slab_mapped_add(bytes, 1);
	slab_decay_maybe();
	return (void *)user;
}

/* The table slot of the large block whose pointer is exactly ptr, or -1 (large_lock
 * held). The table is keyed by first page; a block's pointer lies in its first page. */
static long slab_large_find_locked(const void *ptr)
{
	ASSERT(sync_lock_held(&slab_state.large_lock));
	uintptr_t a = (uintptr_t)ptr, base = a & ~(uintptr_t)(core_page_size() - 1);
	if (!slab_state.large || base <= 1)
		return -1;
	size_t i = slab_large_probe_locked(base, 0);
	if (slab_state.large[i].addr != base || slab_state.large[i].user != a)
		return -1;
	return (long)i;
}

/* Where a large block's usable bytes end: at the page-rounded request (the guard page
 * after it, or pages of a bigger kept block that the user never sees). */
static uintptr_t slab_large_end(const struct slab_large *e)
{
	return e->addr + e->asked;
}

/* The bytes a large block's user may use from its pointer: the request when one is
 * noted (tails), else up to slab_large_end. */
static size_t slab_large_usable(const struct slab_large *e)
{
	if (e->req)
		return e->req;
	return slab_large_end(e) - e->user;
}

/* Free a large block; 1 when ptr was one (freed, or left alone after a report of a
 * damaged tail), 0 when it is not a large block's pointer. */
int slab_large_free(void *ptr)
{
	sync_lock_acquire(&slab_state.large_lock);
	long i = slab_large_find_locked(ptr);
	if (i < 0) {
		sync_lock_release(&slab_state.large_lock);
		return 0;
	}
	struct slab_large e = slab_state.large[i];
	if (e.req && slab_tail_check(ptr, e.req, slab_large_end(&e) - e.user, "free") != 0) {
		sync_lock_release(&slab_state.large_lock);
		return 1;   /* damaged: left alone (the handler returned) */
	}
	slab_state.large[i].addr = 1;   /* tombstone */
	slab_state.large[i].bytes = 0;
	slab_state.large_used--;
	slab_state.large_tomb++;
	slab_state.large_count--;
	slab_state.large_bytes -= e.bytes;
	slab_state.lfreed[slab_state.lfreed_next] = e.user;
	slab_state.lfreed_next = (slab_state.lfreed_next + 1) % SLAB_LFREED_SLOTS;
	struct slab_large out[SLAB_LCACHE_SLOTS + 1];
	unsigned n = 0;
	if (e.guard) {
		out[n].addr = e.addr;
		out[n++].bytes = e.bytes;
	} else {
		n = slab_lcache_put_locked(e.addr, e.bytes, e.resident, out);
	}
	sync_lock_release(&slab_state.large_lock);
	if (e.guard)
		(void)core_pages_protect((void *)(e.addr + e.asked), core_page_size(), STRATA_PAGE_RW);
	size_t gone = 0;
	for (unsigned k = 0; k < n; k++) {
		core_pages_free((void *)out[k].addr, out[k].bytes);
		gone += out[k].bytes;
	}
	slab_large_unmapped(gone);
	slab_decay_maybe();
	return 1;
}

/* Resize the large block at ptr to `size` bytes without a copy, when the core can (a
 * directly mapped block of a source with remap: mremap): its new pointer, or NULL with
 * nothing changed. Not for guarded blocks or those with a noted request (the aids'). */
void *slab_large_resize(void *ptr, size_t size)
{
	size_t page = core_page_size();
	if (size > SIZE_MAX - page)
		return NULL;
	size_t bytes = (size + page - 1) & ~(page - 1);
	sync_lock_acquire(&slab_state.large_lock);
	long i = slab_large_find_locked(ptr);
	if (i < 0 || slab_state.large[i].guard || slab_state.large[i].req ||
	    slab_state.large[i].addr != (uintptr_t)ptr) {
		sync_lock_release(&slab_state.large_lock);
		return NULL;
	}
	struct slab_large e = slab_state.large[i];
	/* Out of the table while the core works on it (a concurrent free of it is misuse). */
	slab_state.large[i].addr = 1;
	slab_state.large[i].bytes = 0;
	slab_state.large_used--;
	slab_state.large_tomb++;
	slab_state.large_count--;
	slab_state.large_bytes -= e.bytes;
	sync_lock_release(&slab_state.large_lock);
	void *p = core_pages_remap(ptr, e.bytes, bytes);
	if (p) {
		if (bytes > e.bytes)
			slab_mapped_add(bytes - e.bytes, 1);
		else
			slab_mapped_add(e.bytes - bytes, 0);
		e.addr = e.user = (uintptr_t)p;
		e.bytes = e.asked = e.resident = bytes;
	}
	sync_lock_acquire(&slab_state.large_lock);
	/* Growing the table may fail without pages; the entry goes in anyway: the table is
	 * kept under half full, so there is an empty slot (the old one is a tombstone). */
	(void)slab_large_reserve_locked();
	size_t k = slab_large_probe_locked(e.addr, 1);
	if (slab_state.large[k].addr == 1)
		slab_state.large_tomb--;
	slab_state.large[k] = e;
	slab_state.large_used++;
	slab_state.large_count++;
	slab_state.large_bytes += e.bytes;
	sync_lock_release(&slab_state.large_lock);
	return p;
}

/* Whether ptr is the pointer of one of the last SLAB_LFREED_SLOTS large blocks freed (and
 * not a live one now): a free of it is a double free. */
int slab_large_was_freed(const void *ptr)
{
	int found = 0;
	sync_lock_acquire(&slab_state.large_lock);
	if (slab_large_find_locked(ptr) < 0)
		for (unsigned i = 0; i < SLAB_LFREED_SLOTS && !found; i++)
			found = ptr && slab_state.lfreed[i] == (uintptr_t)ptr;
	sync_lock_release(&slab_state.large_lock);
	return found;
}

/* The pointer of the live large block whose pages hold ptr, or 0 (a walk of the table:
 * for messages about interior pointers, never on a normal path). */
uintptr_t slab_large_holder(const void *ptr)
{
	uintptr_t a = (uintptr_t)ptr, found = 0;
	sync_lock_acquire(&slab_state.large_lock);
	for (size_t i = 0; i < slab_state.large_cap && !found; i++) {
		const struct slab_large *e = &slab_state.large[i];
		if (e->addr > 1 && a >= e->addr && a - e->addr < e->bytes)
			found = e->user;
	}
	sync_lock_release(&slab_state.large_lock);
	return found;
}

/* Look up the large block at ptr: 1 and a copy of its entry, or 0 when ptr is not one. */
static int slab_large_lookup(const void *ptr, struct slab_large *out)
{
	sync_lock_acquire(&slab_state.large_lock);
	long i = slab_large_find_locked(ptr);
	if (i >= 0)
		*out = slab_state.large[i];
	sync_lock_release(&slab_state.large_lock);
	return i >= 0;
}

/* Bytes usable at the large block ptr, 0 when ptr is not one. */
size_t slab_large_size(const void *ptr)
{
	struct slab_large e;
	return slab_large_lookup(ptr, &e) ? slab_large_usable(&e) : 0;
}

/* Page-rounded size asked for the large block at ptr (a kept block reused for a smaller
 * request maps more), 0 when ptr is not one. */
size_t slab_large_asked(const void *ptr)
{
	struct slab_large e;
	return slab_large_lookup(ptr, &e) ? e.asked : 0;
}

/* Tails: note the exact request of the large block at ptr and fill its tail. */
void slab_large_req_set(void *ptr, size_t req)
{
	sync_lock_acquire(&slab_state.large_lock);
	long i = slab_large_find_locked(ptr);
	struct slab_large e = { 0 };
	if (i >= 0) {
		slab_state.large[i].req = req;
		e = slab_state.large[i];
	}
	sync_lock_release(&slab_state.large_lock);
	if (i >= 0)
		slab_tail_fill(ptr, req, slab_large_end(&e) - e.user);
}

/* Check the pool: masks, descriptors, map bits and large-table counts; 0 when sound. */
int slab_pool_verify(void)
{
	int bad = 0;
	size_t dirty = 0, nsegs = 0;
	sync_lock_acquire(&slab_state.pool_lock);
	for (struct slab_segment *seg = slab_state.segs; seg; seg = seg->next) {
		nsegs++;
		if (seg->magic != (SLAB_SEG_MAGIC ^ (uintptr_t)seg) || !slab_segmap_has((uintptr_t)seg)) {
			error_report(STRATA_ERR_CORRUPT, seg, "slab_verify: segment %p has a bad header", (void *)seg);
			bad = 1;
			continue;
		}
		if ((seg->dirty_mask & ~seg->free_mask) || (seg->free_mask & ~SLAB_UNITS_MASK) ||
		    (seg->aged_mask & ~seg->dirty_mask)) {
			error_report(STRATA_ERR_CORRUPT, seg, "slab_verify: segment %p unit masks %x/%x disagree",
			             (void *)seg, seg->free_mask, seg->dirty_mask);
			bad = 1;
		}
		dirty += (size_t)slab_popcount32(seg->dirty_mask) * SLAB_UNIT_SIZE;
		for (unsigned u = 1; u < SLAB_UNITS; u++) {
			int is_free = (seg->free_mask >> u) & 1u;
			if (is_free != (seg->slabs[u].kind == SLAB_UNIT_FREE)) {
				error_report(STRATA_ERR_CORRUPT, seg, "slab_verify: segment %p unit %u kind %u, free bit %d",
				             (void *)seg, u, (unsigned)seg->slabs[u].kind, is_free);
				bad = 1;
			}
		}
	}
	if (dirty != slab_state.dirty_bytes || nsegs != slab_state.nsegs) {
		error_report(STRATA_ERR_CORRUPT, NULL, "slab_verify: pool counts %zu segments / %zu dirty bytes, found %zu / %zu",
		             slab_state.nsegs, slab_state.dirty_bytes, nsegs, dirty);
		bad = 1;
	}
	sync_lock_release(&slab_state.pool_lock);
	sync_lock_acquire(&slab_state.large_lock);
	size_t n = 0, bytes = 0;
	for (size_t i = 0; i < slab_state.large_cap; i++) {
		if (slab_state.large[i].addr > 1) {
			n++;
			bytes += slab_state.large[i].bytes;
		}
	}
	if (n != slab_state.large_count || bytes != slab_state.large_bytes) {
		error_report(STRATA_ERR_CORRUPT, NULL, "slab_verify: large table holds %zu blocks / %zu bytes, counts say %zu / %zu",
		             n, bytes, slab_state.large_count, slab_state.large_bytes);
		bad = 1;
	}
	sync_lock_release(&slab_state.large_lock);
	return bad ? -1 : 0;
}

/* The pool's share of the usage figures: page-backed blocks and bytes from the core. */
void slab_pool_usage(struct slab_usage *out)
{
	sync_lock_acquire(&slab_state.large_lock);
	out->large_in_use = slab_state.large_bytes;
	out->large_blocks = slab_state.large_count;
	sync_lock_release(&slab_state.large_lock);
	sync_lock_acquire(&slab_state.pool_lock);
	out->mapped = __atomic_load_n(&slab_state.mapped, __ATOMIC_RELAXED);
	out->peak_mapped = __atomic_load_n(&slab_state.peak, __ATOMIC_RELAXED);
	sync_lock_release(&slab_state.pool_lock);
}

/* fork: take the pool's locks (after every cache lock: the documented order). */
void slab_pool_fork_prepare(void)
{
	sync_lock_acquire(&slab_state.pool_lock);
	sync_lock_acquire(&slab_state.large_lock);
}

/* fork, parent side: release them. */
void slab_pool_fork_parent(void)
{
	sync_lock_release(&slab_state.large_lock);
	sync_lock_release(&slab_state.pool_lock);
}

/* fork, child side: fresh locks. */
void slab_pool_fork_child(void)
{
	sync_lock_init(&slab_state.large_lock);
	sync_lock_init(&slab_state.pool_lock);
}

/* Give back, under pressure (the core failed to map: core_reclaim_set), the kept large
 * blocks and every wholly free segment; locks the caller may hold are only tried, and
 * what they guard is skipped. Returns the bytes given back. */
size_t slab_pool_reclaim(void)
{
	if (!__atomic_load_n(&slab_state.ready, __ATOMIC_ACQUIRE))
		return 0;
	size_t bytes = slab_lcache_drop(1);
	if (sync_lock_try(&slab_state.pool_lock)) {
		bytes += slab_release_segs_locked(0, 0);
		sync_lock_release(&slab_state.pool_lock);
	}
	return bytes;
}

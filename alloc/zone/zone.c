/*
 * alloc/zone/zone.c: the Mach zone face (strata/zone.h) over the slab engine.
 *
 * A zone is an object cache of the engine (its own slabs, a per-thread magazine slot for
 * the first SLAB_ZSLOTS zones, a depot) plus Mach's bookkeeping: elem_size, max_size,
 * alloc_size, flags. Zone descriptors are objects of an internal cache, as Mach's came from
 * zone_zone; every zone is on one list (all_zones in Mach) under zone_state.lock.
 *
 * Mach's contract, kept (allocator-families.md §3):
 *   - size 0 means sizeof(void *); sizes round up to a pointer multiple (objects are at
 *     least 16 bytes inside the engine: its smallest object and alignment);
 *   - alloc 0 means one page; max and alloc round up to pages; max >= alloc;
 *   - a slab of the zone holds `alloc` bytes of objects (Mach crammed alloc_size at a
 *     time): it carves, and so touches, no more than that, lazily; zone_info's cur_size
 *     counts slabs at that size. (A slab reserves whole 64 KiB units of address space:
 *     with a one-page alloc, 60 KiB of its unit are never touched; on a static boot
 *     region, where address space is memory, a zone wants an alloc of 64 KiB or more.)
 *   - the limit counts objects out of the zone's slabs: max_size / elem_size of them, so
 *     the memory of a zone (slabs of alloc bytes, taken only when every slab held is
 *     full) stays within max_size rounded up to a multiple of alloc -- max itself with
 *     Mach's default alloc of one page;
 *   - zalloc at the limit: an exhaustible zone returns NULL (such a zone parks no objects
 *     in per-thread magazines, so the limit counts exactly the objects in use, whichever
 *     thread freed the others); else an expandable one (the
 *     default) raises max_size by half (Mach did this silently; strata counts it in
 *     zone_info's `expansions`); else the fault goes to the error sink as
 *     STRATA_ERR_OOM (Mach panicked "zalloc") and zalloc returns NULL. Pages running out
 *     is the same fault (NULL for exhaustible zones, the error sink otherwise);
 *   - zget never grows and never blocks: an object from the thread's magazine, the depot
 *     or the slabs the zone already holds, else NULL;
 *   - zfree checks the pointer: not an object of ours -> STRATA_ERR_INVALID_FREE, an
 *     object of another zone or a kalloc class -> STRATA_ERR_SIZE_MISMATCH, already free
 *     -> STRATA_ERR_DOUBLE_FREE (top of the thread's magazine always; any, with
 *     STRATA_DEBUG >= 1), each message naming the pointer and the zone; the call then
 *     does nothing;
 *   - ZONE_COLLECTABLE as Mach meant it: a zone that is not collectable (the default)
 *     keeps every slab it took until zdestroy -- no free, trim or decay gives its memory
 *     back; a collectable zone keeps its empty slabs too, and gives them back on zone_gc
 *     (Mach's pageout daemon called it once a second: the engine's time decay does the
 *     same, alloc/zone/slab_page.c) and on malloc_trim. zone_gc returns the bytes of every
 *     slab it gave back, those that emptied as the calling thread's cached objects went
 *     home included.
 * Counts: CNT_ZINIT, CNT_ZALLOC, CNT_ZGET, CNT_ZFREE (stats_count, per thread).
 * Locking: zone_state.lock guards the list and flags; limits change under the zone's cache
 * lock. Lock order: zone_state.lock before any engine lock.
 */
#include <strata/zone.h>

#include "alloc/core.h"
#include "alloc/error.h"
#include "alloc/stats/stats.h"
#include "alloc/zone/slab.h"
#include "alloc/zone/slab_cache.h"

#define ZONE_MAGIC ((uintptr_t)0x7a6f6e657a6f6e65ull)   /* "zonezone" */
/* Object caching (zinit_ctor). Bonwick's constructed state must survive a free, but the
 * engine keeps its free-list link in an object's first word and its free key in the
 * second; so an object of a zone with a constructor or destructor is ZONE_HDR bytes of
 * hidden header (word 0: the engine's link while free; word 1: its free key; word 2: the
 * constructed tag; word 3: padding to 16-byte alignment) before what the caller sees. The tag is
 * zone_ctag(): the engine's secret, the object's and the zone's addresses, so stale memory
 * (a fresh page, another zone's object) does not pass for a constructed object except by
 * a 2^-64 chance. Constructors run when an untagged object is handed out, destructors when
 * the engine takes a slab back (on_release: zone_gc, zdestroy, a surplus empty slab),
 * for every tagged object in it. With STRATA_DEBUG (fill patterns would wipe the
 * constructed state) zfree destroys and untags each object and zalloc constructs anew. */
#define ZONE_HDR 32u
#define ZONE_TAG_WORD 2                              /* the header word of the tag */
#define ZONE_F_CTOR 0x100u                           /* internal: a constructor zone */
#define ZONE_SLOW_ALLOC (ZONE_ZERO | ZONE_F_CTOR)    /* flags that leave zalloc's fast path */
#define ZONE_SLOW_FREE (ZONE_EXHAUSTIBLE | ZONE_F_CTOR) /* and zfree's */

/* A zone. The first cache line holds what zalloc's fast path reads (magic, flags, the
 * magazine index); the engine's cache follows (64-byte aligned, so descriptors are
 * 64-byte objects). */
struct strata_zone {
	uintptr_t magic;            /* ZONE_MAGIC ^ own address while the zone lives */
	unsigned flags;             /* ZONE_* */
	uint16_t mag_id;            /* copy of cache.mag_id */
	uint32_t mag_limit;         /* the cache's magazine size while not exhaustible */
	const char *name;           /* as given to zinit */
	size_t elem_size;           /* size after rounding to a pointer multiple */
	size_t max_size;            /* current limit, bytes (page multiple) */
	size_t alloc_size;          /* growth step, bytes (page multiple) */
	unsigned long expansions;   /* times an expandable zone raised max_size */
	zone_ctor_fn ctor;          /* zinit_ctor: construct an object (NULL: none) */
	zone_ctor_fn dtor;          /* zinit_ctor: destroy a constructed object (NULL: none) */
	void *ctor_arg;             /* their third argument */
	struct strata_zone *next;   /* all zones */
	struct slab_cache cache;    /* the objects */
};

/* The face's module state. */
static struct zone_state {
	sync_lock_t lock;            /* list and flags */
	int ready;                   /* the descriptor cache is set up */
	struct strata_zone *all;     /* every zone */
	struct slab_cache zones;     /* descriptors (Mach's zone_zone) */
} zone_state;

/* Round x up to a multiple of the power of two a. */
static size_t zone_round(size_t x, size_t a)
{
	return (x + a - 1) & ~(a - 1);
}

/* The zones' usage source: one "zone.NAME" row per zone (count, sizes, expansions). */
static void zone_usage_emit(stats_emit_fn emit, void *ctx)
{
	char name[64];
	sync_lock_acquire(&zone_state.lock);
	for (zone_t z = zone_state.all; z; z = z->next) {
		zone_info_t zi;
		size_t n = 0;
		for (const char *a = "zone."; *a && n < sizeof name - 1; a++)
			name[n++] = *a;
		for (const char *a = z->name; *a && n < sizeof name - 1; a++)
			name[n++] = *a;
		name[n] = 0;
		if (zone_info(z, &zi) != 0)
			continue;
		emit(ctx, name, "count", zi.count);
		emit(ctx, name, "cur_size", zi.cur_size);
		emit(ctx, name, "max_size", zi.max_size);
		emit(ctx, name, "elem_size", zi.elem_size);
		emit(ctx, name, "expansions", zi.expansions);
	}
	sync_lock_release(&zone_state.lock);
}

/* Start the engine and the descriptor cache; -1 when there are no pages at all. */
static int zone_start(void)
{
	if (__atomic_load_n(&zone_state.ready, __ATOMIC_ACQUIRE))
		return 0;
	if (slab_init() != 0)
		return -1;
	sync_lock_acquire(&zone_state.lock);
	if (!zone_state.ready) {
		slab_cache_setup(&zone_state.zones, zone_round(sizeof(struct strata_zone), 64), 0, "zone_zone");
		slab_cache_register(&zone_state.zones, 0);
		__atomic_store_n(&zone_state.ready, 1, __ATOMIC_RELEASE);
		(void)stats_usage_register(zone_usage_emit);
	}
	sync_lock_release(&zone_state.lock);
	return 0;
}

/* Report a call on something that is not a live zone. */
static __attribute__((noinline)) void zone_bad(zone_t z, const char *call)
{
	error_report(STRATA_ERR_MISUSE, z, "%s: %p is not a live zone", call, (void *)z);
}

/* Whether z is a live zone; reports a misuse naming `call` when it is not. */
static inline int zone_check(zone_t z, const char *call)
{
	if (SLAB_LIKELY(z && z->magic == (ZONE_MAGIC ^ (uintptr_t)z)))
		return 1;
	zone_bad(z, call);
	return 0;
}

/* A new zone (see the theory statement for the rounding rules); `hdr` hidden bytes
 * before each object (ZONE_HDR for constructor zones, else 0). */
static zone_t zone_create(size_t size, size_t max, size_t alloc, const char *name, size_t hdr)
{
	if (zone_start() != 0)
		return NULL;   /* no page source (freestanding, not started): NULL, as boot.h says */
	size_t page = core_page_size();
	if (size == 0)
		size = sizeof(void *);
	if (size > slab_cache_max_size()) {
		error_report(STRATA_ERR_MISUSE, NULL, "zinit: zone \"%s\": %zu-byte objects exceed the %zu-byte limit",
		             name ? name : "?", size, slab_cache_max_size());
		return NULL;
	}
	size = zone_round(size, sizeof(void *));
	alloc = zone_round(alloc ? alloc : page, page);
	max = zone_round(max, page);
	if (max < alloc)
		max = alloc;
	zone_t z = slab_cache_alloc(&zone_state.zones, 1);
	if (!z)
		return NULL;   /* no pages for the descriptor: NULL (strata/zone.h, strata/boot.h) */
	/* A slab holds `alloc` bytes of objects (Mach's growth step) and touches no more. */
	slab_cache_setup(&z->cache, zone_round(size, SLAB_MIN_OBJ) + hdr, alloc, name ? name : "zone");
	/* Not collectable until zone_change says so: a zone keeps every slab it took (Mach's
	 * zones gave memory back only through zone_gc, and only when collectable). */
	slab_cache_keep_set(&z->cache, SIZE_MAX, 0);
	slab_cache_limit_set(&z->cache, max / size ? max / size : 1);
	z->name = name ? name : "zone";
	z->elem_size = size;
	z->max_size = max;
	z->alloc_size = alloc;
	z->flags = ZONE_EXPANDABLE;
	z->expansions = 0;
	z->ctor = z->dtor = NULL;
	z->ctor_arg = NULL;
	slab_cache_register(&z->cache, 1);
	z->mag_id = z->cache.mag_id;
	z->mag_limit = z->cache.mag_limit;
	sync_lock_acquire(&zone_state.lock);
	z->next = zone_state.all;
	zone_state.all = z;
	z->magic = ZONE_MAGIC ^ (uintptr_t)z;
	sync_lock_release(&zone_state.lock);
	return z;
}

/* A new zone (see the theory statement for the rounding rules). */
zone_t zinit(size_t size, size_t max, size_t alloc, const char *name)
{
	stats_count(CNT_ZINIT);
	return zone_create(size, max, alloc, name, 0);
}

/* The tag of a constructed object whose engine object is at p. */
static inline uintptr_t zone_ctag(zone_t z, const void *p)
{
	return slab_secret() ^ (uintptr_t)p ^ ((uintptr_t)z << 1) ^ (uintptr_t)0x636f6e7374727563ull;
}

/* The engine is taking a slab of a constructor zone back: destroy and untag every
 * constructed object in it (objects past the bump pointer were never handed out). */
static void zone_slab_release(struct slab_cache *c, struct slab *s)
{
	zone_t z = (zone_t)((char *)c - __builtin_offsetof(struct strata_zone, cache));
	uintptr_t first, end;
	slab_carved_range(s, &first, &end);
	for (uintptr_t o = first; o + c->size <= end; o += c->size) {
		uintptr_t *h = (uintptr_t *)o;
		if (h[ZONE_TAG_WORD] != zone_ctag(z, h))
			continue;
		h[ZONE_TAG_WORD] = 0;
		if (z->dtor)
			z->dtor((char *)o + ZONE_HDR, z->elem_size, z->ctor_arg);
	}
}

/* A zone whose objects are cached constructed (Bonwick): see ZONE_HDR above. */
zone_t zinit_ctor(size_t size, size_t max, size_t alloc, const char *name, zone_ctor_fn ctor, zone_ctor_fn dtor,
                  void *arg)
{
	stats_count(CNT_ZINIT);
	if (!ctor && !dtor)
		return zone_create(size, max, alloc, name, 0);
	zone_t z = zone_create(size, max, alloc, name, ZONE_HDR);
	if (!z)
		return NULL;
	z->ctor = ctor;
	z->dtor = dtor;
	z->ctor_arg = arg;
	z->cache.on_release = zone_slab_release;
	__atomic_or_fetch(&z->flags, ZONE_F_CTOR, __ATOMIC_RELEASE);
	return z;
}

/* Turn a ZONE_* flag on or off. An exhaustible zone keeps no objects in per-thread
 * magazines or the depot: its limit then counts exactly the objects in users' hands, so
 * a NULL from zalloc means max_size / elem_size objects are really out (otherwise objects
 * freed by one thread and parked in its magazine would count against another's zalloc). */
void zone_change(zone_t z, unsigned flag, int on)
{
	if (!zone_check(z, "zone_change"))
		return;
	sync_lock_acquire(&zone_state.lock);
	flag &= ~ZONE_F_CTOR;   /* not the caller's to change */
	if (on)
		z->flags |= flag;
	else
		z->flags &= ~flag;
	if (flag & ZONE_EXHAUSTIBLE)
		slab_cache_mag_limit_set(&z->cache, on ? 0 : z->mag_limit);
	if (flag & ZONE_COLLECTABLE)
		slab_cache_keep_set(&z->cache, SIZE_MAX, on);
	sync_lock_release(&zone_state.lock);
	if (flag & ZONE_EXHAUSTIBLE && on) {
		slab_cache_flush_mine(&z->cache);      /* this thread's parked objects */
		(void)slab_cache_reclaim(&z->cache);   /* the depot's (and, collectable, empty slabs) */
	}
}

/* Destroy a zone with no object in use. */
void zdestroy(zone_t z)
{
	if (!zone_check(z, "zdestroy"))
		return;
	size_t in_use = slab_cache_in_use(&z->cache, NULL, NULL);
	if (in_use) {
		error_report(STRATA_ERR_MISUSE, z, "zdestroy: zone \"%s\" (%p) still has %zu objects in use",
		             z->name, (void *)z, in_use);
		return;
	}
	sync_lock_acquire(&zone_state.lock);
	for (zone_t *pp = &zone_state.all; *pp; pp = &(*pp)->next) {
		if (*pp == z) {
			*pp = z->next;
			break;
		}
	}
	z->magic = 0;
	sync_lock_release(&zone_state.lock);
	slab_cache_retire(&z->cache);
	slab_cache_free(&zone_state.zones, z);
}

/* zalloc's slow outcome: the zone is at its limit or the pages ran out. Returns 1 to
 * retry (the limit was raised), 0 to return NULL (after reporting, unless exhaustible). */
static int zone_alloc_failed(zone_t z)
{
	unsigned flags = __atomic_load_n(&z->flags, __ATOMIC_RELAXED);
	if (slab_cache_at_limit(&z->cache)) {
		if (flags & ZONE_EXHAUSTIBLE)
			return 0;
		if (flags & ZONE_EXPANDABLE) {
			/* Raise the limit once for all the threads that found the zone full. */
			sync_lock_acquire(&zone_state.lock);
			size_t grown = z->max_size + z->max_size / 2;
			if (slab_cache_limit_raise(&z->cache, z->max_size / z->elem_size, grown / z->elem_size)) {
				__atomic_store_n(&z->max_size, grown, __ATOMIC_RELAXED);
				__atomic_store_n(&z->expansions, z->expansions + 1, __ATOMIC_RELAXED);
			}
			sync_lock_release(&zone_state.lock);
			return 1;
		}
		error_report(STRATA_ERR_OOM, z, "zalloc: zone \"%s\" is full (%zu bytes, not expandable)",
		             z->name, z->max_size);
		return 0;
	}
	if (!(flags & ZONE_EXHAUSTIBLE))
		error_report(STRATA_ERR_OOM, z, "zalloc: zone \"%s\": out of pages", z->name);
	return 0;
}

/* Hand engine object p of zone z to the caller: debug size note, zeroing, and for a
 * constructor zone the hidden header (constructing the object unless it is tagged). */
static void *zone_handout(zone_t z, void *p)
{
	unsigned flags = z->flags;
	if (SLAB_UNLIKELY(slab_debug_level() >= 2))
		slab_debug_note_size(p, z->elem_size + ((flags & ZONE_F_CTOR) ? ZONE_HDR : 0));
	if (!(flags & ZONE_F_CTOR)) {
		if (flags & ZONE_ZERO)
			__builtin_memset(p, 0, z->elem_size);
		return p;
	}
	uintptr_t *h = p;
	void *obj = (char *)p + ZONE_HDR;
	if (h[ZONE_TAG_WORD] != zone_ctag(z, p)) {
		if (flags & ZONE_ZERO)   /* a constructor zone zeroes before constructing */
			__builtin_memset(obj, 0, z->elem_size);
		if (z->ctor)
			z->ctor(obj, z->elem_size, z->ctor_arg);
		h[ZONE_TAG_WORD] = zone_ctag(z, p);
	}
	return obj;
}

/* zalloc past the fast path: counted here; the engine's slow path, zeroing,
 * constructors, the limit. */
static __attribute__((noinline)) void *zone_alloc_slow(zone_t z)
{
	stats_count(CNT_ZALLOC);
	for (;;) {
		void *p = slab_cache_alloc_counted(&z->cache, 1, 1);
		if (SLAB_LIKELY(p != NULL))
			return zone_handout(z, p);
		if (!zone_alloc_failed(z))
			return NULL;
	}
}

/* An object of the zone; may grow the zone (see the theory statement). */
void *zalloc(zone_t z)
{
	if (!zone_check(z, "zalloc"))
		return NULL;
	/* Fast path: pop this thread's magazine for the zone (no lock, no atomic), the call
	 * counted there. */
	if (SLAB_LIKELY(!(z->flags & ZONE_SLOW_ALLOC))) {
		void *p = slab_mag_pop(z->mag_id, 1, CNT_ZALLOC);
		if (SLAB_LIKELY(p != NULL))
			return p;
	}
	return zone_alloc_slow(z);
}

/* An object already held by the zone, else NULL; never grows, never blocks. */
void *zget(zone_t z)
{
	if (!zone_check(z, "zget"))
		return NULL;
	stats_count(CNT_ZGET);
	void *p = slab_cache_alloc_counted(&z->cache, 0, 1);
	return p ? zone_handout(z, p) : NULL;
}

/* zfree past the fast path: a full magazine, an exhaustible zone, or a pointer that is
 * not one of the zone's objects (reported, naming the pointer and the zone). */
static __attribute__((noinline)) void zone_free_slow(zone_t z, void *elem)
{
	stats_count(CNT_ZFREE);
	if (!elem)
		return;
	unsigned flags = z->flags;
	void *p = (flags & ZONE_F_CTOR) ? (void *)((uintptr_t)elem - ZONE_HDR) : elem;
	struct slab *d = slab_lookup(p);
	if (SLAB_LIKELY(d && slab_desc_cache(d) == &z->cache)) {
		if (flags & ZONE_F_CTOR) {
			uintptr_t *h = p;
			if (SLAB_UNLIKELY(slab_debug_level()) && h[ZONE_TAG_WORD] == zone_ctag(z, p)) {
				/* fill patterns are about to wipe the constructed state: destroy now */
				h[ZONE_TAG_WORD] = 0;
				if (z->dtor)
					z->dtor(elem, z->elem_size, z->ctor_arg);
			}
			if (!(flags & ZONE_EXHAUSTIBLE)) {
				slab_cache_free_counted(&z->cache, p, 1);
				return;
			}
		}
		slab_cache_free_slow(&z->cache, p);
		return;
	}
	if (d)
		error_report(STRATA_ERR_SIZE_MISMATCH, elem, "zfree: %p is a %u-byte object of %s, not of zone \"%s\"",
		             elem, (unsigned)slab_desc_size(d), slab_desc_name(d), z->name);
	else
		error_report(STRATA_ERR_INVALID_FREE, elem, "zfree: %p was not allocated from zone \"%s\" (invalid free)",
		             elem, z->name);
}

/* Give an object back to its zone, after checking that it is one of the zone's. */
void zfree(zone_t z, void *elem)
{
	if (!zone_check(z, "zfree"))
		return;
	/* Fast path: one of this zone's objects (segment map, descriptor, object boundary)
	 * goes on this thread's magazine; not for an exhaustible zone, whose objects go
	 * straight back to the slabs, nor a constructor zone (its objects start ZONE_HDR
	 * bytes before what the caller holds). Every other case is a tail call. */
	uintptr_t a = (uintptr_t)elem;
	if (SLAB_LIKELY(slab_segmap_has(a))) {
		struct slab *d = slab_desc_of(a);
		if (SLAB_LIKELY(slab_desc_cache(d) == &z->cache) && SLAB_LIKELY(slab_desc_holds(d, a)) &&
		    SLAB_LIKELY(!(z->flags & ZONE_SLOW_FREE)) && SLAB_LIKELY(slab_mag_push(z->mag_id, elem, 1, CNT_ZFREE)))
			return;
	}
	zone_free_slow(z, elem);
}

/* Return the empty slabs of collectable zones; bytes given back. */
size_t zone_gc(void)
{
	size_t bytes = 0;
	if (!__atomic_load_n(&zone_state.ready, __ATOMIC_ACQUIRE))
		return 0;
	sync_lock_acquire(&zone_state.lock);
	for (zone_t z = zone_state.all; z; z = z->next) {
		if (!(z->flags & ZONE_COLLECTABLE))
			continue;
		/* Both count: slabs that empty as this thread's objects go back, and the empty
		 * slabs the zone kept. */
		bytes += slab_cache_flush_mine(&z->cache);
		bytes += slab_cache_reclaim(&z->cache);
	}
	sync_lock_release(&zone_state.lock);
	return bytes;
}

/* Statistics of one zone (host_zone_info's fields plus counts); 0, or -1 for a bad zone. */
int zone_info(zone_t z, zone_info_t *out)
{
	if (!out || !zone_check(z, "zone_info"))
		return -1;
	unsigned long allocs = 0, frees = 0;
	__builtin_memset(out, 0, sizeof(*out));
	out->count = slab_cache_in_use(&z->cache, &allocs, &frees);
	out->name = z->name;
	out->elem_size = z->elem_size;
	size_t slabs;
	out->cur_size = slab_cache_held(&z->cache, &slabs);
	out->slabs = slabs;
	/* changed under zone_state.lock, which zone_usage_emit holds around this call */
	out->max_size = __atomic_load_n(&z->max_size, __ATOMIC_RELAXED);
	out->expansions = __atomic_load_n(&z->expansions, __ATOMIC_RELAXED);
	out->alloc_size = z->alloc_size;
	out->flags = z->flags;
	out->allocs = allocs;
	out->frees = frees;
	return 0;
}

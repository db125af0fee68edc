/*
 * alloc/zone/slab_cache.h: the slab engine's object caches, as the zone face (zone.c)
 * uses them: a cache's layout (a zone embeds its cache), set-up, registration, the
 * inlined allocation and free, reclaim, limits and figures. The theory statement is at
 * the top of alloc/zone/slab.c; the fast paths themselves are in slab_fast.h.
 */
#ifndef STRATA_ALLOC_SLAB_CACHE_H
#define STRATA_ALLOC_SLAB_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "alloc/sync/sync.h"
#include "alloc/zone/slab_fast.h"

#define SLAB_DEPOT_MAX 16                                    /* full magazines per depot */

/* One object cache: a size class, a zone, or an internal cache. */
struct slab_cache {
	sync_lock_t lock;           /* protects everything below */
	uint32_t size;              /* object size */
	uint32_t capacity;          /* objects per slab */
	uint16_t mag_id;            /* magazine index in thread caches (SLAB_MAG_NONE: none) */
	uint8_t units;              /* units per slab (of address space) */
	uint8_t collectable;        /* 1: reclaim (trim, decay, zone_gc) may give empty slabs
	                               back; 0: they stay with the cache until it is retired */
	uint32_t mag_limit;         /* objects per magazine for this cache */
	uint32_t slab_bytes;        /* bytes of objects a slab holds (capacity * size <= it):
	                               what a slab counts for; a zone's `alloc` */
	size_t keep_empty;          /* empty slabs kept for reuse before going to the pool
	                               (SIZE_MAX: all, until reclaimed) */
	uint64_t recip;             /* ceil(2^40 / size) */
	uint32_t div_inv;           /* for slab_is_boundary, copied into descriptors */
	uint32_t div_lim;
	uint8_t div_shift;
	uint32_t colors;            /* slab colours: the first object of a new slab sits 0, 64,
	                               ... (colors - 1) * 64 bytes into its unit, in turn (0
	                               or 1: always at the start; slab.c, Colouring) */
	uint32_t color_next;        /* the colour of the next slab */
	struct slab *partial;       /* slabs with free or uncarved objects */
	struct slab *empty;         /* slabs with every object back (inuse == 0) */
	size_t nempty;              /* slabs on the empty list */
	size_t nslabs;              /* slabs held, all lists */
	size_t objs_out;            /* sum of inuse over the cache's slabs */
	size_t limit_objs;          /* most objects out at once (zones' max); SIZE_MAX: none */
	size_t depot_objs;          /* objects in the depot */
	uint32_t ndepot;            /* full magazines in the depot */
	uint32_t depot_low;         /* fewest full magazines in the depot since the last decay
	                               step: that many sat unused through it (Bonwick's
	                               working set) and go back to the slabs */
	struct { void *head; uint32_t count; } depot[SLAB_DEPOT_MAX];
	unsigned long dead_allocs;  /* allocation counts folded in from exited threads */
	unsigned long dead_frees;
	unsigned long dead_cached;  /* (unused slot for alignment of the counters) */
	const char *name;           /* for messages */
	struct slab_cache *all_next;/* every cache, for verify, trim and fork */
	/* Called with each slab of the cache just before it goes back to the pool (empty:
	 * every object free), possibly under the cache lock: the zone face runs object
	 * destructors here. NULL: nothing. */
	void (*on_release)(struct slab_cache *cache, struct slab *slab);
} __attribute__((aligned(64)));

/* Set up an object cache for objects of `size` bytes (at least 16; at most
 * slab_cache_max_size()). `slab_bytes` is what one slab holds, rounded up to pages (at
 * least one object): a slab then carves and touches only that much, whatever the units
 * of address space it takes; 0 lets the engine choose (whole units, little waste). Not
 * yet registered. */
void slab_cache_setup(struct slab_cache *cache, size_t size, size_t slab_bytes, const char *name);
/* How the cache gives memory back: keep up to `keep_empty` empty slabs (SIZE_MAX: all)
 * before further ones go to the pool as they empty, and whether reclaim may give the
 * kept ones back (`collectable`). Size classes: 1 and collectable. */
void slab_cache_keep_set(struct slab_cache *cache, size_t keep_empty, int collectable);
/* Link a cache on the engine's list of caches, with a thread-cache slot when `slot` asks
 * for one and one is left (zones); returns 0. */
int slab_cache_register(struct slab_cache *cache, int slot);
/* Set the limit of objects out of the cache at once (SIZE_MAX: none; under its lock). */
void slab_cache_limit_set(struct slab_cache *cache, size_t objs);
/* The largest object a cache can hold. */
size_t slab_cache_max_size(void);
/* Whether cache c has as many objects out as its limit allows. */
int slab_cache_at_limit(struct slab_cache *cache);
/* Raise the limit of objects out to `objs` when it is still at most `if_at_most` (under the
 * cache lock); 1 when raised. */
int slab_cache_limit_raise(struct slab_cache *cache, size_t if_at_most, size_t objs);
/* Set the magazine size of the cache (0: no per-thread caching; under the cache lock). */
void slab_cache_mag_limit_set(struct slab_cache *cache, uint32_t limit);
/* Empty the depot into the slabs and, when the cache is collectable, give its empty slabs
 * back; returns the bytes of slabs given back. */
size_t slab_cache_reclaim(struct slab_cache *cache);
/* Objects in users' hands (exact when other threads are quiescent), and the allocation
 * and free counts of all threads. */
size_t slab_cache_in_use(struct slab_cache *cache, unsigned long *allocs, unsigned long *frees);
/* Slab bytes the cache holds, and how many slabs (under the cache lock). */
size_t slab_cache_held(struct slab_cache *cache, size_t *slabs);
/* Retire a cache (zdestroy): every slab goes back to the pool. */
void slab_cache_retire(struct slab_cache *cache);
/* Return the calling thread's magazine for cache c to its slabs; returns the bytes of
 * slabs that went back to the pool as they emptied. */
size_t slab_cache_flush_mine(struct slab_cache *cache);
/* Consistency walk of one cache; 0 when sound. */
int slab_cache_verify(struct slab_cache *cache);
/* Objects of slab s that were ever handed out: [*first, *end) in steps of the cache's
 * object size (for on_release callbacks). */
void slab_carved_range(const struct slab *s, uintptr_t *first, uintptr_t *end);

void *slab_cache_alloc_slow(struct slab_cache *cache, int grow);
void slab_cache_free_slow(struct slab_cache *cache, void *ptr);

/* Allocate from cache c. Fast path: pop this thread's magazine; no lock, no atomic.
 * `count` (a constant) also counts the allocation for zone_info. */
static inline void *slab_cache_alloc_counted(struct slab_cache *c, int grow, int count)
{
	void *p = slab_mag_pop(c->mag_id, count, -1);
	if (SLAB_LIKELY(p != NULL))
		return p;
	return slab_cache_alloc_slow(c, grow);
}
#define slab_cache_alloc(c, grow) slab_cache_alloc_counted((c), (grow), 0)

/* Free p into cache c (p known to be one of c's objects). Fast path: push on this
 * thread's magazine unless it is full or p is already its top (a double free).
 * `count` (a constant) also counts the free for zone_info. */
static inline void slab_cache_free_counted(struct slab_cache *c, void *p, int count)
{
	if (SLAB_LIKELY(slab_mag_push(c->mag_id, p, count, -1)))
		return;
	slab_cache_free_slow(c, p);
}
#define slab_cache_free(c, p) slab_cache_free_counted((c), (p), 0)

#endif /* STRATA_ALLOC_SLAB_CACHE_H */

/*
 * alloc/zone/slab_impl.h: the slab engine's private part, for its own files only
 * (slab.c, slab_page.c, slab_debug.c, slab_verify.c): segment headers, the engine's
 * module state, and the entry points the files call in one another. The theory statement
 * is at the top of alloc/zone/slab.c. The faces see slab.h, slab_fast.h (malloc.c,
 * kalloc.c) and slab_cache.h (zone.c); white-box tests may include this one.
 */
#ifndef STRATA_ALLOC_SLAB_IMPL_H
#define STRATA_ALLOC_SLAB_IMPL_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "alloc/sync/sync.h"
#include "alloc/zone/slab.h"
#include "alloc/zone/slab_cache.h"
#include "alloc/zone/slab_fast.h"

#define SLAB_BITMAP_WORDS (SLAB_UNIT_SIZE / SLAB_MIN_OBJ / 64) /* 64 words per unit */
#define SLAB_RECIP_SHIFT 40
#define SLAB_LCACHE_SLOTS 128                                /* freed large blocks kept */
#define SLAB_LFREED_SLOTS 64                                 /* freed large addresses remembered */
/* Bytes of canary after every block of the malloc family with STRATA_CANARY: at least one
 * word of the per-process key (more when the block's size leaves more slack). */
#define SLAB_CANARY_MIN 8
/* The step of slab colours (slab.c, Colouring): a cache line. */
#define SLAB_COLOR 64

/* Unit kinds in a segment header. */
enum slab_unit_kind { SLAB_UNIT_FREE = 0, SLAB_UNIT_HEADER, SLAB_UNIT_HEAD, SLAB_UNIT_TAIL };
/* Which list of its cache a slab is on. */
enum slab_list { SLAB_LIST_NONE = 0, SLAB_LIST_PARTIAL, SLAB_LIST_EMPTY };

/* The header of a segment, in its unit 0. */
struct slab_segment {
	uintptr_t magic;                   /* SLAB_SEG_MAGIC ^ own address */
	struct slab_segment *next, *prev;  /* the pool's list of segments */
	uint32_t free_mask;                /* bit u: unit u is free */
	uint32_t dirty_mask;               /* bit u: unit u is free and still has its pages */
	uint32_t aged_mask;                /* dirty units already dirty at the last decay step */
	uint32_t idle;                     /* wholly free at the last decay step, none taken since */
	_Atomic(uint16_t *) req;           /* debug >= 2: requested size + 1 per 16 bytes */
	struct slab slabs[SLAB_UNITS];     /* one descriptor per unit (64-byte aligned) */
	/* debug: bit i of a slab's words is set while object i is in a user's hands */
	_Atomic uint64_t bits[SLAB_UNITS][SLAB_BITMAP_WORDS];
};
_Static_assert(offsetof(struct slab_segment, slabs) == SLAB_SEG_DESC_OFFSET,
               "slab_desc_of (slab_fast.h) must find the descriptors where the header has them");

/* The engine's module state: one struct (fork handling and tests see all of it); what the
 * fast paths read is in slab_fast (slab_fast.h). */
struct slab_state {
	int ready;                      /* slab_init done */
	long purge_decay;               /* OPT_PURGE_DECAY: < 0 never purge by itself, 0 at once */
	_Atomic uint64_t decay_last;    /* platform_clock_ms() of the last time-decay step */
	atomic_int decay_due;           /* a step is due: run at the next lock-free point */
	sync_lock_t init_lock;
	sync_lock_t pool_lock;          /* segment pool and segment map */
	sync_lock_t large_lock;         /* large-block table */
	sync_lock_t tc_lock;            /* thread-cache registry and zone slots */
	/* The malloc family's debugging aids (slab_alloc.c), read once at start. */
	int canary;                     /* STRATA_CANARY: a keyed canary after every block */
	int tails;                      /* canary or debug >= 2: requests noted, tails checked */
	int guard;                      /* STRATA_GUARD: page blocks end at a guard page */
	size_t guard_min;               /* STRATA_GUARD_MIN: smallest request given one */
	int guard_warned;               /* the page source cannot protect (said once) */
	uintptr_t canary_key;           /* the canaries' per-process key */
	struct slab_segment *segs;      /* every segment held */
	size_t nsegs;
	size_t dirty_bytes;             /* free units still holding pages */
	size_t purged_bytes;            /* total bytes purged */
	struct slab_cache *all;         /* every cache */
	struct slab_tcache *tcaches;    /* live thread caches */
	struct slab_tcache *tc_free;    /* exited threads' caches, for reuse */
	struct slab_cache *slots[SLAB_ZSLOTS]; /* zone slot -> cache (NULL: retired/unused) */
	unsigned nslots;                /* slots handed out so far (NULL ones are free again) */
	/* large blocks: open-addressed table keyed by first page (slab_page.c) */
	struct slab_large {
		uintptr_t addr;         /* first page (0: empty slot, 1: tombstone) */
		size_t bytes;           /* bytes mapped, a guard page included */
		size_t asked;           /* page-rounded size asked (what kfree checks) */
		uintptr_t user;         /* the pointer handed out: addr, or inside the first page
		                           when the block ends at a guard page */
		size_t req;             /* the exact request when a tail is kept (tails), else 0 */
		size_t resident;        /* bytes from addr that may hold pages (>= asked: a kept
		                           block reused for a smaller request keeps a short tail) */
		int guard;              /* 1: the last page is a protected guard page */
		int aged;               /* kept blocks: a decay step has seen it */
	} *large;
	size_t large_cap, large_used, large_tomb, large_bytes, large_count;
	/* freed large blocks kept resident for reuse (lazy purge of the page path) */
	struct slab_large lcache[SLAB_LCACHE_SLOTS];
	unsigned lcache_n;              /* entries used, oldest first */
	size_t lcache_bytes;            /* resident bytes they hold (the budget counts these) */
	uintptr_t lfreed[SLAB_LFREED_SLOTS]; /* pointers of the last large blocks freed (a later
	                                   free of one is a double free, not an invalid one) */
	unsigned lfreed_next;           /* next slot of lfreed to overwrite */
	size_t mapped, peak;            /* bytes from the core (segments, large, kept large);
	                                   changed under pool_lock, read anywhere: atomics */
	unsigned long dead_calls[CNT_COUNT]; /* face calls of exited threads' fast paths */
	struct slab_cache classes[SLAB_NCLASS];          /* one cache per size class */
	struct slab_tcache tc_empty;    /* every thread's first cache: empty, limits 0 */
	struct slab_tcache tc_dead;     /* threads whose cache went back at exit */
};

extern struct slab_state slab_state;

/* Bits set in a 32-bit word (SWAR: no __builtin_popcount, which is a libgcc call on
 * baseline x86-64 and so not freestanding). */
static inline unsigned slab_popcount32(uint32_t x)
{
	x = x - ((x >> 1) & 0x55555555u);
	x = (x & 0x33333333u) + ((x >> 2) & 0x33333333u);
	x = (x + (x >> 4)) & 0x0f0f0f0fu;
	return (x * 0x01010101u) >> 24;
}

/* The head descriptor of the slab holding the object at p (its segment is ours). */
static inline struct slab *slab_head_of(const void *p)
{
	struct slab *d = slab_desc_of((uintptr_t)p);
	return d->kind == SLAB_UNIT_TAIL ? d - d->units : d;
}

/* segments and pages (slab_page.c) */
struct slab *slab_pool_take(struct slab_cache *cache, unsigned units);
void slab_pool_give(struct slab *s, int aged);
size_t slab_pool_purge(size_t keep_bytes);
void *slab_large_alloc(size_t size, size_t align, int guard);
size_t slab_large_size(const void *ptr);
void slab_large_req_set(void *ptr, size_t req);
int slab_large_was_freed(const void *ptr);
void *slab_large_resize(void *ptr, size_t size);
uintptr_t slab_large_holder(const void *ptr);
int slab_pool_verify(void);
size_t slab_large_cache_drop(void);
size_t slab_pool_decay(void);
size_t slab_pool_reclaim(void);
void slab_pool_usage(struct slab_usage *out);
void slab_pool_fork_prepare(void);
void slab_pool_fork_parent(void);
void slab_pool_fork_child(void);

/* caches (slab.c) */
int slab_obj_is_free(struct slab_cache *c, void *p);
void slab_decay_pending(void);

/* debugging aids (slab_debug.c) */
void slab_debug_on_alloc(void *ptr, struct slab *d);
int slab_debug_on_free(void *ptr, struct slab *d);
int slab_debug_is_live(const void *ptr, const struct slab *d);
size_t slab_debug_size(const void *ptr);
void slab_debug_req_clear(const void *ptr);
int slab_debug_tail_free(void *ptr, const struct slab *d);
void slab_debug_seg_release(struct slab_segment *seg);
void slab_debug_slab_clear(struct slab_segment *seg, unsigned unit, unsigned units);
void slab_tail_fill(void *ptr, size_t req, size_t end);
int slab_tail_check(void *ptr, size_t req, size_t end, const char *call);

#endif /* STRATA_ALLOC_SLAB_IMPL_H */

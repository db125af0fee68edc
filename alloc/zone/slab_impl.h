/*
 * alloc/zone/slab_impl.h: the slab engine's layouts, shared by its files and its faces
 * (zone.c, kalloc.c). The theory statement is at the top of alloc/zone/slab.c.
 *
 * Address arithmetic (all derived in slab.c's theory statement):
 *   segment   SLAB_SEG_SIZE bytes aligned to SLAB_SEG_SIZE; unit 0 holds the segment
 *             header (struct slab_segment), units 1..15 hold slabs.
 *   unit      SLAB_UNIT_SIZE bytes; a slab spans 1..15 whole units.
 *   pointer → segment: p & ~(SLAB_SEG_SIZE - 1); → descriptor: seg->slabs[(p >> 16) & 15].
 */
#ifndef STRATA_ALLOC_SLAB_IMPL_H
#define STRATA_ALLOC_SLAB_IMPL_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "alloc/sync/sync.h"
#include "alloc/zone/slab.h"

#define SLAB_SEG_SHIFT 20
#define SLAB_SEG_SIZE ((uintptr_t)1 << SLAB_SEG_SHIFT)
#define SLAB_UNIT_SHIFT 16
#define SLAB_UNIT_SIZE ((uintptr_t)1 << SLAB_UNIT_SHIFT)
#define SLAB_UNITS (SLAB_SEG_SIZE / SLAB_UNIT_SIZE)          /* 16: unit 0 is the header */
#define SLAB_MIN_OBJ 16                                      /* smallest class, alignment */
#define SLAB_SMALL_MAX 32768                                 /* largest class */
#define SLAB_NCLASS 72                                       /* 8 of 16 B + 8 per doubling * 8 */
#define SLAB_ZSLOTS 128                                      /* zones with per-thread caches */
#define SLAB_NMAGS (SLAB_NCLASS + SLAB_ZSLOTS + 1)
#define SLAB_MAG_NONE (SLAB_NMAGS - 1)                       /* always-empty, limit 0 */
#define SLAB_DEPOT_MAX 16                                    /* full magazines per depot */
#define SLAB_BITMAP_WORDS (SLAB_UNIT_SIZE / SLAB_MIN_OBJ / 64) /* 64 words per unit */
#define SLAB_RECIP_SHIFT 40
#define SLAB_LCACHE_SLOTS 32                                 /* freed large blocks kept */

/* Unit kinds in a segment header. */
enum slab_unit_kind { SLAB_UNIT_FREE = 0, SLAB_UNIT_HEADER, SLAB_UNIT_HEAD, SLAB_UNIT_TAIL };
/* Which list of its cache a slab is on. */
enum slab_list { SLAB_LIST_NONE = 0, SLAB_LIST_PARTIAL, SLAB_LIST_EMPTY };

struct slab_cache;

/* One descriptor per unit of a segment. The fields up to `cache` are copied into every
 * unit of a multi-unit slab, so that the free path reads one descriptor, and sit in its
 * first 40 bytes (one cache line: descriptors are 64-byte aligned); the rest are
 * meaningful in the head unit only. */
struct slab {
	uintptr_t start;          /* first object of the slab (head unit's address) */
	uint32_t span;            /* capacity * size: offsets at or past it are not objects */
	uint32_t div_inv;         /* inverse of size's odd part mod 2^32 */
	uint32_t div_lim;         /* (2^32 - 1) / size: see slab_is_boundary */
	uint32_t size;            /* object size in bytes (0 for free and header units) */
	uint16_t mag_id;          /* index of the owning cache's magazine in a thread cache */
	uint8_t div_shift;        /* trailing zero bits of size */
	uint8_t kind;             /* enum slab_unit_kind */
	uint8_t units;            /* head: units spanned; tail: distance back to the head */
	uint8_t list;             /* head: enum slab_list */
	uint16_t was_dirty;       /* head: bit i set when unit i of the slab was resident
	                             when the slab took it (slab_pool_take) */
	struct slab_cache *cache; /* owning cache */
	uint64_t recip;           /* ceil(2^40 / size): offset / size by multiply and shift */
	void *free;               /* head: encoded list of objects returned to the slab */
	uintptr_t bump;           /* head: next never-handed-out object (lazy carving) */
	uint32_t inuse;           /* head: objects out of the slab (users, magazines, depot) */
	uint32_t capacity;        /* head: objects the slab holds */
	struct slab *next, *prev; /* head: neighbours on the cache's list */
} __attribute__((aligned(64)));

/* The header of a segment, in its unit 0. */
struct slab_segment {
	uintptr_t magic;                   /* SLAB_SEG_MAGIC ^ own address */
	struct slab_segment *next, *prev;  /* the pool's list of segments */
	uint32_t free_mask;                /* bit u: unit u is free */
	uint32_t dirty_mask;               /* bit u: unit u is free and still has its pages */
	uint32_t aged_mask;                /* dirty units already dirty at the last decay step */
	_Atomic(uint16_t *) req;           /* debug >= 2: requested size + 1 per 16 bytes */
	struct slab slabs[SLAB_UNITS];     /* one descriptor per unit (64-byte aligned) */
	/* debug: bit i of a slab's words is set while object i is in a user's hands */
	_Atomic uint64_t bits[SLAB_UNITS][SLAB_BITMAP_WORDS];
};

/* One object cache: a size class, a zone, or an internal cache. */
struct slab_cache {
	sync_lock_t lock;           /* protects everything below */
	uint32_t size;              /* object size */
	uint32_t capacity;          /* objects per slab */
	uint16_t mag_id;            /* magazine index in thread caches (SLAB_MAG_NONE: none) */
	uint8_t units;              /* units per slab */
	uint8_t keep_empty;         /* empty slabs kept for reuse before going to the pool */
	uint32_t mag_limit;         /* objects per magazine for this cache */
	uint64_t recip;             /* ceil(2^40 / size) */
	uint32_t div_inv;           /* for slab_is_boundary, copied into descriptors */
	uint32_t div_lim;
	uint8_t div_shift;
	struct slab *partial;       /* slabs with free or uncarved objects */
	struct slab *empty;         /* slabs with every object back (inuse == 0) */
	size_t nempty;              /* slabs on the empty list */
	size_t nslabs;              /* slabs held, all lists */
	size_t objs_out;            /* sum of inuse over the cache's slabs */
	size_t limit_objs;          /* most objects out at once (zones' max); SIZE_MAX: none */
	size_t depot_objs;          /* objects in the depot */
	uint32_t ndepot;            /* full magazines in the depot */
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

/* A thread's magazine for one cache: two linked lists (Bonwick's loaded and previous),
 * and the thread's counts for zone_info; one cache line each. */
struct slab_mag {
	void *head;               /* loaded list, encoded links */
	void *prev;               /* previous list (full or empty) */
	uint32_t count;           /* objects on the loaded list */
	uint32_t limit;           /* capacity of each list (0: caching off) */
	uint32_t prev_count;      /* objects on the previous list */
	uint32_t pad;
	unsigned long allocs;     /* zone objects this thread took (zalloc, zget) */
	unsigned long frees;      /* zone objects this thread gave back */
} __attribute__((aligned(64)));

/* A thread cache: one magazine per cache id. */
struct slab_tcache {
	struct slab_mag mags[SLAB_NMAGS];
	struct slab_tcache *next;   /* registry of live thread caches / free pool */
	int live;                   /* 1 while its thread runs */
};

/* The segment map (slab_page.c): one first-level entry per 2^35 bytes of address space. */
#define SLAB_SEGMAP_LEAF_SHIFT 15
#define SLAB_SEGMAP_L1 ((size_t)1 << 13)
struct slab_segmap_ent {
	_Atomic uintptr_t tag;            /* address bits above the leaf, + 1 (0: unused) */
	_Atomic(_Atomic uint64_t *) leaf; /* 2^15 bits, one per segment */
};

/* The engine's module state: one struct (fork handling and tests see all of it). */
struct slab_state {
	int ready;                      /* slab_init done */
	int debug;                      /* OPT_DEBUG at start */
	long purge_decay;               /* OPT_PURGE_DECAY: < 0 never purge by itself, 0 at once */
	_Atomic uint64_t decay_last;    /* platform_clock_ms() of the last time-decay step */
	uintptr_t secret;               /* free-list link key */
	sync_lock_t init_lock;
	sync_lock_t pool_lock;          /* segment pool and segment map */
	sync_lock_t large_lock;         /* large-block table */
	sync_lock_t tc_lock;            /* thread-cache registry and zone slots */
	struct slab_segment *segs;      /* every segment held */
	size_t nsegs;
	size_t dirty_bytes;             /* free units still holding pages */
	size_t purged_bytes;            /* total bytes purged */
	struct slab_cache *all;         /* every cache */
	struct slab_tcache *tcaches;    /* live thread caches */
	struct slab_tcache *tc_free;    /* exited threads' caches, for reuse */
	struct slab_cache *slots[SLAB_ZSLOTS]; /* zone slot -> cache (NULL: retired/unused) */
	unsigned nslots;                /* slots handed out (never reused) */
	/* large blocks: open-addressed table of {address, bytes} */
	/* addr (0 empty, 1 tombstone), bytes mapped, bytes asked (page-rounded) */
	struct slab_large { uintptr_t addr; size_t bytes; size_t asked; } *large;
	size_t large_cap, large_used, large_tomb, large_bytes, large_count;
	/* freed large blocks kept resident for reuse (lazy purge of the page path) */
	struct slab_large lcache[SLAB_LCACHE_SLOTS];
	unsigned lcache_n;              /* entries used, oldest first */
	size_t lcache_bytes;            /* bytes they hold */
	size_t mapped, peak;            /* bytes from the core (segments, large, kept large);
	                                   changed under pool_lock, read anywhere: atomics */
	struct slab_cache classes[SLAB_NCLASS];          /* one cache per size class */
	struct slab_tcache tc_empty;    /* every thread's first cache: empty, limits 0 */
	struct slab_tcache tc_dead;     /* threads whose cache went back at exit */
	struct slab_segmap_ent segmap[SLAB_SEGMAP_L1];   /* our segments (128 KiB) */
};

extern struct slab_state slab_state;
extern const uint32_t slab_class_sizes[SLAB_NCLASS];

#ifdef STRATA_HOSTED
extern _Thread_local struct slab_tcache *slab_tls __attribute__((tls_model("initial-exec")));
#define SLAB_TCACHE() (slab_tls)
#define SLAB_TCACHE_SET(tc) (slab_tls = (tc))
#else
extern struct slab_tcache *slab_tls_single;
#define SLAB_TCACHE() (slab_tls_single)
#define SLAB_TCACHE_SET(tc) (slab_tls_single = (tc))
#endif

/* Magazine counts are written only by their thread but read by others (zone_info,
 * slab_usage_get): relaxed atomic stores and loads, plain moves on x86 and arm64. */
#define SLAB_SET(lv, v) __atomic_store_n(&(lv), (v), __ATOMIC_RELAXED)
#define SLAB_GET(lv) __atomic_load_n(&(lv), __ATOMIC_RELAXED)
#define SLAB_LIKELY(x) __builtin_expect(!!(x), 1)
#define SLAB_UNLIKELY(x) __builtin_expect(!!(x), 0)

/* Compile-time switches for measuring what each always-on hardening costs (bench/README
 * has the table), never for use: SLAB_HARDEN 0 turns all of them off; one at a time,
 * SLAB_HARDEN_ENCODE 0 stores plain free-list links, SLAB_HARDEN_BOUNDARY 0 skips the
 * object-boundary check on free (an interior pointer is then taken for an object),
 * SLAB_HARDEN_TOP 0 skips the "already on top of the magazine" double-free check. */
#ifndef SLAB_HARDEN
#define SLAB_HARDEN 1
#endif
#ifndef SLAB_HARDEN_ENCODE
#define SLAB_HARDEN_ENCODE SLAB_HARDEN
#endif
#ifndef SLAB_HARDEN_BOUNDARY
#define SLAB_HARDEN_BOUNDARY SLAB_HARDEN
#endif
#ifndef SLAB_HARDEN_TOP
#define SLAB_HARDEN_TOP SLAB_HARDEN
#endif

/* Encode a free-list link stored at `at` (hardening: a stray write is not a pointer). */
static inline void *slab_link_encode(const void *at, void *next)
{
	if (!SLAB_HARDEN_ENCODE)
		return next;
	return (void *)((uintptr_t)next ^ slab_state.secret ^ ((uintptr_t)at >> 4));
}

/* Decode the link stored at `at`. */
static inline void *slab_link_decode(const void *at)
{
	uintptr_t raw = *(const uintptr_t *)at;
	if (!SLAB_HARDEN_ENCODE)
		return (void *)raw;
	return (void *)(raw ^ slab_state.secret ^ ((uintptr_t)at >> 4));
}

/* Bits set in a 32-bit word (SWAR: no __builtin_popcount, which is a libgcc call on
 * baseline x86-64 and so not freestanding). */
static inline unsigned slab_popcount32(uint32_t x)
{
	x = x - ((x >> 1) & 0x55555555u);
	x = (x & 0x33333333u) + ((x >> 2) & 0x33333333u);
	x = (x + (x >> 4)) & 0x0f0f0f0fu;
	return (x * 0x01010101u) >> 24;
}

/* Class of each 16-byte step up to 1 KiB: slab_class_lut[(size + 15) >> 4]. */
extern const uint8_t slab_class_lut[65];

/* Size class index of a request (size <= SLAB_SMALL_MAX; 0 counts as 1): a table up to
 * 1 KiB, then the position of the top bit and the next three bits. */
static inline unsigned slab_class_index(size_t size)
{
	if (SLAB_LIKELY(size <= 1024))
		return slab_class_lut[(size + 15) >> 4];
	size_t t = size - 1;
	unsigned lg = 63u - (unsigned)__builtin_clzll((unsigned long long)t);
	return 8u + 8u * (lg - 7u) + (unsigned)((t >> (lg - 3u)) & 7u);
}

/* The descriptor of the unit holding address a (segment membership already known). */
static inline struct slab *slab_desc_of(uintptr_t a)
{
	struct slab_segment *seg = (struct slab_segment *)(a & ~(SLAB_SEG_SIZE - 1));
	return &seg->slabs[(a >> SLAB_UNIT_SHIFT) & (SLAB_UNITS - 1)];
}


/* Whether address a lies in a segment the engine holds (lock-free, two loads). */
static inline int slab_segmap_has(uintptr_t a)
{
	uintptr_t sn = a >> SLAB_SEG_SHIFT;
	uintptr_t hi = sn >> SLAB_SEGMAP_LEAF_SHIFT;
	struct slab_segmap_ent *e = &slab_state.segmap[hi & (SLAB_SEGMAP_L1 - 1)];
	_Atomic uint64_t *leaf = atomic_load_explicit(&e->leaf, memory_order_acquire);
	if (SLAB_UNLIKELY(!leaf) || atomic_load_explicit(&e->tag, memory_order_relaxed) != hi + 1)
		return 0;
	uintptr_t bit = sn & (((uintptr_t)1 << SLAB_SEGMAP_LEAF_SHIFT) - 1);
	return (int)((atomic_load_explicit(&leaf[bit >> 6], memory_order_relaxed) >> (bit & 63)) & 1);
}

/* Engine internals used by the faces and by the engine's own files. */
int slab_init(void);
void *slab_cache_alloc_slow(struct slab_cache *cache, int grow);
void slab_cache_free_slow(struct slab_cache *cache, void *ptr);
void slab_cache_setup(struct slab_cache *cache, size_t size, size_t units_hint, const char *name);
int slab_cache_register(struct slab_cache *cache, int slot);
int slab_cache_at_limit(struct slab_cache *cache);
size_t slab_cache_reclaim(struct slab_cache *cache);
size_t slab_cache_in_use(struct slab_cache *cache, unsigned long *allocs, unsigned long *frees);
void slab_cache_retire(struct slab_cache *cache);
void slab_cache_flush_mine(struct slab_cache *cache);
int slab_cache_verify(struct slab_cache *cache);
void slab_debug_on_alloc(void *ptr, struct slab *d);
int slab_debug_on_free(void *ptr, struct slab *d);
void slab_debug_note_size(void *ptr, size_t size);
size_t slab_debug_size(const void *ptr);
void slab_debug_seg_release(struct slab_segment *seg);

/* Whether offset `off` from a slab's start is an object boundary of it: off < span and
 * size divides off. Divisibility by size = 2^k * m (m odd) in one multiply: off is a
 * multiple iff rotr32(off * m^-1 mod 2^32, k) <= (2^32 - 1) / size (Hacker's Delight
 * 10-17; offsets are below 2^20, sizes below 2^20). */
static inline int slab_is_boundary(const struct slab *d, uintptr_t off)
{
	uint32_t x = (uint32_t)off * d->div_inv;
	unsigned k = d->div_shift;
	x = (x >> k) | (x << ((0u - k) & 31u));   /* a rotate instruction */
	if (!SLAB_HARDEN_BOUNDARY)
		return off < d->span;
	return off < d->span && x <= d->div_lim;
}

/* Descriptor of the slab holding object p when p is an object boundary of one of our
 * slabs; NULL otherwise (foreign, interior, header or free unit). Lock-free: the segment
 * map, then offset / size by multiply and shift (exact: see slab.c). */
static inline struct slab *slab_lookup(const void *ptr)
{
	uintptr_t a = (uintptr_t)ptr;
	if (!slab_segmap_has(a))
		return NULL;
	struct slab *d = slab_desc_of(a);
	uintptr_t off = a - d->start;
	if (!slab_is_boundary(d, off))
		return NULL;
	return d;
}

/* Pop an object from this thread's magazine `mag_id`; NULL when it is empty. `count` (a
 * constant) also counts it for zone_info. No lock, no atomic. */
static inline void *slab_mag_pop(unsigned mag_id, int count)
{
	struct slab_mag *m = &SLAB_TCACHE()->mags[mag_id];
	void *p = m->head;
	if (SLAB_LIKELY(p != NULL)) {
		void *next = slab_link_decode(p);
		m->head = next;
		SLAB_SET(m->count, m->count - 1);
		if (count)
			SLAB_SET(m->allocs, m->allocs + 1);
		__builtin_prefetch(next);   /* the next pop reads its link: start the miss now */
	}
	return p;
}

/* Push p on this thread's magazine `mag_id` unless it is full or p is its top (a double
 * free: the slow path reports it); 1 when pushed. No lock, no atomic. */
static inline int slab_mag_push(unsigned mag_id, void *p, int count)
{
	struct slab_mag *m = &SLAB_TCACHE()->mags[mag_id];
	if (SLAB_LIKELY(m->count < m->limit && (!SLAB_HARDEN_TOP || p != m->head))) {
		*(void **)p = slab_link_encode(p, m->head);
		m->head = p;
		SLAB_SET(m->count, m->count + 1);
		if (count)
			SLAB_SET(m->frees, m->frees + 1);
		return 1;
	}
	return 0;
}

/* Allocate from cache c. Fast path: pop this thread's magazine; no lock, no atomic.
 * `count` (a constant) also counts the allocation for zone_info. */
static inline void *slab_cache_alloc_counted(struct slab_cache *c, int grow, int count)
{
	void *p = slab_mag_pop(c->mag_id, count);
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
	if (SLAB_LIKELY(slab_mag_push(c->mag_id, p, count)))
		return;
	slab_cache_free_slow(c, p);
}
#define slab_cache_free(c, p) slab_cache_free_counted((c), (p), 0)

void *slab_alloc_small_slow(unsigned c, size_t size);

/* A size-class object (size <= SLAB_SMALL_MAX). Fast path: pop this thread's magazine
 * for the class; no lock, no atomic. */
static inline void *slab_alloc_small(size_t size)
{
	unsigned c = slab_class_index(size);
	void *p = slab_mag_pop(c, 0);
	if (SLAB_LIKELY(p != NULL))
		return p;
	return slab_alloc_small_slow(c, size);
}

/* The lock-free part of slab_free, for the faces' fast paths: when ptr is an object
 * boundary of one of our slabs and this thread's magazine for its cache has room and
 * does not hold ptr on top, push it and return 1. Return 0, having changed nothing, for
 * everything else (NULL, foreign or large pointers, a full magazine, a suspected double
 * free, debug mode, the first call of a thread): the caller then calls slab_free, which
 * sorts those out (and may touch errno through munmap or madvise; this never does). */
static inline int slab_free_fast(void *ptr)
{
	uintptr_t a = (uintptr_t)ptr;
	if (SLAB_UNLIKELY(!slab_segmap_has(a)))
		return 0;
	struct slab *d = slab_desc_of(a);
	if (SLAB_UNLIKELY(!slab_is_boundary(d, a - d->start)))
		return 0;
	return slab_mag_push(d->mag_id, ptr, 0);
}

/* segments and pages (slab_page.c) */
struct slab *slab_pool_take(struct slab_cache *cache, unsigned units);
void slab_pool_give(struct slab *s);
size_t slab_pool_purge(size_t keep_bytes);
void *slab_large_alloc(size_t size, size_t align);
int slab_large_free(void *ptr);
size_t slab_large_size(const void *ptr);
size_t slab_large_asked(const void *ptr);
int slab_pool_verify(void);
size_t slab_large_cache_drop(void);

#endif /* STRATA_ALLOC_SLAB_IMPL_H */

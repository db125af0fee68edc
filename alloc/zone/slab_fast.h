/*
 * alloc/zone/slab_fast.h: the slab engine's fast paths, inlined into the faces that need
 * them (malloc.c, kalloc.c, and zone.c through slab_cache.h), and the two accessors the
 * faces read the engine's state through (slab_debug_level, slab_secret). The theory
 * statement is at the top of alloc/zone/slab.c; what is private to the engine's own
 * files (segment headers, the pool, the large-block table) is in slab_impl.h.
 *
 * Address arithmetic (all derived in slab.c's theory statement):
 *   segment   SLAB_SEG_SIZE bytes aligned to SLAB_SEG_SIZE; unit 0 holds the segment
 *             header (struct slab_segment), units 1..15 hold slabs.
 *   unit      SLAB_UNIT_SIZE bytes; a slab spans 1..15 whole units.
 *   pointer → segment: p & ~(SLAB_SEG_SIZE - 1); → descriptor: the segment's descriptor
 *             array (at SLAB_SEG_DESC_OFFSET) indexed by (p >> SLAB_UNIT_SHIFT) & 15.
 */
#ifndef STRATA_ALLOC_SLAB_FAST_H
#define STRATA_ALLOC_SLAB_FAST_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

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
/* Where a segment's descriptors start (slab_impl.h checks it against the header's layout):
 * the header's first cache line holds the segment's own fields. */
#define SLAB_SEG_DESC_OFFSET 64

struct slab_cache;

/* One descriptor per unit of a segment. The fields up to `cache` are copied into every
 * unit of a multi-unit slab, so that the free path reads one descriptor, and sit in its
 * first 40 bytes (one cache line: descriptors are 64-byte aligned); the rest are
 * meaningful in the head unit only and belong to the engine's own files. */
struct slab {
	uintptr_t start;          /* first object of the slab (head unit's address) */
	uint32_t span;            /* capacity * size: offsets at or past it are not objects */
	uint32_t div_inv;         /* inverse of size's odd part mod 2^32 */
	uint32_t div_lim;         /* (2^32 - 1) / size: see slab_is_boundary */
	uint32_t size;            /* object size in bytes (0 for free and header units) */
	uint16_t mag_id;          /* index of the owning cache's magazine in a thread cache */
	uint8_t div_shift;        /* trailing zero bits of size */
	uint8_t kind;             /* enum slab_unit_kind (slab_impl.h) */
	uint8_t units;            /* head: units spanned; tail: distance back to the head */
	uint8_t list;             /* head: enum slab_list (slab_impl.h) */
	uint16_t was_dirty;       /* head: bit i set when unit i of the slab was resident
	                             when the slab took it (slab_pool_take) */
	struct slab_cache *cache; /* owning cache */
	uint64_t recip;           /* ceil(2^40 / size): offset / size by multiply and shift */
	void *free;               /* head: encoded list of objects returned to the slab */
	uintptr_t bump;           /* head: next never-handed-out object (lazy carving) */
	uint32_t inuse;           /* head: objects out of the slab (users, magazines, depot) */
	uint32_t capacity;        /* head: objects the slab holds */
	struct slab *next, *prev; /* head: neighbours on the cache's list */
	uint8_t aged;             /* head, on the empty list: a decay step saw it there */
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

/* What the fast paths read of the engine: fixed once the engine has started (the secret,
 * the debug level), or read lock-free (the segment map). The rest of the engine's state
 * is slab_state, private to slab*.c. */
struct slab_fast_state {
	uintptr_t secret;               /* free-list link key (never 0) */
	uintptr_t free_key;             /* a free object's word 1 holds free_key ^ its address */
	int debug;                      /* OPT_DEBUG at start */
	struct slab_segmap_ent segmap[SLAB_SEGMAP_L1];   /* our segments (128 KiB) */
};

extern struct slab_fast_state slab_fast;
extern const uint32_t slab_class_sizes[SLAB_NCLASS];
/* Class of each 16-byte step up to 1 KiB: slab_class_lut[(size + 15) >> 4]. */
extern const uint8_t slab_class_lut[65];

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
 * SLAB_HARDEN_KEY 0 skips the free key (double frees are then caught only in debug). */
#ifndef SLAB_HARDEN
#define SLAB_HARDEN 1
#endif
#ifndef SLAB_HARDEN_ENCODE
#define SLAB_HARDEN_ENCODE SLAB_HARDEN
#endif
#ifndef SLAB_HARDEN_BOUNDARY
#define SLAB_HARDEN_BOUNDARY SLAB_HARDEN
#endif
#ifndef SLAB_HARDEN_KEY
#define SLAB_HARDEN_KEY SLAB_HARDEN
#endif

/* The engine's debug level (STRATA_DEBUG, fixed when the engine starts). */
static inline int slab_debug_level(void)
{
	return slab_fast.debug;
}

/* The engine's per-process secret (fixed when the engine starts; never 0). */
static inline uintptr_t slab_secret(void)
{
	return slab_fast.secret;
}

/* The free key of the object at p: what its word 1 holds while it is free (glibc's tcache
 * key, made per object). Every path that frees an object writes it, every path that hands
 * one out clears it, so a free that finds it there is almost surely a double free; the
 * slow path then looks for the object among the free ones to be sure (slab.c). */
static inline uintptr_t slab_free_key(const void *p)
{
	return slab_fast.free_key ^ (uintptr_t)p;
}

/* Whether the object at p carries its free key (word 1). */
static inline int slab_key_is_set(const void *p)
{
	return SLAB_HARDEN_KEY && ((const uintptr_t *)p)[1] == slab_free_key(p);
}

/* Mark the object at p free (word 1 := its key). */
static inline void slab_key_set(void *p)
{
	if (SLAB_HARDEN_KEY)
		((uintptr_t *)p)[1] = slab_free_key(p);
}

/* Mark the object at p handed out (word 1 cleared). */
static inline void slab_key_clear(void *p)
{
	if (SLAB_HARDEN_KEY)
		((uintptr_t *)p)[1] = 0;
}

/* Encode a free-list link stored at `at` (hardening: a stray write is not a pointer). */
static inline void *slab_link_encode(const void *at, void *next)
{
	if (!SLAB_HARDEN_ENCODE)
		return next;
	return (void *)((uintptr_t)next ^ slab_fast.secret ^ ((uintptr_t)at >> 4));
}

/* Decode the link stored at `at`. */
static inline void *slab_link_decode(const void *at)
{
	uintptr_t raw = *(const uintptr_t *)at;
	if (!SLAB_HARDEN_ENCODE)
		return (void *)raw;
	return (void *)(raw ^ slab_fast.secret ^ ((uintptr_t)at >> 4));
}

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
	uintptr_t seg = a & ~(SLAB_SEG_SIZE - 1);
	struct slab *descs = (struct slab *)(seg + SLAB_SEG_DESC_OFFSET);
	return &descs[(a >> SLAB_UNIT_SHIFT) & (SLAB_UNITS - 1)];
}

/* Whether address a lies in a segment the engine holds (lock-free, two loads). */
static inline int slab_segmap_has(uintptr_t a)
{
	uintptr_t sn = a >> SLAB_SEG_SHIFT;
	uintptr_t hi = sn >> SLAB_SEGMAP_LEAF_SHIFT;
	struct slab_segmap_ent *e = &slab_fast.segmap[hi & (SLAB_SEGMAP_L1 - 1)];
	_Atomic uint64_t *leaf = atomic_load_explicit(&e->leaf, memory_order_acquire);
	if (SLAB_UNLIKELY(!leaf) || atomic_load_explicit(&e->tag, memory_order_relaxed) != hi + 1)
		return 0;
	uintptr_t bit = sn & (((uintptr_t)1 << SLAB_SEGMAP_LEAF_SHIFT) - 1);
	return (int)((atomic_load_explicit(&leaf[bit >> 6], memory_order_relaxed) >> (bit & 63)) & 1);
}

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

/* Whether address a (in the unit of descriptor d) is an object boundary of d's slab. */
static inline int slab_desc_holds(const struct slab *d, uintptr_t a)
{
	return slab_is_boundary(d, a - d->start);
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

/* What a face may ask of a descriptor slab_lookup returned. */
static inline struct slab_cache *slab_desc_cache(const struct slab *d)
{
	return d->cache;
}
/* The object size of the descriptor's slab. */
static inline size_t slab_desc_size(const struct slab *d)
{
	return d->size;
}
/* Whether the slab belongs to one of the engine's size classes (not a zone). */
static inline int slab_desc_is_class(const struct slab *d)
{
	return d->mag_id < SLAB_NCLASS;
}
/* The owning cache's name, for messages. */
const char *slab_desc_name(const struct slab *d);

/* Pop an object from this thread's magazine `mag_id`; NULL when it is empty. `count` (a
 * constant) also counts it for zone_info. No lock, no atomic. */
static inline void *slab_mag_pop(unsigned mag_id, int count)
{
	struct slab_mag *m = &SLAB_TCACHE()->mags[mag_id];
	void *p = m->head;
	if (SLAB_LIKELY(p != NULL)) {
		void *next = slab_link_decode(p);
		m->head = next;
		slab_key_clear(p);
		SLAB_SET(m->count, m->count - 1);
		if (count)
			SLAB_SET(m->allocs, m->allocs + 1);
		__builtin_prefetch(next);   /* the next pop reads its link: start the miss now */
	}
	return p;
}

/* Push p on this thread's magazine `mag_id` unless it is full or p carries its free key
 * (a double free, most likely: the slow path makes sure and reports it); 1 when pushed.
 * No lock, no atomic. */
static inline int slab_mag_push(unsigned mag_id, void *p, int count)
{
	struct slab_mag *m = &SLAB_TCACHE()->mags[mag_id];
	if (SLAB_LIKELY(m->count < m->limit && !slab_key_is_set(p))) {
		*(void **)p = slab_link_encode(p, m->head);
		slab_key_set(p);
		m->head = p;
		SLAB_SET(m->count, m->count + 1);
		if (count)
			SLAB_SET(m->frees, m->frees + 1);
		return 1;
	}
	return 0;
}

void *slab_alloc_small_slow(unsigned c, size_t size);
/* Free an object p whose descriptor d slab_lookup returned, past its magazine push. */
void slab_obj_free_slow(const struct slab *d, void *p);

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

/* Push object p of the slab whose descriptor slab_lookup returned on this thread's
 * magazine; 1 when pushed, 0 (nothing done) when the magazine is full or p its top. */
static inline int slab_obj_push(const struct slab *d, void *p)
{
	return slab_mag_push(d->mag_id, p, 0);
}

/* Free object p of the slab whose descriptor slab_lookup returned: this thread's
 * magazine, else the cache's slow path. */
static inline void slab_obj_free(const struct slab *d, void *p)
{
	if (!slab_obj_push(d, p))
		slab_obj_free_slow(d, p);
}

/* The lock-free part of slab_free, for the faces' fast paths: when ptr is an object
 * boundary of one of our slabs, does not carry its free key, and this thread's magazine
 * for its cache has room, push it and return 1. Return 0, having changed nothing, for
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

#endif /* STRATA_ALLOC_SLAB_FAST_H */

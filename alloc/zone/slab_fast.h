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

#include "alloc/stats/stats.h"
#include "alloc/zone/slab.h"

/* Declared hidden (as -fvisibility=hidden defines them): code in the shared library then
 * reaches the engine's globals PC-relative, one instruction, not through the GOT. */
#define SLAB_HIDDEN __attribute__((visibility("hidden")))

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

/* A thread cache: one magazine per cache id, and the face calls its fast paths served
 * (counted here rather than in the stats layer's own per-thread block: the magazine's
 * cache line is already at hand; slab.c hands the sums to stats_read). */
struct slab_tcache {
	struct slab_mag mags[SLAB_NMAGS];
	unsigned long calls[CNT_COUNT];   /* face calls served by this thread's fast paths */
	struct slab_tcache *next;   /* registry of live thread caches / free pool */
	int live;                   /* 1 while its thread runs */
};

/* The segment map (slab_page.c): one first-level entry per 2^35 bytes of the 2^48 bytes
 * above slab_fast.segmap_base, each a leaf of one byte per segment. */
#define SLAB_SEGMAP_LEAF_SHIFT 15
#define SLAB_SEGMAP_L1 ((size_t)1 << 13)

/* What the fast paths read of the engine: fixed once the engine has started (the secret,
 * the debug level), or read lock-free (the segment map). The rest of the engine's state
 * is slab_state, private to slab*.c. */
struct slab_fast_state {
	uintptr_t secret;               /* free-list link key (never 0) */
	uintptr_t free_key;             /* a free object's word 1 holds free_key ^ its address */
	int debug;                      /* OPT_DEBUG at start */
	uintptr_t segmap_base;          /* the 2^48-aligned region the map covers (hosted: 0;
	                                   a high-half kernel: set by the first segment) */
	_Atomic(uint8_t *) segmap[SLAB_SEGMAP_L1];   /* leaves: 1 per segment of ours (64 KiB) */
};

/* Where the segment map starts: hosted user space lies below 2^48, so 0; a freestanding
 * build reads the base the first segment set (a high-half kernel). */
#ifdef STRATA_HOSTED
#define SLAB_SEGMAP_BASE ((uintptr_t)0)
#else
#define SLAB_SEGMAP_BASE (slab_fast.segmap_base)
#endif

/* The offset of magazine c in a thread cache, for each 16-byte step of sizes 1..1024:
 * slab_mag_offs[(size - 1) >> 4] (a size-class pop without a multiply). */
extern const uint16_t slab_mag_offs[64] SLAB_HIDDEN;

extern struct slab_fast_state slab_fast SLAB_HIDDEN;
extern const uint32_t slab_class_sizes[SLAB_NCLASS] SLAB_HIDDEN;
/* Class of each 16-byte step up to 1 KiB: slab_class_lut[(size + 15) >> 4]. */
extern const uint8_t slab_class_lut[65] SLAB_HIDDEN;

#ifdef STRATA_HOSTED
extern _Thread_local struct slab_tcache *slab_tls __attribute__((tls_model("initial-exec"), visibility("hidden")));
#define SLAB_TCACHE() (slab_tls)
#define SLAB_TCACHE_SET(tc) (slab_tls = (tc))
#else
extern struct slab_tcache *slab_tls_single SLAB_HIDDEN;
#define SLAB_TCACHE() (slab_tls_single)
#define SLAB_TCACHE_SET(tc) (slab_tls_single = (tc))
#endif

/* Magazine counts are written only by their thread but read by others (zone_info,
 * slab_usage_get): relaxed atomic stores and loads, plain moves on x86 and arm64.
 * SLAB_ADD is the fast paths' increment: one read-modify-write instruction (a reader may
 * see a value a few increments old, which is all a count needs; an aligned word is never
 * torn on the targets); under ThreadSanitizer, a relaxed atomic load and store, so that
 * the race with readers is a declared one. */
#define SLAB_SET(lv, v) __atomic_store_n(&(lv), (v), __ATOMIC_RELAXED)
#define SLAB_GET(lv) __atomic_load_n(&(lv), __ATOMIC_RELAXED)
#if defined(__SANITIZE_THREAD__)
#define SLAB_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define SLAB_TSAN 1
#endif
#endif
#ifdef SLAB_TSAN
#define SLAB_ADD(lv, d) __atomic_store_n(&(lv), __atomic_load_n(&(lv), __ATOMIC_RELAXED) + (d), __ATOMIC_RELAXED)
#else
#define SLAB_ADD(lv, d) ((void)((lv) += (d)))
#endif
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

/* Encode a free-list link stored at `at` (hardening: a stray write or a link read out of a
 * freed block is not a pointer without the per-process secret). One XOR: the link is one
 * load and one XOR away on the pop, where every instruction counts. */
static inline void *slab_link_encode(const void *at, void *next)
{
	(void)at;
	if (!SLAB_HARDEN_ENCODE)
		return next;
	return (void *)((uintptr_t)next ^ slab_fast.secret);
}

/* Decode the link stored at `at`. */
static inline void *slab_link_decode(const void *at)
{
	uintptr_t raw = *(const uintptr_t *)at;
	if (!SLAB_HARDEN_ENCODE)
		return (void *)raw;
	return (void *)(raw ^ slab_fast.secret);
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

/* Whether address a lies in a segment the engine holds (lock-free, two loads: the leaf,
 * then its byte). Addresses outside the 2^48 bytes the map covers are not ours. */
static inline int slab_segmap_has(uintptr_t a)
{
	uintptr_t sn = (a - SLAB_SEGMAP_BASE) >> SLAB_SEG_SHIFT;
	uintptr_t hi = sn >> SLAB_SEGMAP_LEAF_SHIFT;
	if (SLAB_UNLIKELY(hi >= SLAB_SEGMAP_L1))
		return 0;
	const uint8_t *leaf = atomic_load_explicit(&slab_fast.segmap[hi], memory_order_acquire);
	if (SLAB_UNLIKELY(!leaf))
		return 0;
	return leaf[sn & (((uintptr_t)1 << SLAB_SEGMAP_LEAF_SHIFT) - 1)];
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

/* The magazine at byte offset `off` of this thread's cache (offsetof mags[id]). */
static inline struct slab_mag *slab_mag_at(uintptr_t off)
{
	return (struct slab_mag *)((char *)SLAB_TCACHE() + off);
}

/* Pop an object from the magazine at offset `off` of this thread's cache; NULL when it is
 * empty. The constants `count` (zone_info's per-thread count) and `face` (a stats
 * counter, or -1) say what to count when it is served. No lock, no atomic, no call. */
static inline void *slab_mag_pop_at(uintptr_t off, int count, int face)
{
	struct slab_tcache *tc = SLAB_TCACHE();
	struct slab_mag *m = (struct slab_mag *)((char *)tc + off);
	void *p = m->head;
	if (SLAB_LIKELY(p != NULL)) {
		m->head = slab_link_decode(p);
		slab_key_clear(p);
		SLAB_ADD(m->count, -1u);
		if (count)
			SLAB_ADD(m->allocs, 1);
		if (face >= 0)
			SLAB_ADD(tc->calls[face], 1);
	}
	return p;
}

/* Pop from this thread's magazine `mag_id` (see slab_mag_pop_at). */
static inline void *slab_mag_pop(unsigned mag_id, int count, int face)
{
	return slab_mag_pop_at(offsetof(struct slab_tcache, mags) + (uintptr_t)mag_id * sizeof(struct slab_mag), count,
	                       face);
}

/* Push p on this thread's magazine `mag_id` unless it is full or p carries its free key
 * (a double free, most likely: the slow path makes sure and reports it); 1 when pushed.
 * `count` and `face` as for the pop. No lock, no atomic, no call. */
static inline int slab_mag_push(unsigned mag_id, void *p, int count, int face)
{
	struct slab_tcache *tc = SLAB_TCACHE();
	struct slab_mag *m = &tc->mags[mag_id];
	if (SLAB_LIKELY(m->count < m->limit && !slab_key_is_set(p))) {
		*(void **)p = slab_link_encode(p, m->head);
		slab_key_set(p);
		m->head = p;
		SLAB_ADD(m->count, 1);
		if (count)
			SLAB_ADD(m->frees, 1);
		if (face >= 0)
			SLAB_ADD(tc->calls[face], 1);
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
	void *p = slab_mag_pop(c, 0, -1);
	if (SLAB_LIKELY(p != NULL))
		return p;
	return slab_alloc_small_slow(c, size);
}

/* Push object p of the slab whose descriptor slab_lookup returned on this thread's
 * magazine, counting face call `face` (-1: none); 1 when pushed, 0 (nothing done) when
 * the magazine is full or p carries its free key. */
static inline int slab_obj_push(const struct slab *d, void *p, int face)
{
	return slab_mag_push(d->mag_id, p, 0, face);
}

/* Free object p of the slab whose descriptor slab_lookup returned: this thread's
 * magazine, else the cache's slow path. */
static inline void slab_obj_free(const struct slab *d, void *p)
{
	if (!slab_obj_push(d, p, -1))
		slab_obj_free_slow(d, p);
}

/* The lock-free part of slab_free, for the faces' fast paths: when ptr is an object
 * boundary of one of our slabs, does not carry its free key, and this thread's magazine
 * for its cache has room, push it (counting face call `face`) and return 1. Return 0, having changed nothing, for
 * everything else (NULL, foreign or large pointers, a full magazine, a suspected double
 * free, debug mode, the first call of a thread): the caller then calls slab_free, which
 * sorts those out (and may touch errno through munmap or madvise; this never does). */
static inline int slab_free_fast(void *ptr, int face)
{
	uintptr_t a = (uintptr_t)ptr;
	if (SLAB_UNLIKELY(!slab_segmap_has(a)))
		return 0;
	struct slab *d = slab_desc_of(a);
	if (SLAB_UNLIKELY(!slab_is_boundary(d, a - d->start)))
		return 0;
	return slab_mag_push(d->mag_id, ptr, 0, face);
}

#endif /* STRATA_ALLOC_SLAB_FAST_H */

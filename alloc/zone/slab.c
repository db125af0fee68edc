/*
 * alloc/zone/slab.c: the slab engine — object caches over slabs, per-thread magazines and
 * a depot — serving zones (zone.c), kalloc's size classes (kalloc.c), the malloc face and
 * the boot face. One engine for every small object in libstrata.
 *
 * Theory
 * ------
 * Concepts (Bonwick, "The slab allocator", 1994; Bonwick & Adams, "Magazines and vmem",
 * 2001). An *object cache* hands out objects of one size. It holds *slabs*: runs of 1..15
 * 64 KiB units inside a 1 MiB *segment* (slab_page.c). A pointer finds its slab in O(1):
 * segment = p & ~(2^20 - 1), descriptor = segment->slabs[(p >> 16) & 15]; so small objects
 * carry no header at all. Each thread has a *thread cache* of *magazines*, one per object
 * cache; a magazine is two LIFO lists of free objects linked through their first word
 * (Bonwick's "loaded" and "previous" magazines). Each object cache has a *depot* of full
 * magazines that threads exchange with under the cache's lock.
 *
 * Fast path (no lock, no atomic): allocation pops the head of the thread's loaded list;
 * free pushes onto it. A free first checks, lock-free, that the pointer's segment is ours
 * (the segment map: two loads) and that it is an object boundary of its slab (one
 * multiply: slab_is_boundary). slab_free_fast (slab_fast.h) is that lock-free part alone,
 * for faces that inline it and keep the rest (NULL, large blocks, errno) out of line.
 * Debug and verify code computes object indexes as
 * offset * ceil(2^40/size) >> 40, exact for offsets < 2^20 and sizes < 2^20: the error
 * term offset * (recip - 2^40/size) / 2^40 < 2^-20 < 1/size.
 *
 * Slow paths. An empty loaded list swaps with a full previous one, else takes a full
 * magazine from the depot, else is refilled from the cache's slabs (lock held), carving
 * never-used objects lazily with a bump pointer so a fresh slab's pages are touched only
 * as objects go out. A full loaded list becomes the previous one; a previous one that is
 * full goes to the depot (at most SLAB_DEPOT_MAX magazines; past that its objects go back
 * to their slabs so memory can move between caches). Cross-thread frees need no global
 * lock: the object enters the freeing thread's magazine and returns, a magazine at a time,
 * through its own cache's depot.
 *
 * Size classes: 16-byte steps to 128 (8 classes), then 8 classes per doubling to 32 KiB
 * (64 classes): 72 in all, every one a multiple of 16, so every object is 16-aligned. For
 * a class c with predecessor p, the worst request is p + 16 (requests round up to 16 for
 * alignment anyway), and (c - p - 16) / c <= (2^k/8 - 16) / (2^k + 2^k/8) < 1/9 = 11.1%:
 * internal waste below 12.5% in every class (tests/alloc/test_slab.c checks the table).
 * A class's slab spans the fewest units (1..4) that waste at most 1/16 of the slab at its
 * tail; a class whose size divides its slab exactly wastes nothing.
 *
 * Magazine size: min(OPT_MAGAZINE (64), 16 KiB / size), at least 1: two lists per class
 * per thread bound the cache at 32 KiB per class per thread for big objects (64 classes
 * above 256 bytes: at most 2 MiB per thread, and a depot holds up to 16 x 16 KiB per
 * class), and 64 objects amortise one lock round trip to under 1/64 of an operation for
 * the small ones (up to 256 bytes, where 16 KiB / size >= 64). 64 KiB per list cost peak
 * RSS (reallocs 2.3x glibc's, sqlite, python 5-10%) and measured no faster.
 * SLAB_DEPOT_MAX = 16 full magazines per cache (1024 objects of a small class) absorb a
 * producer/consumer burst between a few threads; past that, memory goes back to the slabs
 * so that another class can use it. SLAB_ZSLOTS = 128 zones get a magazine slot (Mach
 * kernels create ~100 zones; later zones work uncached, under their cache lock). A
 * destroyed zone's slot serves the next zone: zdestroy empties that magazine in every
 * thread cache (dropping its objects unread: all its slabs go back anyway).
 *
 * Colouring (Bonwick's slab colouring). Every slab starts on a 64 KiB unit boundary, so
 * without it the objects of a class fall on the same few cache-line offsets of their
 * pages in every slab: a 4608-byte class (9 x 512) uses 8 of a page's 64 line offsets, so
 * the first lines of its objects (the headers a program reads most: sqlite's page headers
 * and MemPage structures) compete for an eighth of the L1 sets and, pages being placed at
 * random in physical memory, an eighth of the L2's. A size class whose slab leaves slack
 * (units x 64 KiB - capacity x size >= 64) starts each new slab SLAB_COLOR (64) bytes
 * further into its unit than the last, cycling through the slack: sqlite's run under
 * cachegrind (L2 as a 1 MiB, 8-way last level) went from 11.35 to 10.90 million L1 and
 * 5.92 to 5.67 million L2 data misses (glibc 10.76 and 5.49). Classes without slack (the
 * powers of two) and zones are not coloured; a coloured class serves alignments of at
 * most SLAB_COLOR (slab_alloc_aligned looks further for bigger ones).
 *
 * Segment geometry: 1 MiB segments of 16 units of 64 KiB. 64 KiB holds 4096 objects of the
 * smallest class (a 512-byte debug bitmap per unit) and two of the largest; unit 0 keeps
 * the header (~2 KiB of descriptors, 8 KiB of debug bitmaps: only its first pages are
 * ever touched). A freestanding static region needs at least 2 MiB for one aligned segment.
 *
 * Invariants. For every slab: inuse + free-list length + uncarved = capacity; a slab is on
 * the partial list iff it has a free or uncarved object and inuse > 0, on the empty list
 * iff inuse == 0, on no list iff it is full. cache->objs_out = sum of inuse.
 * slab_verify() checks all of these, every depot magazine and the caller's own magazines.
 *
 * Locking: magazines are touched only by their thread. Each cache has a lock (its lists,
 * depot, counts); the segment pool has pool_lock; the large-block table large_lock; the
 * thread-cache registry and zone slots tc_lock. Order: tc_lock -> cache -> pool -> large.
 *
 * Hardening, always on. The secrets are drawn once from the platform's entropy
 * (platform_entropy: getrandom, else AT_RANDOM; a kernel's hook) and mixed into three
 * keys: free-list links are XOR-encoded with the first and the link's own address (a stray
 * write or a use-after-free does not yield a usable pointer); a free object's word 1 holds
 * the second XOR its address (the free key, glibc's tcache key made per object: every
 * path that frees writes it, every path that hands out clears it, slab_fast.h); the third
 * keys the canaries (slab_alloc.c). A free that finds the free key in place takes the
 * slow path, which looks for the object where free objects are (slab_obj_is_free: this
 * thread's magazine, the depot, the slab, other threads' magazines) and reports a double
 * free when it is there: every double free, whatever came between, from any thread. A
 * pointer that is not an object boundary of one of our slabs is an invalid free.
 * STRATA_DEBUG >= 1 turns the magazines off (every operation reaches the slab under the
 * cache lock) and keeps a bit per object in the segment header: any double free is caught
 * by it too; objects are filled with 0xa5 on allocation and 0xdd on free. STRATA_DEBUG
 * >= 2 also notes each request's size (a 128 KiB side table per segment: one 16-bit entry
 * per 16 bytes) and fills the object's tail past it with 0xfd: a redzone checked on free
 * (STRATA_ERR_CORRUPT naming the pointer and the offset; with STRATA_CANARY the canary is
 * the redzone). slab_verify walks everything.
 *
 * Failure: NULL when the core has no pages (or a zone is at its limit); misuse goes to the
 * error sink (alloc/error.h) and the faulting call does nothing. Nothing here prints.
 *
 * Freestanding: the thread cache pointer is a _Thread_local (initial-exec) when hosted and
 * one global otherwise; thread exit reaches us through sync_thread_exit_hook.
 */
#include "alloc/zone/slab_impl.h"

#include "alloc/assert.h"
#include "alloc/core.h"
#include "alloc/error.h"
#include "alloc/options.h"
#include "alloc/page/platform.h"
#include "alloc/stats/stats.h"

/* Bytes a magazine's list may hold (see the theory statement). */
#define SLAB_MAG_BYTES 16384u

struct slab_state slab_state;
struct slab_fast_state slab_fast;
/* Every thread starts on slab_state.tc_empty: its lists are empty and its limits 0, so
 * the first operation takes the slow path, which gives the thread its own cache. Threads
 * whose cache went back at exit run on slab_state.tc_dead (no caching) afterwards. */

#ifdef STRATA_HOSTED
_Thread_local struct slab_tcache *slab_tls __attribute__((tls_model("initial-exec"))) = &slab_state.tc_empty;
#else
struct slab_tcache *slab_tls_single = &slab_state.tc_empty;
#endif

const uint32_t slab_class_sizes[SLAB_NCLASS] = {
	16, 32, 48, 64, 80, 96, 112, 128,
	144, 160, 176, 192, 208, 224, 240, 256,
	288, 320, 352, 384, 416, 448, 480, 512,
	576, 640, 704, 768, 832, 896, 960, 1024,
	1152, 1280, 1408, 1536, 1664, 1792, 1920, 2048,
	2304, 2560, 2816, 3072, 3328, 3584, 3840, 4096,
	4608, 5120, 5632, 6144, 6656, 7168, 7680, 8192,
	9216, 10240, 11264, 12288, 13312, 14336, 15360, 16384,
	18432, 20480, 22528, 24576, 26624, 28672, 30720, 32768,
};

/* Class of each 16-byte step up to 1 KiB (index (size + 15) >> 4; 0 is size 0). */
const uint8_t slab_class_lut[65] = {
	0, 0, 1, 2, 3, 4, 5, 6, 7,                                   /* 0..128: 16-byte steps */
	8, 9, 10, 11, 12, 13, 14, 15,                                /* ..256: 144..256 */
	16, 16, 17, 17, 18, 18, 19, 19, 20, 20, 21, 21, 22, 22, 23, 23, /* ..512: 32-byte steps */
	24, 24, 24, 24, 25, 25, 25, 25, 26, 26, 26, 26, 27, 27, 27, 27, /* ..768: 64-byte steps */
	28, 28, 28, 28, 29, 29, 29, 29, 30, 30, 30, 30, 31, 31, 31, 31, /* ..1024 */
};

/* Offset of each class's magazine in a thread cache, by 16-byte step of sizes 1..1024
 * (slab_mag_offs[(size - 1) >> 4]): the malloc face's pop needs no multiply. */
#define SLAB_MAG_OFF(c) (offsetof(struct slab_tcache, mags) + (c) * sizeof(struct slab_mag))
#define SLAB_MAG_OFFS4(a, b, c, d) SLAB_MAG_OFF(a), SLAB_MAG_OFF(b), SLAB_MAG_OFF(c), SLAB_MAG_OFF(d)
const uint16_t slab_mag_offs[64] = {
	SLAB_MAG_OFFS4(0, 1, 2, 3), SLAB_MAG_OFFS4(4, 5, 6, 7),             /* ..128: 16-byte steps */
	SLAB_MAG_OFFS4(8, 9, 10, 11), SLAB_MAG_OFFS4(12, 13, 14, 15),       /* ..256 */
	SLAB_MAG_OFFS4(16, 16, 17, 17), SLAB_MAG_OFFS4(18, 18, 19, 19),     /* ..384: 32-byte steps */
	SLAB_MAG_OFFS4(20, 20, 21, 21), SLAB_MAG_OFFS4(22, 22, 23, 23),     /* ..512 */
	SLAB_MAG_OFFS4(24, 24, 24, 24), SLAB_MAG_OFFS4(25, 25, 25, 25),     /* ..640: 64-byte steps */
	SLAB_MAG_OFFS4(26, 26, 26, 26), SLAB_MAG_OFFS4(27, 27, 27, 27),     /* ..768 */
	SLAB_MAG_OFFS4(28, 28, 28, 28), SLAB_MAG_OFFS4(29, 29, 29, 29),     /* ..896 */
	SLAB_MAG_OFFS4(30, 30, 30, 30), SLAB_MAG_OFFS4(31, 31, 31, 31),     /* ..1024 */
};
_Static_assert(SLAB_MAG_OFF(SLAB_NMAGS) <= UINT16_MAX, "slab_mag_offs holds 16-bit offsets");

/* Units per slab for objects of `size` (1..15): the fewest that waste at most 1/16. */
static unsigned slab_units_for(size_t size, size_t hint_bytes)
{
	unsigned need = (unsigned)((size + SLAB_UNIT_SIZE - 1) / SLAB_UNIT_SIZE);
	unsigned best = need;
	if (hint_bytes) {
		unsigned k = (unsigned)((hint_bytes + SLAB_UNIT_SIZE - 1) / SLAB_UNIT_SIZE);
		best = k < need ? need : k;
		return best > SLAB_UNITS - 1 ? SLAB_UNITS - 1 : best;
	}
	size_t best_waste = (size_t)-1;
	for (unsigned k = need; k <= need + 3 && k < SLAB_UNITS; k++) {
		size_t bytes = (size_t)k * SLAB_UNIT_SIZE;
		size_t waste = bytes % size;
		if (waste * 16 <= bytes)
			return k;
		if (waste < best_waste) {
			best_waste = waste;
			best = k;
		}
	}
	return best;
}

/* Colour the slabs of cache c (slab.c's theory, Colouring): as many colours as the slack
 * of its slab (its units less capacity * size) holds SLAB_COLOR steps, plus the start. */
static void slab_cache_colors_set(struct slab_cache *c)
{
	size_t slack = (size_t)c->units * SLAB_UNIT_SIZE - (size_t)c->capacity * c->size;
	c->colors = (uint32_t)(slack / SLAB_COLOR + 1);
	c->color_next = 0;
}

/* Set up an object cache for objects of `size` bytes (a multiple of 16 is best; at least
 * 16, at most 15 units); `slab_bytes` per slab (page-rounded), 0 to choose. A slab takes
 * whole units of address space but carves only slab_bytes of objects, lazily, so a
 * zone's slab touches no more pages than its `alloc` says. Not yet registered. */
void slab_cache_setup(struct slab_cache *cache, size_t size, size_t slab_bytes, const char *name)
{
	__builtin_memset(cache, 0, sizeof(*cache));
	sync_lock_init(&cache->lock);
	if (size < SLAB_MIN_OBJ)
		size = SLAB_MIN_OBJ;
	cache->size = (uint32_t)size;
	size_t page = core_page_size();
	if (slab_bytes) {
		slab_bytes = slab_bytes < size ? size : slab_bytes;
		slab_bytes = (slab_bytes + page - 1) & ~(page - 1);
		if (slab_bytes > slab_cache_max_size())
			slab_bytes = slab_cache_max_size();
	}
	cache->units = (uint8_t)slab_units_for(size, slab_bytes);
	if (!slab_bytes)
		slab_bytes = (size_t)cache->units * SLAB_UNIT_SIZE;
	cache->slab_bytes = (uint32_t)slab_bytes;
	cache->capacity = (uint32_t)(slab_bytes / size);
	cache->recip = (((uint64_t)1 << SLAB_RECIP_SHIFT) + size - 1) / size;
	unsigned k = (unsigned)__builtin_ctzll((unsigned long long)size);
	uint32_t odd = (uint32_t)(size >> k), inv = odd;
	for (int i = 0; i < 5; i++)
		inv *= 2u - odd * inv;   /* Newton: each step doubles the correct low bits */
	cache->div_shift = (uint8_t)k;
	cache->div_inv = inv;
	cache->div_lim = (uint32_t)(0xffffffffu / size);
	cache->mag_id = SLAB_MAG_NONE;
	long opt = options_get(OPT_MAGAZINE);
	size_t lim = SLAB_MAG_BYTES / size;
	if (lim < 1)
		lim = 1;
	if (opt < 0)
		opt = 0;
	if ((size_t)opt < lim)
		lim = (size_t)opt;
	cache->mag_limit = slab_fast.debug ? 0 : (uint32_t)lim;
	cache->keep_empty = 1;
	cache->collectable = 1;
	cache->limit_objs = SIZE_MAX;
	cache->name = name;
}

/* Link a cache on the all-caches list, giving it a thread-cache slot when `slot` asks for
 * one and one is left (zones); returns 0. */
int slab_cache_register(struct slab_cache *cache, int slot)
{
	sync_lock_acquire(&slab_state.tc_lock);
	if (slot) {
		/* A slot a destroyed zone left (its magazines were emptied by the retire),
		 * else a new one while there are. */
		unsigned s = 0;
		while (s < slab_state.nslots && slab_state.slots[s])
			s++;
		if (s == slab_state.nslots && slab_state.nslots < SLAB_ZSLOTS)
			slab_state.nslots++;
		if (s < slab_state.nslots) {
			slab_state.slots[s] = cache;
			cache->mag_id = (uint16_t)(SLAB_NCLASS + s);
		}
	}
	cache->all_next = slab_state.all;
	slab_state.all = cache;
	sync_lock_release(&slab_state.tc_lock);
	return 0;
}

/* The engine's usage source for strata_stats_print / dump ("slab KEY VALUE" lines). */
static void slab_usage_emit(stats_emit_fn emit, void *ctx)
{
	struct slab_usage u;
	slab_usage_get(&u);
	emit(ctx, "slab", "small_in_use", u.small_in_use);
	emit(ctx, "slab", "small_free", u.small_free);
	emit(ctx, "slab", "small_slabs", u.small_slabs);
	emit(ctx, "slab", "large_in_use", u.large_in_use);
	emit(ctx, "slab", "large_blocks", u.large_blocks);
	emit(ctx, "slab", "mapped", u.mapped);
	emit(ctx, "slab", "peak_mapped", u.peak_mapped);
	emit(ctx, "slab", "purged", __atomic_load_n(&slab_state.purged_bytes, __ATOMIC_RELAXED));
}

static unsigned long slab_calls_read(enum stats_counter c);

/* Start the engine (idempotent, thread-safe): the core, the secrets, the class caches,
 * the debugging aids of the malloc family. */
int slab_init(void)
{
	if (__atomic_load_n(&slab_state.ready, __ATOMIC_ACQUIRE))
		return 0;
	if (core_init() != 0)
		return -1;
	sync_lock_acquire(&slab_state.init_lock);
	if (!slab_state.ready) {
		long dbg = options_get(OPT_DEBUG);
		slab_fast.debug = dbg > 0 ? (int)dbg : 0;
		slab_state.purge_decay = options_get(OPT_PURGE_DECAY);
		/* The secrets: one draw of the platform's entropy, three keys mixed from it. */
		uint64_t seed[2] = { 0, 0 };
		(void)platform_entropy(seed, sizeof seed);
		slab_fast.secret = (uintptr_t)platform_mix64(seed[0]) | 1;   /* never zero */
		slab_fast.free_key = (uintptr_t)platform_mix64(seed[1] ^ 0x6672656566726565ull);
		slab_state.canary_key = (uintptr_t)platform_mix64(seed[0] ^ seed[1] ^ 0x63616e6172790000ull);
		slab_state.canary = options_get(OPT_CANARY) != 0;
		slab_state.tails = slab_state.canary || slab_fast.debug >= 2;
		slab_state.guard = options_get(OPT_GUARD) != 0;
		size_t gmin = (size_t)options_get(OPT_GUARD_MIN);
		slab_state.guard_min = gmin == 0 ? 1 : gmin > (size_t)SLAB_SMALL_MAX + 1 ? (size_t)SLAB_SMALL_MAX + 1 : gmin;
		for (unsigned c = 0; c < SLAB_NCLASS; c++) {
			slab_cache_setup(&slab_state.classes[c], slab_class_sizes[c], 0, "size-class");
			slab_state.classes[c].mag_id = (uint16_t)c;
			slab_cache_colors_set(&slab_state.classes[c]);
			/* Classes a debugging aid applies to keep no magazines: every block of theirs
			 * goes through slab_alloc's and slab_free's aid paths. */
			if (slab_state.canary || (slab_state.guard && slab_class_sizes[c] >= slab_state.guard_min))
				slab_state.classes[c].mag_limit = 0;
			slab_cache_register(&slab_state.classes[c], 0);
		}
		__atomic_store_n(&slab_state.ready, 1, __ATOMIC_RELEASE);
		(void)stats_usage_register(slab_usage_emit);
		core_reclaim_set(slab_pool_reclaim);   /* the core asks when a map fails */
		stats_counts_register(slab_calls_read);
	}
	sync_lock_release(&slab_state.init_lock);
	return 0;
}

/* Unlink slab s from the list it is on (cache lock held). */
static void slab_list_remove_locked(struct slab_cache *c, struct slab *s)
{
	ASSERT(sync_lock_held(&c->lock));
	struct slab **head = s->list == SLAB_LIST_PARTIAL ? &c->partial : &c->empty;
	if (s->list == SLAB_LIST_NONE)
		return;
	if (s->prev)
		s->prev->next = s->next;
	else
		*head = s->next;
	if (s->next)
		s->next->prev = s->prev;
	if (s->list == SLAB_LIST_EMPTY)
		c->nempty--;
	s->next = s->prev = NULL;
	s->list = SLAB_LIST_NONE;
}

/* Push slab s on the front of list `which` (cache lock held). */
static void slab_list_push_locked(struct slab_cache *c, struct slab *s, int which)
{
	ASSERT(sync_lock_held(&c->lock));
	struct slab **head = which == SLAB_LIST_PARTIAL ? &c->partial : &c->empty;
	s->prev = NULL;
	s->next = *head;
	if (*head)
		(*head)->prev = s;
	*head = s;
	s->list = (uint8_t)which;
	s->aged = 0;
	if (which == SLAB_LIST_EMPTY)
		c->nempty++;
}

/* A slab with something to hand out: the partial list's first, else a kept empty one,
 * else (when `grow`) a new one from the pool. NULL when none (cache lock held). */
static struct slab *slab_cache_source_locked(struct slab_cache *c, int grow)
{
	ASSERT(sync_lock_held(&c->lock));
	struct slab *s = c->partial;
	if (s)
		return s;
	s = c->empty;
	if (s) {
		slab_list_remove_locked(c, s);
		slab_list_push_locked(c, s, SLAB_LIST_PARTIAL);
		return s;
	}
	if (!grow)
		return NULL;
	s = slab_pool_take(c, c->units);
	if (!s)
		return NULL;
	c->nslabs++;
	slab_list_push_locked(c, s, SLAB_LIST_PARTIAL);
	return s;
}

/* Take up to `want` objects out of the cache's slabs as one encoded list in *out; returns
 * how many (0: none free and, unless `grow`, no new slab; or the zone limit). At most one
 * new slab per refill: a zone with small slabs does not take several to fill one
 * magazine. Lock held. */
static uint32_t slab_refill_locked(struct slab_cache *c, uint32_t want, int grow, void **out)
{
	ASSERT(sync_lock_held(&c->lock));
	void *head = NULL;
	uint32_t n = 0;
	size_t slabs = c->nslabs;
	while (n < want && c->objs_out < c->limit_objs) {
		struct slab *s = slab_cache_source_locked(c, grow && (n == 0 || c->nslabs == slabs));
		if (!s)
			break;
		uintptr_t end = s->start + s->capacity * (uintptr_t)c->size;
		while (n < want && c->objs_out < c->limit_objs) {
			void *p = s->free;
			if (p) {
				s->free = slab_link_decode(p);
			} else if (s->bump < end) {
				p = (void *)s->bump;
				s->bump += c->size;
			} else {
				break;
			}
			*(void **)p = slab_link_encode(p, head);
			slab_key_set(p);
			head = p;
			n++;
			s->inuse++;
			c->objs_out++;
		}
		if (!s->free && s->bump >= end)
			slab_list_remove_locked(c, s);   /* full: on no list */
	}
	*out = head;
	return n;
}

/* Give an empty slab of cache c back to the pool, telling the cache's owner first;
 * `aged` when it sat empty through a decay period (slab_pool_give). */
static void slab_give_back_as(struct slab_cache *c, struct slab *s, int aged)
{
	if (c->on_release)
		c->on_release(c, s);
	slab_pool_give(s, aged);
}

/* Give an empty slab of cache c back to the pool, telling the cache's owner first. */
static void slab_give_back(struct slab_cache *c, struct slab *s)
{
	slab_give_back_as(c, s, 0);
}

/* Objects of at least SLAB_BIG_PAGES pages hold whole pages past their first, which hold
 * nothing while the object is free: the decay purges them (slab_obj_purge_locked). Word
 * SLAB_PURGE_WORD of such a free object on its slab's free list says how far it got. */
#define SLAB_BIG_PAGES 2
#define SLAB_PURGE_WORD 2
enum { SLAB_OBJ_FRESH = 0, SLAB_OBJ_AGED = 1, SLAB_OBJ_PURGED = 2 };

/* Whether cache c's objects are big enough to have pages purged while free (not those of
 * a constructor zone: a free object keeps its constructed state). */
static inline int slab_cache_big(const struct slab_cache *c)
{
	return c->size >= SLAB_BIG_PAGES * core_page_size() && !c->on_release;
}

/* Return one object to its slab (cache lock held); empty slabs beyond keep_empty go back
 * to the pool. */
static void slab_put_locked(struct slab_cache *c, void *p)
{
	ASSERT(sync_lock_held(&c->lock));
	struct slab *s = slab_head_of(p);
	*(void **)p = slab_link_encode(p, s->free);
	slab_key_set(p);
	if (slab_cache_big(c))
		((uintptr_t *)p)[SLAB_PURGE_WORD] = SLAB_OBJ_FRESH;   /* for the decay's purge */
	s->free = p;
	s->inuse--;
	c->objs_out--;
	if (s->inuse == 0) {
		slab_list_remove_locked(c, s);
		if (c->nempty >= c->keep_empty) {
			c->nslabs--;
			slab_give_back(c, s);
			return;
		}
		slab_list_push_locked(c, s, SLAB_LIST_EMPTY);
	} else if (s->list == SLAB_LIST_NONE) {
		slab_list_push_locked(c, s, SLAB_LIST_PARTIAL);
	}
}

/* Return a whole encoded list of n objects to their slabs (cache lock held). */
static void slab_put_list_locked(struct slab_cache *c, void *head, uint32_t n)
{
	ASSERT(sync_lock_held(&c->lock));
	while (head && n--) {
		void *next = slab_link_decode(head);
		slab_put_locked(c, head);
		head = next;
	}
}

/* A full magazine goes to the depot, or back to the slabs when the depot is full. */
static void slab_depot_put_locked(struct slab_cache *c, void *head, uint32_t n)
{
	ASSERT(sync_lock_held(&c->lock));
	if (c->ndepot < SLAB_DEPOT_MAX) {
		c->depot[c->ndepot].head = head;
		c->depot[c->ndepot].count = n;
		c->ndepot++;
		c->depot_objs += n;
	} else {
		slab_put_list_locked(c, head, n);
	}
}

static void slab_tcache_exit(void *arg);

/* Fold a thread cache's call counts into the engine's count of exited threads (tc_lock
 * held, in the same section that takes it off the live list: a reader sees each call
 * once). */
static void slab_calls_fold_locked(struct slab_tcache *tc)
{
	ASSERT(sync_lock_held(&slab_state.tc_lock));
	for (unsigned i = 0; i < CNT_COUNT; i++) {
		slab_state.dead_calls[i] += tc->calls[i];
		tc->calls[i] = 0;
	}
}

/* The face calls the fast paths served, for stats_read (stats_counts_register): every
 * live thread cache's count of c plus the exited threads'. */
static unsigned long slab_calls_read(enum stats_counter c)
{
	sync_lock_acquire(&slab_state.tc_lock);
	unsigned long sum = slab_state.dead_calls[c];
	for (struct slab_tcache *tc = slab_state.tcaches; tc; tc = tc->next)
		sum += SLAB_GET(tc->calls[c]);
	sync_lock_release(&slab_state.tc_lock);
	return sum;
}

/* Give the calling thread its own cache (from the pool of exited threads' caches or new
 * pages). Returns it, or NULL when no memory (the thread then runs uncached). */
static struct slab_tcache *slab_tcache_create(void)
{
	struct slab_tcache *tc;
	sync_lock_acquire(&slab_state.tc_lock);
	tc = slab_state.tc_free;
	if (tc)
		slab_state.tc_free = tc->next;
	sync_lock_release(&slab_state.tc_lock);
	if (!tc) {
		size_t page = core_page_size();
		tc = core_pages_alloc((sizeof(*tc) + page - 1) & ~(page - 1), 0);
		if (!tc)
			return NULL;
	}
	__builtin_memset(tc, 0, sizeof(*tc));
	for (unsigned c = 0; c < SLAB_NCLASS; c++)
		tc->mags[c].limit = slab_state.classes[c].mag_limit;
	tc->live = 1;
	sync_lock_acquire(&slab_state.tc_lock);
	tc->next = slab_state.tcaches;
	slab_state.tcaches = tc;
	sync_lock_release(&slab_state.tc_lock);
	SLAB_TCACHE_SET(tc);
	(void)sync_thread_exit_hook(slab_tcache_exit, tc);
	return tc;
}

/* The calling thread's own cache, creating it on first use; NULL if it has none. */
static inline struct slab_tcache *slab_tcache_mine(void)
{
	struct slab_tcache *tc = SLAB_TCACHE();
	if (SLAB_UNLIKELY(tc == &slab_state.tc_empty))
		return slab_tcache_create();
	return tc == &slab_state.tc_dead ? NULL : tc;
}

/* Hand `p` to the user: the free key cleared, debug bookkeeping (bit, fill), no tail
 * noted yet (the caller notes one). */
static inline void *slab_handout(void *p, struct slab_cache *c)
{
	(void)c;
	if (!p)
		return NULL;
	slab_key_clear(p);
	if (SLAB_UNLIKELY(slab_fast.debug))
		slab_debug_on_alloc(p, slab_head_of(p));
	if (SLAB_UNLIKELY(slab_state.tails))
		slab_debug_req_clear(p);
	return p;
}

/* The slow allocation path of any cache: previous list, depot, slabs (see the theory
 * statement). `grow` 0 never takes a new slab (zget, kget). NULL when nothing is had. */
void *slab_cache_alloc_slow(struct slab_cache *c, int grow)
{
	if (SLAB_UNLIKELY(!slab_state.ready) && slab_init() != 0)
		return NULL;
	struct slab_tcache *tc = slab_tcache_mine();
	struct slab_mag *m = (tc && c->mag_id != SLAB_MAG_NONE) ? &tc->mags[c->mag_id] : NULL;
	void *p;
	if (m)
		m->limit = c->mag_limit;   /* zones created after this thread's cache */
	if (m && m->head) {
		/* Another path filled the list meanwhile (e.g. a zone's limit refresh). */
		p = m->head;
		m->head = slab_link_decode(p);
		SLAB_SET(m->count, m->count - 1);
		SLAB_SET(m->allocs, m->allocs + 1);
		return slab_handout(p, c);
	}
	if (m && m->prev_count) {
		/* Bonwick: swap the empty loaded magazine with the full previous one. */
		m->head = m->prev;
		SLAB_SET(m->count, m->prev_count);
		m->prev = NULL;
		SLAB_SET(m->prev_count, 0);
		p = m->head;
		m->head = slab_link_decode(p);
		SLAB_SET(m->count, m->count - 1);
		SLAB_SET(m->allocs, m->allocs + 1);
		return slab_handout(p, c);
	}
	sync_lock_acquire(&c->lock);
	size_t slabs = c->nslabs;
	if (m && m->limit) {
		uint32_t n;
		void *list;
		if (c->ndepot) {
			c->ndepot--;
			if (c->depot_low > c->ndepot)
				c->depot_low = c->ndepot;
			list = c->depot[c->ndepot].head;
			n = c->depot[c->ndepot].count;
			c->depot_objs -= n;
		} else {
			n = slab_refill_locked(c, m->limit, grow, &list);
		}
		slabs ^= c->nslabs;
		sync_lock_release(&c->lock);
		if (slabs) {   /* the cache took a slab: walk it (STRATA_DEBUG >= 2) */
			ASSERT_EXPENSIVE(slab_cache_verify(c) == 0);
			slab_decay_pending();
		}
		if (!n)
			return NULL;
		p = list;
		m->head = slab_link_decode(p);
		SLAB_SET(m->count, n - 1);
		SLAB_SET(m->allocs, m->allocs + 1);
		return slab_handout(p, c);
	}
	/* No magazine (debug, caching off, uncached zone, exiting thread): one object. */
	if (!c->ndepot || (p = c->depot[c->ndepot - 1].head) == NULL) {
		p = NULL;
		(void)slab_refill_locked(c, 1, grow, &p);
	} else {
		/* take one from the last depot magazine */
		uint32_t i = c->ndepot - 1;
		c->depot[i].head = c->depot[i].count > 1 ? slab_link_decode(p) : NULL;
		if (--c->depot[i].count == 0)
			c->ndepot--;
		if (c->depot_low > c->ndepot)
			c->depot_low = c->ndepot;
		c->depot_objs--;
	}
	if (p) {
		if (m)
			SLAB_SET(m->allocs, m->allocs + 1);
		else
			c->dead_allocs++;
	}
	slabs ^= c->nslabs;
	sync_lock_release(&c->lock);
	if (slabs) {
		ASSERT_EXPENSIVE(slab_cache_verify(c) == 0);
		slab_decay_pending();
	}
	return slab_handout(p, c);
}

/* Whether p is on an encoded list of cache c's objects starting at head, walking at most
 * `max` links. `racy`: another thread may be changing the list, so each link is read
 * with an atomic load and followed only when it is one of c's objects. */
static int slab_list_has(struct slab_cache *c, void *head, uint32_t max, const void *p, int racy)
{
	void *q = head;
	for (uint32_t k = 0; q && k <= max; k++) {
		if (q == p)
			return 1;
		if (racy) {
			const struct slab *d = slab_lookup(q);
			if (!d || slab_desc_cache(d) != c)
				return 0;
			uintptr_t raw = __atomic_load_n((const uintptr_t *)q, __ATOMIC_RELAXED);
			q = (void *)(raw ^ (SLAB_HARDEN_ENCODE ? slab_fast.secret ^ ((uintptr_t)q >> 4) : 0));
		} else {
			q = slab_link_decode(q);
		}
	}
	return 0;
}

/* Whether object p of cache c is free: the exact check behind the free key (slab_fast.h),
 * run only when p carries its key, so it may be slow. A free object is in exactly one of
 * these places: this thread's magazine lists; the cache's depot or its slab's free list
 * (under the cache lock); another thread's magazine lists (under tc_lock, read while
 * their threads may change them: racy and bounded, every link checked before it is
 * followed). Not found: the user's data happened to equal the key, and p is live. */
int slab_obj_is_free(struct slab_cache *c, void *p)
{
	struct slab_tcache *mine = SLAB_TCACHE();
	int found = 0;
	if (c->mag_id != SLAB_MAG_NONE && mine != &slab_state.tc_empty && mine != &slab_state.tc_dead) {
		const struct slab_mag *m = &mine->mags[c->mag_id];
		found = slab_list_has(c, m->head, m->count, p, 0) || slab_list_has(c, m->prev, m->prev_count, p, 0);
	}
	if (!found) {
		sync_lock_acquire(&c->lock);
		for (uint32_t i = 0; i < c->ndepot && !found; i++)
			found = slab_list_has(c, c->depot[i].head, c->depot[i].count, p, 0);
		if (!found) {
			const struct slab *s = slab_head_of(p);
			found = s->cache == c && slab_list_has(c, s->free, s->capacity, p, 0);
		}
		sync_lock_release(&c->lock);
	}
	if (!found && c->mag_id != SLAB_MAG_NONE) {
		sync_lock_acquire(&slab_state.tc_lock);
		for (struct slab_tcache *tc = slab_state.tcaches; tc && !found; tc = tc->next) {
			if (tc == mine)
				continue;
			struct slab_mag *m = &tc->mags[c->mag_id];
			uint32_t limit = SLAB_GET(m->limit);
			found = slab_list_has(c, __atomic_load_n(&m->head, __ATOMIC_RELAXED), limit, p, 1) ||
			        slab_list_has(c, __atomic_load_n(&m->prev, __ATOMIC_RELAXED), limit, p, 1);
		}
		sync_lock_release(&slab_state.tc_lock);
	}
	return found;
}

/* The slow free path of any cache (p already checked to be one of c's object
 * boundaries): double-free checks, then previous list, depot or slab. */
void slab_cache_free_slow(struct slab_cache *c, void *p)
{
	struct slab_tcache *tc = slab_tcache_mine();
	struct slab_mag *m = (tc && c->mag_id != SLAB_MAG_NONE) ? &tc->mags[c->mag_id] : NULL;
	if (slab_key_is_set(p) && slab_obj_is_free(c, p)) {
		error_report(STRATA_ERR_DOUBLE_FREE, p, "free: %p is already free (double free) in %s of %u-byte objects",
		             p, c->name, c->size);
		return;
	}
	if (SLAB_UNLIKELY(slab_fast.debug) && slab_debug_on_free(p, slab_head_of(p)) != 0)
		return;
	if (SLAB_UNLIKELY(slab_state.tails) && !slab_fast.debug && slab_debug_tail_free(p, slab_head_of(p)) != 0)
		return;
	if (m)
		m->limit = c->mag_limit;
	if (m && m->count < m->limit) {
		*(void **)p = slab_link_encode(p, m->head);
		slab_key_set(p);
		m->head = p;
		SLAB_SET(m->count, m->count + 1);
		SLAB_SET(m->frees, m->frees + 1);
		return;
	}
	if (m && m->limit) {
		/* Loaded list full: it becomes the previous one; a full previous goes to the depot. */
		int deposited = m->prev_count != 0;
		if (deposited) {
			sync_lock_acquire(&c->lock);
			slab_depot_put_locked(c, m->prev, m->prev_count);
			sync_lock_release(&c->lock);
		}
		m->prev = m->head;
		SLAB_SET(m->prev_count, m->count);
		*(void **)p = slab_link_encode(p, NULL);
		slab_key_set(p);
		m->head = p;
		SLAB_SET(m->count, 1);
		SLAB_SET(m->frees, m->frees + 1);
		if (deposited)
			slab_decay_pending();   /* (only once the magazine is whole again: it may flush it) */
		return;
	}
	sync_lock_acquire(&c->lock);
	size_t slabs = c->nslabs;
	slab_put_locked(c, p);
	if (m)
		SLAB_SET(m->frees, m->frees + 1);
	else
		c->dead_frees++;
	slabs ^= c->nslabs;
	sync_lock_release(&c->lock);
	if (slabs)   /* a slab went back to the pool: walk the cache (STRATA_DEBUG >= 2) */
		ASSERT_EXPENSIVE(slab_cache_verify(c) == 0);
	slab_decay_pending();
}

/* Return one magazine's lists to cache c's slabs. */
static size_t slab_mag_flush(struct slab_cache *c, struct slab_mag *m)
{
	if (!m->count && !m->prev_count)
		return 0;
	sync_lock_acquire(&c->lock);
	size_t slabs = c->nslabs;
	slab_put_list_locked(c, m->head, m->count);
	slab_put_list_locked(c, m->prev, m->prev_count);
	slabs -= c->nslabs;   /* slabs that emptied and went back to the pool */
	sync_lock_release(&c->lock);
	m->head = m->prev = NULL;
	SLAB_SET(m->count, 0);
	SLAB_SET(m->prev_count, 0);
	return slabs * c->slab_bytes;
}

/* Flush every magazine of tc; counters are folded into the caches when `fold`. */
static void slab_tcache_flush(struct slab_tcache *tc, int fold)
{
	for (unsigned i = 0; i < SLAB_NCLASS; i++) {
		slab_mag_flush(&slab_state.classes[i], &tc->mags[i]);
		if (fold) {
			sync_lock_acquire(&slab_state.classes[i].lock);
			slab_state.classes[i].dead_allocs += tc->mags[i].allocs;
			slab_state.classes[i].dead_frees += tc->mags[i].frees;
			sync_lock_release(&slab_state.classes[i].lock);
		}
	}
	sync_lock_acquire(&slab_state.tc_lock);
	for (unsigned s = 0; s < slab_state.nslots; s++) {
		struct slab_mag *m = &tc->mags[SLAB_NCLASS + s];
		struct slab_cache *c = slab_state.slots[s];
		if (!c) {
			/* A destroyed zone: its slabs are gone, drop the list unread. */
			m->head = m->prev = NULL;
			SLAB_SET(m->count, 0);
		SLAB_SET(m->prev_count, 0);
			continue;
		}
		slab_mag_flush(c, m);
		if (fold) {
			sync_lock_acquire(&c->lock);
			c->dead_allocs += m->allocs;
			c->dead_frees += m->frees;
			sync_lock_release(&c->lock);
		}
	}
	sync_lock_release(&slab_state.tc_lock);
}

/* Thread exit: return the thread's objects, retire its cache for reuse. */
static void slab_tcache_exit(void *arg)
{
	struct slab_tcache *tc = arg;
	slab_tcache_flush(tc, 1);
	SLAB_TCACHE_SET(&slab_state.tc_dead);
	sync_lock_acquire(&slab_state.tc_lock);
	for (struct slab_tcache **pp = &slab_state.tcaches; *pp; pp = &(*pp)->next) {
		if (*pp == tc) {
			*pp = tc->next;
			break;
		}
	}
	slab_calls_fold_locked(tc);
	tc->live = 0;
	tc->next = slab_state.tc_free;
	slab_state.tc_free = tc;
	sync_lock_release(&slab_state.tc_lock);
}

/* Return the calling thread's cached objects to their slabs (tests, trim). */
void slab_thread_flush(void)
{
	struct slab_tcache *tc = SLAB_TCACHE();
	if (tc != &slab_state.tc_empty && tc != &slab_state.tc_dead)
		slab_tcache_flush(tc, 0);
}

/* Return the calling thread's magazine for cache c to its slabs; the bytes of slabs that
 * went back to the pool as they emptied. */
size_t slab_cache_flush_mine(struct slab_cache *c)
{
	struct slab_tcache *tc = SLAB_TCACHE();
	size_t bytes = 0;
	if (tc != &slab_state.tc_empty && tc != &slab_state.tc_dead && c->mag_id != SLAB_MAG_NONE) {
		bytes = slab_mag_flush(c, &tc->mags[c->mag_id]);
		tc->mags[c->mag_id].limit = c->mag_limit;   /* it may have changed (zone_change) */
	}
	return bytes;
}

/* Empty cache c's depot into its slabs and, when it is collectable, give its empty slabs
 * to the pool; returns the bytes of slabs given back. */
size_t slab_cache_reclaim(struct slab_cache *c)
{
	size_t bytes = 0;
	sync_lock_acquire(&c->lock);
	c->depot_low = 0;
	while (c->ndepot) {
		c->ndepot--;
		slab_put_list_locked(c, c->depot[c->ndepot].head, c->depot[c->ndepot].count);
	}
	c->depot_objs = 0;
	while (c->collectable && c->empty) {
		struct slab *s = c->empty;
		slab_list_remove_locked(c, s);
		c->nslabs--;
		bytes += c->slab_bytes;
		slab_give_back(c, s);
	}
	sync_lock_release(&c->lock);
	ASSERT_EXPENSIVE(slab_cache_verify(c) == 0);
	return bytes;
}

/* Purge the pages of free object p (on its slab's free list) that lie wholly inside it
 * past the words the free list keeps (link, key, purge state); returns the bytes. */
static size_t slab_obj_purge(struct slab_cache *c, void *p)
{
	uintptr_t page = core_page_size(), a = (uintptr_t)p;
	uintptr_t lo = (a + (SLAB_PURGE_WORD + 1) * sizeof(uintptr_t) + page - 1) & ~(page - 1);
	uintptr_t hi = (a + c->size) & ~(page - 1);
	((uintptr_t *)p)[SLAB_PURGE_WORD] = SLAB_OBJ_PURGED;
	if (hi <= lo)
		return 0;
	core_pages_purge((void *)lo, hi - lo);
	return hi - lo;
}

/* The free objects of a big cache's partial slabs: each decay step ages the fresh ones
 * and purges the pages inside those already aged (`now`: purge every one at once). Cache
 * lock held; returns the bytes purged. */
static size_t slab_cache_purge_free_locked(struct slab_cache *c, int now)
{
	ASSERT(sync_lock_held(&c->lock));
	size_t bytes = 0;
	for (struct slab *s = c->partial; s; s = s->next) {
		for (void *p = s->free; p; p = slab_link_decode(p)) {
			uintptr_t *state = &((uintptr_t *)p)[SLAB_PURGE_WORD];
			if (*state == SLAB_OBJ_PURGED)
				continue;
			if (*state == SLAB_OBJ_AGED || now)
				bytes += slab_obj_purge(c, p);
			else
				*state = SLAB_OBJ_AGED;
		}
	}
	return bytes;
}

/* A decay step over one collectable cache (lock held): depot magazines unused through the
 * period go back to the slabs; empty slabs that were already on the empty list at the
 * previous step go back to the pool (Mach's zone_gc, run by the pageout daemon once a
 * second: strata's decay), the others are marked; a big cache's free objects age and
 * have their inner pages purged. Returns the bytes given back. */
static size_t slab_cache_decay_locked(struct slab_cache *c)
{
	ASSERT(sync_lock_held(&c->lock));
	size_t bytes = 0;
	/* Depot magazines no thread took since the last step go back to their slabs (the
	 * oldest ones, at the bottom), which may empty slabs for the lines below. */
	uint32_t idle = c->depot_low < c->ndepot ? c->depot_low : c->ndepot;
	for (uint32_t i = 0; i < idle; i++) {
		c->depot_objs -= c->depot[i].count;
		slab_put_list_locked(c, c->depot[i].head, c->depot[i].count);
	}
	for (uint32_t i = idle; i < c->ndepot; i++)
		c->depot[i - idle] = c->depot[i];
	c->ndepot -= idle;
	c->depot_low = c->ndepot;
	for (struct slab *s = c->empty, *next; s; s = next) {
		next = s->next;
		if (!s->aged) {
			s->aged = 1;
			continue;
		}
		slab_list_remove_locked(c, s);
		c->nslabs--;
		bytes += c->slab_bytes;
		slab_give_back_as(c, s, 1);
	}
	if (slab_cache_big(c))
		bytes += slab_cache_purge_free_locked(c, 0);
	return bytes;
}

/* One step of the time decay (call every OPT_PURGE_DECAY ms; slab.h): the calling thread's
 * magazines flushed, the collectable caches' idle depot magazines, aged empty slabs and
 * free big objects, then the pool's aged free units and kept large blocks. Memory freed stays resident between D and 2D ms (a slab that empties
 * between 2D and 3D: it goes to the pool, then is purged). Returns the bytes. */
size_t slab_decay_step(void)
{
	size_t bytes = 0;
	if (!__atomic_load_n(&slab_state.ready, __ATOMIC_ACQUIRE))
		return 0;
	slab_thread_flush();   /* the caller's cached objects: back to their slabs */
	sync_lock_acquire(&slab_state.tc_lock);
	for (struct slab_cache *c = slab_state.all; c; c = c->all_next) {
		if (!c->collectable)
			continue;
		sync_lock_acquire(&c->lock);
		bytes += slab_cache_decay_locked(c);
		sync_lock_release(&c->lock);
	}
	sync_lock_release(&slab_state.tc_lock);
	return bytes + slab_pool_decay();
}

/* Run a decay step that the pool or the large blocks found due (slab_page.c), here where
 * no engine lock is held. */
void slab_decay_pending(void)
{
	if (SLAB_UNLIKELY(atomic_load_explicit(&slab_state.decay_due, memory_order_relaxed)) &&
	    atomic_exchange_explicit(&slab_state.decay_due, 0, memory_order_acquire))
		(void)slab_decay_step();
}

/* Give empty slabs and cached pages back to the core, and purge what stays free, at once
 * (malloc_trim): the calling thread's magazines, every collectable cache's depot, empty
 * slabs and free big objects' inner pages, the kept large blocks, the pool down to
 * keep_bytes. Returns the bytes released or purged. */
size_t slab_trim(size_t keep_bytes)
{
	if (!slab_state.ready)
		return 0;
	slab_thread_flush();
	size_t bytes = 0;
	sync_lock_acquire(&slab_state.tc_lock);
	for (struct slab_cache *c = slab_state.all; c; c = c->all_next) {
		bytes += slab_cache_reclaim(c);
		if (c->collectable && slab_cache_big(c)) {
			sync_lock_acquire(&c->lock);
			bytes += slab_cache_purge_free_locked(c, 1);
			sync_lock_release(&c->lock);
		}
	}
	sync_lock_release(&slab_state.tc_lock);
	bytes += slab_large_cache_drop();
	bytes += slab_pool_purge(keep_bytes);
	return bytes + core_pages_trim();   /* the core's freed heap ranges (keep_bytes is the pool's) */
}

/* Whether cache c has as many objects out as its limit allows. */
int slab_cache_at_limit(struct slab_cache *c)
{
	sync_lock_acquire(&c->lock);
	int at = c->objs_out >= c->limit_objs;
	sync_lock_release(&c->lock);
	return at;
}

/* Objects of cache c in users' hands (exact when other threads are quiescent), and the
 * allocation and free counts of all threads. */
size_t slab_cache_in_use(struct slab_cache *c, unsigned long *allocs, unsigned long *frees)
{
	size_t cached = 0;
	unsigned long a = 0, f = 0;
	sync_lock_acquire(&slab_state.tc_lock);
	if (c->mag_id != SLAB_MAG_NONE) {
		for (struct slab_tcache *tc = slab_state.tcaches; tc; tc = tc->next) {
			const struct slab_mag *m = &tc->mags[c->mag_id];
			cached += (size_t)SLAB_GET(m->count) + SLAB_GET(m->prev_count);
			a += SLAB_GET(m->allocs);
			f += SLAB_GET(m->frees);
		}
	}
	sync_lock_acquire(&c->lock);
	size_t out = c->objs_out - c->depot_objs;
	a += c->dead_allocs;
	f += c->dead_frees;
	sync_lock_release(&c->lock);
	sync_lock_release(&slab_state.tc_lock);
	if (allocs)
		*allocs = a;
	if (frees)
		*frees = f;
	return out > cached ? out - cached : 0;
}

/* Empty magazine `id` of a thread cache, dropping its objects unread (their cache is
 * being retired and every slab of it goes back; tc_lock held). Its limit goes to 0, so the
 * next zone to get the slot starts on its slow path, which sets its own limit. */
static void slab_mag_drop(struct slab_tcache *tc, unsigned id)
{
	struct slab_mag *m = &tc->mags[id];
	m->head = m->prev = NULL;
	SLAB_SET(m->count, 0);
	SLAB_SET(m->prev_count, 0);
	SLAB_SET(m->limit, 0);
	SLAB_SET(m->allocs, 0);
	SLAB_SET(m->frees, 0);
}

/* Retire cache c (zdestroy): unregister it, empty its magazine in every thread cache
 * (the calling thread's, other live threads', and exited threads' pooled ones) so that
 * its slot can serve the next zone, give every slab of it back to the pool. Another
 * thread may be using its magazine only if it is still calling the destroyed zone:
 * misuse (the zone's magic is gone, so its calls are refused). */
void slab_cache_retire(struct slab_cache *c)
{
	sync_lock_acquire(&slab_state.tc_lock);
	if (c->mag_id != SLAB_MAG_NONE) {
		for (struct slab_tcache *tc = slab_state.tcaches; tc; tc = tc->next)
			slab_mag_drop(tc, c->mag_id);
		for (struct slab_tcache *tc = slab_state.tc_free; tc; tc = tc->next)
			slab_mag_drop(tc, c->mag_id);
		slab_state.slots[c->mag_id - SLAB_NCLASS] = NULL;   /* free for the next zone */
	}
	for (struct slab_cache **pp = &slab_state.all; *pp; pp = &(*pp)->all_next) {
		if (*pp == c) {
			*pp = c->all_next;
			break;
		}
	}
	sync_lock_release(&slab_state.tc_lock);
	sync_lock_acquire(&c->lock);
	c->ndepot = 0;
	c->depot_low = 0;
	c->depot_objs = 0;
	c->partial = c->empty = NULL;
	c->nempty = 0;
	sync_lock_release(&c->lock);
	/* Full slabs are on no list: find every slab of c through the segment headers. */
	sync_lock_acquire(&slab_state.pool_lock);
	struct slab *found[SLAB_UNITS];
	for (struct slab_segment *seg = slab_state.segs; seg; ) {
		unsigned n = 0;
		for (unsigned u = 1; u < SLAB_UNITS; u++) {
			if (seg->slabs[u].kind == SLAB_UNIT_HEAD && seg->slabs[u].cache == c)
				found[n++] = &seg->slabs[u];
		}
		struct slab_segment *next = seg->next;
		if (n) {
			/* slab_pool_give takes pool_lock and may release this segment. */
			sync_lock_release(&slab_state.pool_lock);
			for (unsigned i = 0; i < n; i++)
				slab_give_back(c, found[i]);
			sync_lock_acquire(&slab_state.pool_lock);
			next = slab_state.segs;   /* the list may have changed: start over */
		}
		seg = next;
	}
	sync_lock_release(&slab_state.pool_lock);
	c->nslabs = 0;
	c->objs_out = 0;
}

/* The owning cache's name, for messages. */
const char *slab_desc_name(const struct slab *d)
{
	return d->cache && d->cache->name ? d->cache->name : "?";
}

/* slab_obj_free past the magazine push: the owning cache's slow path. */
void slab_obj_free_slow(const struct slab *d, void *p)
{
	slab_cache_free_slow(d->cache, p);
}

/* The largest object a cache can hold: every unit of a segment but the header's. */
size_t slab_cache_max_size(void)
{
	return (size_t)(SLAB_UNITS - 1) * SLAB_UNIT_SIZE;
}

/* Raise cache c's limit to `objs` objects out when it is at most `if_at_most`. */
int slab_cache_limit_raise(struct slab_cache *c, size_t if_at_most, size_t objs)
{
	int raised = 0;
	sync_lock_acquire(&c->lock);
	if (c->objs_out >= c->limit_objs && c->limit_objs <= if_at_most) {
		c->limit_objs = objs;
		raised = 1;
	}
	sync_lock_release(&c->lock);
	return raised;
}

/* Set cache c's limit of objects out. */
void slab_cache_limit_set(struct slab_cache *c, size_t objs)
{
	sync_lock_acquire(&c->lock);
	c->limit_objs = objs;
	sync_lock_release(&c->lock);
}

/* How cache c gives memory back: empty slabs kept, and whether reclaim gives them back. */
void slab_cache_keep_set(struct slab_cache *c, size_t keep_empty, int collectable)
{
	sync_lock_acquire(&c->lock);
	c->keep_empty = keep_empty;
	c->collectable = (uint8_t)(collectable != 0);
	sync_lock_release(&c->lock);
}

/* Set cache c's magazine size. */
void slab_cache_mag_limit_set(struct slab_cache *c, uint32_t limit)
{
	sync_lock_acquire(&c->lock);
	c->mag_limit = limit;
	sync_lock_release(&c->lock);
}

/* Slab bytes held by cache c, and the number of slabs. */
size_t slab_cache_held(struct slab_cache *c, size_t *slabs)
{
	sync_lock_acquire(&c->lock);
	size_t n = c->nslabs, bytes = n * (size_t)c->slab_bytes;
	sync_lock_release(&c->lock);
	if (slabs)
		*slabs = n;
	return bytes;
}

/* Objects of slab s ever handed out: [start, bump). */
void slab_carved_range(const struct slab *s, uintptr_t *first, uintptr_t *end)
{
	*first = s->start;
	*end = s->bump;
}

/* Usage figures summed over every cache (other threads' magazines read racily). */
void slab_usage_get(struct slab_usage *out)
{
	__builtin_memset(out, 0, sizeof(*out));
	if (!__atomic_load_n(&slab_state.ready, __ATOMIC_ACQUIRE))
		return;
	sync_lock_acquire(&slab_state.tc_lock);
	for (struct slab_cache *c = slab_state.all; c; c = c->all_next) {
		size_t cached = 0;
		if (c->mag_id != SLAB_MAG_NONE) {
			for (struct slab_tcache *tc = slab_state.tcaches; tc; tc = tc->next)
				cached += (size_t)SLAB_GET(tc->mags[c->mag_id].count) +
				          SLAB_GET(tc->mags[c->mag_id].prev_count);
		}
		sync_lock_acquire(&c->lock);
		size_t out_objs = c->objs_out - c->depot_objs;
		size_t in_use = out_objs > cached ? out_objs - cached : 0;
		out->small_in_use += in_use * c->size;
		out->small_free += (c->nslabs * (size_t)c->capacity - in_use) * c->size;
		out->small_slabs += c->nslabs;
		sync_lock_release(&c->lock);
	}
	sync_lock_release(&slab_state.tc_lock);
	slab_pool_usage(out);
}


/* fork: take every engine lock in the documented order. */
void slab_fork_prepare(void)
{
	sync_lock_acquire(&slab_state.init_lock);
	sync_lock_acquire(&slab_state.tc_lock);
	for (struct slab_cache *c = slab_state.all; c; c = c->all_next)
		sync_lock_acquire(&c->lock);
	slab_pool_fork_prepare();
}

/* fork, parent side: release them. */
void slab_fork_parent(void)
{
	slab_pool_fork_parent();
	for (struct slab_cache *c = slab_state.all; c; c = c->all_next)
		sync_lock_release(&c->lock);
	sync_lock_release(&slab_state.tc_lock);
	sync_lock_release(&slab_state.init_lock);
}

/* fork, child side: fresh locks; only the forking thread's cache stays registered. */
void slab_fork_child(void)
{
	slab_pool_fork_child();
	for (struct slab_cache *c = slab_state.all; c; c = c->all_next)
		sync_lock_init(&c->lock);
	sync_lock_init(&slab_state.tc_lock);
	sync_lock_init(&slab_state.init_lock);
	struct slab_tcache *tc = SLAB_TCACHE();
	sync_lock_acquire(&slab_state.tc_lock);
	for (struct slab_tcache *t = slab_state.tcaches; t; t = t->next)
		if (t != tc)
			slab_calls_fold_locked(t);   /* the vanished threads' calls stay counted */
	sync_lock_release(&slab_state.tc_lock);
	slab_state.tcaches = NULL;
	if (tc->live) {
		tc->next = NULL;
		slab_state.tcaches = tc;
	}
}

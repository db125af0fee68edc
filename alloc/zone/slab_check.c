/*
 * alloc/zone/slab_check.c: the slab engine's debugging aids, consistency walk, usage
 * figures and fork handling (theory: alloc/zone/slab.c).
 *
 * Debug bitmaps (STRATA_DEBUG >= 1): bit i of a slab's words in its segment header is set
 * while object i is in a user's hands. Allocation sets it (already set: the free lists
 * are corrupt), free clears it (already clear: a double free). Atomic or/and, because two
 * threads may flip bits of the same word. A unit has at most 2^16 / 16 = 4096 objects,
 * 64 words; a slab of k units uses the k units' words, which are contiguous.
 */
#include "alloc/zone/slab_impl.h"

#include "alloc/core.h"
#include "alloc/error.h"

/* Fill bytes in debug mode: 0xa5 on allocation, 0xdd on free (recognisable in a dump). */
#define SLAB_FILL_ALLOC 0xa5
#define SLAB_FILL_FREE 0xdd
#define SLAB_FILL_REDZONE 0xfd
/* Side table of request sizes: one entry per 16 bytes of a segment. */
#define SLAB_REQ_BYTES ((SLAB_SEG_SIZE / SLAB_MIN_OBJ) * sizeof(uint16_t))

/* The bitmap word and bit of object p in slab s (head descriptor). */
static _Atomic uint64_t *slab_bit_of(const void *p, const struct slab *s, uint64_t *bit)
{
	struct slab_segment *seg = (struct slab_segment *)(s->start & ~(SLAB_SEG_SIZE - 1));
	unsigned u = (unsigned)((s->start >> SLAB_UNIT_SHIFT) & (SLAB_UNITS - 1));
	uintptr_t idx = (((uintptr_t)p - s->start) * s->recip) >> SLAB_RECIP_SHIFT;
	*bit = (uint64_t)1 << (idx & 63);
	return &seg->bits[u][0] + (idx >> 6);
}

static _Atomic uint16_t *slab_req_entry(const void *p, int make);

/* Debug: object p goes to a user; mark it and fill it. */
void slab_debug_on_alloc(void *p, struct slab *s)
{
	uint64_t bit;
	_Atomic uint64_t *w = slab_bit_of(p, s, &bit);
	if (atomic_fetch_or_explicit(w, bit, memory_order_relaxed) & bit)
		error_report(STRATA_ERR_CORRUPT, p, "alloc: %p handed out twice: the free lists of %s are corrupt",
		             p, s->cache ? s->cache->name : "?");
	__builtin_memset(p, SLAB_FILL_ALLOC, s->size);
	if (slab_state.debug >= 2) {
		_Atomic uint16_t *e = slab_req_entry(p, 0);
		if (e)
			atomic_store_explicit(e, 0, memory_order_relaxed);   /* no redzone unless noted */
	}
}

/* The side-table entry of object p (debug >= 2), creating the table when `make`. */
static _Atomic uint16_t *slab_req_entry(const void *p, int make)
{
	struct slab_segment *seg = (struct slab_segment *)((uintptr_t)p & ~(SLAB_SEG_SIZE - 1));
	uint16_t *t = atomic_load_explicit(&seg->req, memory_order_acquire);
	if (!t && make) {
		uint16_t *fresh = core_pages_alloc(SLAB_REQ_BYTES, 0);
		if (!fresh)
			return NULL;
		__builtin_memset(fresh, 0, SLAB_REQ_BYTES);
		if (atomic_compare_exchange_strong(&seg->req, &t, fresh))
			t = fresh;
		else
			core_pages_free(fresh, SLAB_REQ_BYTES);
	}
	if (!t)
		return NULL;
	return (_Atomic uint16_t *)&t[((uintptr_t)p & (SLAB_SEG_SIZE - 1)) / SLAB_MIN_OBJ];
}

/* Debug >= 2: note that object p was asked for `size` bytes; fill the slack (redzone). */
void slab_debug_note_size(void *p, size_t size)
{
	struct slab *d = slab_lookup(p);
	if (!d)
		return;
	_Atomic uint16_t *e = slab_req_entry(p, size < d->size);
	if (!e)
		return;
	if (size >= d->size) {
		atomic_store_explicit(e, 0, memory_order_relaxed);   /* no slack: no redzone */
		return;
	}
	atomic_store_explicit(e, (uint16_t)(size + 1), memory_order_relaxed);
	__builtin_memset((char *)p + size, SLAB_FILL_REDZONE, d->size - size);
}

/* Debug >= 2: the size noted for object p, 0 when none. */
size_t slab_debug_size(const void *p)
{
	_Atomic uint16_t *e = slab_req_entry(p, 0);
	uint16_t v = e ? atomic_load_explicit(e, memory_order_relaxed) : 0;
	return v ? (size_t)v - 1 : 0;
}

/* A segment goes back to the core: its side table too. */
void slab_debug_seg_release(struct slab_segment *seg)
{
	uint16_t *t = atomic_exchange(&seg->req, NULL);
	if (t)
		core_pages_free(t, SLAB_REQ_BYTES);
}

/* Debug: object p comes back; -1 (after reporting) when it was not in a user's hands.
 * Debug >= 2: its redzone must be intact. */
int slab_debug_on_free(void *p, struct slab *s)
{
	uint64_t bit;
	_Atomic uint64_t *w = slab_bit_of(p, s, &bit);
	if (!(atomic_fetch_and_explicit(w, ~bit, memory_order_relaxed) & bit)) {
		error_report(STRATA_ERR_DOUBLE_FREE, p, "free: %p is already free (double free) in %s of %u-byte objects",
		             p, s->cache ? s->cache->name : "?", s->size);
		return -1;
	}
	if (slab_state.debug >= 2) {
		_Atomic uint16_t *e = slab_req_entry(p, 0);
		uint16_t v = e ? atomic_exchange_explicit(e, 0, memory_order_relaxed) : 0;
		for (size_t i = v ? (size_t)v - 1 : s->size; i < s->size; i++) {
			if (((unsigned char *)p)[i] != SLAB_FILL_REDZONE) {
				error_report(STRATA_ERR_CORRUPT, p,
				             "free: %p: redzone damaged at offset %zu (%zu bytes were asked for, object of %s)",
				             p, i, (size_t)v - 1, s->cache ? s->cache->name : "?");
				break;
			}
		}
	}
	__builtin_memset(p, SLAB_FILL_FREE, s->size);
	return 0;
}

/* Whether q is a carved object of slab s. */
static int slab_obj_in(const struct slab *s, uintptr_t q)
{
	uintptr_t off = q - s->start;
	return off < s->span && q < s->bump && ((off * s->recip) >> SLAB_RECIP_SHIFT) * s->size == off;
}

/* Length of the encoded free list of slab s, or -1 when a link leaves the slab. */
static long slab_free_len(const struct slab *s)
{
	long n = 0;
	for (void *q = s->free; q; q = slab_link_decode(q)) {
		if (!slab_obj_in(s, (uintptr_t)q) || n > (long)s->capacity)
			return -1;
		n++;
	}
	return n;
}

/* Check one slab of cache c on list `which`; 0 when sound. */
static int slab_check_slab(struct slab_cache *c, struct slab *s, int which)
{
	long nfree = slab_free_len(s);
	uintptr_t uncarved = (s->start + (uintptr_t)s->capacity * c->size - s->bump) / c->size;
	if (s->kind != SLAB_UNIT_HEAD || s->cache != c || s->list != which || nfree < 0 ||
	    s->inuse + (uintptr_t)nfree + uncarved != s->capacity ||
	    (which == SLAB_LIST_EMPTY && s->inuse != 0) ||
	    (which == SLAB_LIST_PARTIAL && (s->inuse == 0 || (nfree == 0 && uncarved == 0)))) {
		error_report(STRATA_ERR_CORRUPT, (void *)s->start,
		             "slab_verify: slab %p of %s (%u-byte objects): kind %u list %u/%d inuse %u free %ld uncarved %lu capacity %u",
		             (void *)s->start, c->name, c->size, (unsigned)s->kind, (unsigned)s->list, which,
		             s->inuse, nfree, (unsigned long)uncarved, s->capacity);
		return -1;
	}
	return 0;
}

/* Walk an encoded list of n objects that must all belong to cache c; 0 when sound. */
static int slab_check_list(struct slab_cache *c, void *head, uint32_t n, const char *what)
{
	uint32_t k = 0;
	for (void *q = head; q && k <= n; q = slab_link_decode(q), k++) {
		struct slab *d = slab_lookup(q);
		if (!d || d->cache != c) {
			error_report(STRATA_ERR_CORRUPT, q, "slab_verify: %p on a %s of %s is not one of its objects",
			             q, what, c->name);
			return -1;
		}
	}
	if (k != n) {
		error_report(STRATA_ERR_CORRUPT, head, "slab_verify: a %s of %s holds %u objects, counted %u",
		             what, c->name, k, n);
		return -1;
	}
	return 0;
}

/* Check cache c: its lists, counts and depot; 0 when sound. */
int slab_cache_verify(struct slab_cache *c)
{
	int bad = 0;
	size_t listed = 0, listed_inuse = 0, nempty = 0, depot = 0;
	sync_lock_acquire(&c->lock);
	for (struct slab *s = c->partial; s && !bad; s = s->next, listed++) {
		bad |= slab_check_slab(c, s, SLAB_LIST_PARTIAL);
		listed_inuse += s->inuse;
	}
	for (struct slab *s = c->empty; s && !bad; s = s->next, listed++, nempty++)
		bad |= slab_check_slab(c, s, SLAB_LIST_EMPTY);
	for (uint32_t i = 0; i < c->ndepot && !bad; i++) {
		bad |= slab_check_list(c, c->depot[i].head, c->depot[i].count, "depot magazine");
		depot += c->depot[i].count;
	}
	if (!bad && (nempty != c->nempty || depot != c->depot_objs || listed > c->nslabs ||
	             c->objs_out != listed_inuse + (c->nslabs - listed) * c->capacity)) {
		error_report(STRATA_ERR_CORRUPT, c, "slab_verify: %s (%u-byte objects): counts disagree: "
		             "%zu slabs (%zu listed), %zu empty (%zu counted), %zu objects out, depot %zu (%zu counted)",
		             c->name, c->size, c->nslabs, listed, c->nempty, nempty, c->objs_out, c->depot_objs, depot);
		bad = 1;
	}
	sync_lock_release(&c->lock);
	return bad ? -1 : 0;
}

/* Consistency walk over every slab, depot and the caller's magazines. */
int slab_verify(void)
{
	int bad = 0;
	if (!__atomic_load_n(&slab_state.ready, __ATOMIC_ACQUIRE))
		return 0;
	bad |= slab_pool_verify();
	sync_lock_acquire(&slab_state.tc_lock);
	for (struct slab_cache *c = slab_state.all; c; c = c->all_next)
		bad |= slab_cache_verify(c);
	struct slab_tcache *tc = SLAB_TCACHE();
	if (tc->live) {
		for (unsigned i = 0; i < SLAB_NCLASS + slab_state.nslots; i++) {
			struct slab_cache *c = i < SLAB_NCLASS ? &slab_state.classes[i] : slab_state.slots[i - SLAB_NCLASS];
			struct slab_mag *m = &tc->mags[i];
			if (!c || (!m->count && !m->prev_count))
				continue;
			bad |= slab_check_list(c, m->head, m->count, "thread magazine");
			bad |= slab_check_list(c, m->prev, m->prev_count, "thread magazine");
		}
	}
	sync_lock_release(&slab_state.tc_lock);
	return bad ? -1 : 0;
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
	sync_lock_acquire(&slab_state.large_lock);
	out->large_in_use = slab_state.large_bytes;
	out->large_blocks = slab_state.large_count;
	sync_lock_release(&slab_state.large_lock);
	sync_lock_acquire(&slab_state.pool_lock);
	out->mapped = __atomic_load_n(&slab_state.mapped, __ATOMIC_RELAXED);
	out->peak_mapped = __atomic_load_n(&slab_state.peak, __ATOMIC_RELAXED);
	sync_lock_release(&slab_state.pool_lock);
}

/* fork: take every engine lock in the documented order. */
void slab_fork_prepare(void)
{
	sync_lock_acquire(&slab_state.init_lock);
	sync_lock_acquire(&slab_state.tc_lock);
	for (struct slab_cache *c = slab_state.all; c; c = c->all_next)
		sync_lock_acquire(&c->lock);
	sync_lock_acquire(&slab_state.pool_lock);
	sync_lock_acquire(&slab_state.large_lock);
}

/* fork, parent side: release them. */
void slab_fork_parent(void)
{
	sync_lock_release(&slab_state.large_lock);
	sync_lock_release(&slab_state.pool_lock);
	for (struct slab_cache *c = slab_state.all; c; c = c->all_next)
		sync_lock_release(&c->lock);
	sync_lock_release(&slab_state.tc_lock);
	sync_lock_release(&slab_state.init_lock);
}

/* fork, child side: fresh locks; only the forking thread's cache stays registered. */
void slab_fork_child(void)
{
	sync_lock_init(&slab_state.large_lock);
	sync_lock_init(&slab_state.pool_lock);
	for (struct slab_cache *c = slab_state.all; c; c = c->all_next)
		sync_lock_init(&c->lock);
	sync_lock_init(&slab_state.tc_lock);
	sync_lock_init(&slab_state.init_lock);
	struct slab_tcache *tc = SLAB_TCACHE();
	slab_state.tcaches = NULL;
	if (tc->live) {
		tc->next = NULL;
		slab_state.tcaches = tc;
	}
}

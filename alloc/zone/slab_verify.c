/*
 * alloc/zone/slab_verify.c: the slab engine's consistency walk (theory and invariants:
 * alloc/zone/slab.c). It sits above slab.c, slab_page.c and slab_debug.c and only reads
 * what they keep: every slab of every cache against its counts and lists, every depot
 * magazine and the caller's own magazines, then the pool (slab_pool_verify).
 */
#include "alloc/zone/slab_impl.h"

#include "alloc/error.h"

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


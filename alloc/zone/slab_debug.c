/*
 * alloc/zone/slab_debug.c: the slab engine's debugging aids (theory: alloc/zone/slab.c).
 * It sits below slab_page.c and slab.c, which call it, and calls neither; it keeps the
 * only copy of the fill bytes.
 *
 * Debug bitmaps (STRATA_DEBUG >= 1): bit i of a slab's words in its segment header is set
 * while object i is in a user's hands. Allocation sets it (already set: the free lists
 * are corrupt), free clears it (already clear: a double free). Atomic or/and, because two
 * threads may flip bits of the same word. A unit has at most 2^16 / 16 = 4096 objects,
 * 64 words; a slab of k units uses the k units' words, which are contiguous.
 *
 * Request sizes and tails (STRATA_DEBUG >= 2, or STRATA_CANARY: slab_state.tails): a
 * side table per segment, one 16-bit entry per 16 bytes (128 KiB, made on first use),
 * holds each noted object's requested size + 1; the bytes past it, up to the object's end,
 * are its tail: filled on allocation and checked on free and realloc. The tail is a
 * redzone of SLAB_FILL_REDZONE bytes, or with STRATA_CANARY a canary keyed by the
 * per-process secret and the address (at least SLAB_CANARY_MIN bytes: slab_alloc.c asks
 * that much more). Page blocks keep their request in the large table and have the same
 * tail, up to their guard page when they have one. So every option's check holds with
 * the others on: the canary sits at the block's end, next to the guard page, and is the
 * redzone.
 */
#include "alloc/zone/slab_impl.h"

#include "alloc/core.h"
#include "alloc/error.h"

/* Fill bytes in debug mode: 0xa5 on allocation, 0xdd on free, 0xfd in the redzone
 * (recognisable in a dump). */
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
}

/* Debug: whether object p of slab s is in a user's hands (its bit is set). */
int slab_debug_is_live(const void *p, const struct slab *s)
{
	uint64_t bit;
	_Atomic uint64_t *w = slab_bit_of(p, s, &bit);
	return (atomic_load_explicit(w, memory_order_relaxed) & bit) != 0;
}

/* The side-table entry of object p (tails), creating the table when `make`. */
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

/* The tail pattern of the block at p, eight bytes to a word: with STRATA_CANARY a word
 * derived from the per-process canary key and the block's address (not guessable, not
 * the same from one block to the next); otherwise SLAB_FILL_REDZONE repeated. Byte i of
 * the tail is byte (i & 7) of it. */
static inline uint64_t slab_tail_word(const void *p)
{
	if (!slab_state.canary)
		return 0x0101010101010101ull * SLAB_FILL_REDZONE;
	uint64_t w = (uint64_t)(slab_state.canary_key ^ ((uintptr_t)p * 0x9e3779b97f4a7c15ull));
	return w ^ (w >> 29);
}

/* Fill bytes [req, end) of the block at p (its tail: a redzone, a canary): byte by byte to
 * the next multiple of 8, then a word at a time (little endian: byte i of an aligned word
 * is byte i & 7 of the pattern), then the last bytes. */
void slab_tail_fill(void *p, size_t req, size_t end)
{
	unsigned char *b = p;
	uint64_t w = slab_tail_word(p);
	size_t i = req;
	for (; i < end && (i & 7); i++)
		b[i] = (unsigned char)(w >> (8 * (i & 7)));
	for (; i + 8 <= end; i += 8)
		__builtin_memcpy(b + i, &w, 8);
	for (; i < end; i++)
		b[i] = (unsigned char)(w >> (8 * (i & 7)));
}

/* Check the tail [req, end) of the block at p; 0 when intact, else one report naming the
 * pointer, the call and the first damaged offset, and -1. Whole words are compared where
 * the tail has them; the bytes are looked at one by one only to find a difference. */
int slab_tail_check(void *p, size_t req, size_t end, const char *call)
{
	const unsigned char *b = p;
	uint64_t w = slab_tail_word(p);
	size_t i = req;
	for (; i < end && (i & 7); i++)
		if (b[i] != (unsigned char)(w >> (8 * (i & 7))))
			break;
	for (; i + 8 <= end && !(i & 7); i += 8) {
		uint64_t v;
		__builtin_memcpy(&v, b + i, 8);
		if (v != w)
			break;
	}
	for (; i < end; i++) {
		if (b[i] != (unsigned char)(w >> (8 * (i & 7)))) {
			error_report(STRATA_ERR_CORRUPT, p,
			             "%s: %p: %s after the %zu requested bytes damaged at offset %zu (heap overflow)",
			             call, p, slab_state.canary ? "canary (redzone)" : "redzone", req, i);
			return -1;
		}
	}
	return 0;
}

/* Tails: note that object p was asked for `size` bytes and fill the rest of the object
 * (its tail) with the pattern; a size that fills the object leaves no note. */
void slab_debug_note_size(void *p, size_t size)
{
	struct slab *d = slab_lookup(p);
	if (!d || !slab_state.tails)
		return;
	_Atomic uint16_t *e = slab_req_entry(p, size < d->size);
	if (!e)
		return;
	if (size >= d->size) {
		atomic_store_explicit(e, 0, memory_order_relaxed);   /* no slack: no tail */
		return;
	}
	atomic_store_explicit(e, (uint16_t)(size + 1), memory_order_relaxed);
	slab_tail_fill(p, size, d->size);
}

/* Tails: forget the note of object p (a handout that notes nothing: kalloc, zones). */
void slab_debug_req_clear(const void *p)
{
	_Atomic uint16_t *e = slab_req_entry(p, 0);
	if (e)
		atomic_store_explicit(e, 0, memory_order_relaxed);
}

/* Tails: the size noted for object p, 0 when none. */
size_t slab_debug_size(const void *p)
{
	_Atomic uint16_t *e = slab_req_entry(p, 0);
	uint16_t v = e ? atomic_load_explicit(e, memory_order_relaxed) : 0;
	return v ? (size_t)v - 1 : 0;
}

/* Tails: object p of slab d comes back: its tail, when noted, must be intact (the note is
 * dropped). 0, or -1 after a report. */
int slab_debug_tail_free(void *p, const struct slab *d)
{
	_Atomic uint16_t *e = slab_req_entry(p, 0);
	uint16_t v = e ? atomic_exchange_explicit(e, 0, memory_order_relaxed) : 0;
	if (!v)
		return 0;
	return slab_tail_check(p, (size_t)v - 1, d->size, "free");
}

/* A segment goes back to the core: its side table too. */
void slab_debug_seg_release(struct slab_segment *seg)
{
	uint16_t *t = atomic_exchange(&seg->req, NULL);
	if (t)
		core_pages_free(t, SLAB_REQ_BYTES);
}

/* Debug: object p comes back; -1 (after reporting) when it was not in a user's hands.
 * Its tail, when one is kept, must be intact. */
int slab_debug_on_free(void *p, struct slab *s)
{
	uint64_t bit;
	_Atomic uint64_t *w = slab_bit_of(p, s, &bit);
	if (!(atomic_fetch_and_explicit(w, ~bit, memory_order_relaxed) & bit)) {
		error_report(STRATA_ERR_DOUBLE_FREE, p, "free: %p is already free (double free) in %s of %u-byte objects",
		             p, s->cache ? s->cache->name : "?", s->size);
		return -1;
	}
	if (slab_state.tails && slab_debug_tail_free(p, s) != 0) {
		atomic_fetch_or_explicit(w, bit, memory_order_relaxed);   /* left alone: still out */
		return -1;
	}
	__builtin_memset(p, SLAB_FILL_FREE, s->size);
	return 0;
}

/* A new slab of `units` units at unit u of seg: no object of it is in a user's hands. */
void slab_debug_slab_clear(struct slab_segment *seg, unsigned u, unsigned units)
{
	__builtin_memset((void *)seg->bits[u], 0, sizeof(seg->bits[0]) * units);
}

/*
 * alloc/vmem/vmem_verify.c: strata_vmem_verify's walk -- every invariant of the theory
 * statement in alloc/vmem/vmem.c, checked under the arena lock: the address list sorted
 * and doubly linked, spans tiled exactly, free segments coalesced and on the right free
 * list, the freemap matching the lists, every allocated segment in the hash and nothing
 * else there, and the counters equal to what the walk counts. Map-mode arenas: runs
 * sorted, coalesced, all free, counted.
 */
#include "alloc/vmem/vmem_impl.h"

#include <strata/error.h>

#include "alloc/error.h"

/* Report a broken invariant of the arena and fail the walk. */
#define VMEM_VERIFY(cond, what)                                                              \
	do {                                                                                 \
		if (!(cond)) {                                                               \
			bad = what;                                                          \
			goto out;                                                            \
		}                                                                            \
	} while (0)

/* Walk every invariant of the theory statement; 0 when they all hold. */
int vmem_arena_verify(struct strata_vmem *vm)
{
	const char *bad = NULL;
	const struct vmem_seg *at = NULL;
	size_t nfree = 0, nalloc = 0, listed = 0;
	uintptr_t inuse = 0, total = 0;
	sync_lock_acquire(&vm->lock);
	int map = (vm->mode & VMEM_MODE_MAP) != 0;
	const struct vmem_seg *prev = NULL, *span = NULL, *spanlist = vm->spans;
	uintptr_t cursor = 0, span_end = 0;
	VMEM_VERIFY(!vm->head || !vm->head->aprev, "head has a predecessor");
	for (const struct vmem_seg *t = vm->head; t; prev = t, t = t->anext) {
		at = t;
		VMEM_VERIFY(t->aprev == prev, "address list back link broken");
		VMEM_VERIFY(t->size > 0, "empty segment");
		VMEM_VERIFY(t->start + t->size > t->start, "segment wraps around");
		if (map) {
			VMEM_VERIFY(t->type == VMEM_SEG_FREE, "map run is not free");
			VMEM_VERIFY(!prev || prev->start + prev->size < t->start, "map runs overlap or were not coalesced");
			nfree++;
			total += t->size;
			continue;
		}
		if (t->type == VMEM_SEG_SPAN) {
			VMEM_VERIFY(!span || cursor == span_end, "span not tiled to its end");
			VMEM_VERIFY(t == spanlist, "span list out of order");
			VMEM_VERIFY(!span || span_end <= t->start, "spans overlap");
			spanlist = t->knext;
			span = t;
			cursor = t->start;
			span_end = t->start + t->size;
			total += t->size;
			continue;
		}
		VMEM_VERIFY(span != NULL, "segment outside any span");
		VMEM_VERIFY(t->start == cursor, "gap or overlap inside a span");
		cursor += t->size;
		VMEM_VERIFY(cursor <= span_end, "segment runs past its span");
		if (t->type == VMEM_SEG_FREE) {
			VMEM_VERIFY(!prev || prev->type != VMEM_SEG_FREE, "adjacent free segments not coalesced");
			nfree++;
		} else {
			VMEM_VERIFY(t->type == VMEM_SEG_ALLOC, "bad segment type");
			struct vmem_seg **link = vmem_hash_find(vm, t->start);
			VMEM_VERIFY(link && *link == t, "allocated segment missing from the hash");
			nalloc++;
			inuse += t->size;
		}
	}
	at = NULL;
	VMEM_VERIFY(vm->tail == prev, "tail pointer wrong");
	VMEM_VERIFY(!span || cursor == span_end, "last span not tiled to its end");
	VMEM_VERIFY(spanlist == NULL, "span list longer than the address list");
	VMEM_VERIFY(nfree == vm->nfree_segs, "free segment count wrong");
	VMEM_VERIFY(total == vm->total, "total units wrong");
	if (!map) {
		VMEM_VERIFY(nalloc == vm->nalloc_segs, "allocated segment count wrong");
		VMEM_VERIFY(inuse == vm->inuse, "units in use wrong");
		for (unsigned i = 0; i < VMEM_FREELISTS; i++) {
			VMEM_VERIFY(!!vm->freelist[i] == !!(vm->freemap & (1ull << i)), "freemap disagrees with the lists");
			const struct vmem_seg *kp = NULL;
			for (const struct vmem_seg *t = vm->freelist[i]; t; kp = t, t = t->knext) {
				at = t;
				VMEM_VERIFY(t->type == VMEM_SEG_FREE, "non-free segment on a free list");
				VMEM_VERIFY(vmem_highbit(t->size) == i, "free segment on the wrong list");
				VMEM_VERIFY(t->kprev == kp, "free list back link broken");
				VMEM_VERIFY(++listed <= nfree, "free lists hold more than the free segments");
			}
		}
		at = NULL;
		VMEM_VERIFY(listed == nfree, "free segment missing from the free lists");
		size_t hashed = 0;
		for (size_t b = 0; b <= vm->hash_mask; b++)
			for (const struct vmem_seg *t = vm->hash[b]; t; t = t->knext) {
				at = t;
				VMEM_VERIFY(t->type == VMEM_SEG_ALLOC, "non-allocated segment in the hash");
				VMEM_VERIFY(++hashed <= nalloc, "hash holds more than the allocated segments");
			}
	}
out:
	sync_lock_release(&vm->lock);
	if (!bad)
		return 0;
	if (at)
		error_report(STRATA_ERR_CORRUPT, vm, "vmem %s: %s (segment [%p, +%zu))", vm->name, bad,
		             (void *)at->start, (size_t)at->size);
	else
		error_report(STRATA_ERR_CORRUPT, vm, "vmem %s: %s", vm->name, bad);
	return -1;
}

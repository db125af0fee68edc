/*
 * alloc/vmem/rmap.c: the resource-map face (strata/rmap.h) on a map-mode vmem arena.
 *
 * Thin by design: argument checks, the V6 conventions (0 = no space, unit 0 never handed
 * out, size 0 frees nothing), counting, and turning the engine's result codes into
 * error-sink reports worded for a map ("coremap: units [a, a+n) already free"). The
 * free runs, first fit and coalescing are the engine's (vmem.c, VMEM_MODE_MAP).
 */
#include <strata/rmap.h>

#include <strata/error.h>

#include "alloc/error.h"
#include "alloc/stats/stats.h"
#include "alloc/vmem/vmem_impl.h"

/* The arena inside a map, and the bookkeeping rmap adds. */
struct rmap_impl {
	struct strata_vmem arena;   /* the map-mode arena; its tags are the caller's entries */
	size_t nentries;            /* capacity in runs */
	size_t lost;                /* units dropped by map-full frees */
};

_Static_assert(sizeof(struct rmap_impl) <= sizeof(struct rmap), "struct rmap too small for the arena");
_Static_assert(_Alignof(struct rmap_impl) <= _Alignof(struct rmap), "struct rmap under-aligned");
_Static_assert(sizeof(struct vmem_seg) <= sizeof(struct rmap_entry), "struct rmap_entry too small for a tag");
_Static_assert(_Alignof(struct vmem_seg) <= _Alignof(struct rmap_entry), "struct rmap_entry under-aligned");

/* The private view of a map. */
static inline struct rmap_impl *rmap_impl(struct rmap *map)
{
	return (struct rmap_impl *)(void *)map;
}

/* Set up an empty map over the caller's entries. */
void rminit(struct rmap *map, struct rmap_entry *entries, size_t nentries, const char *name)
{
	if (!map) {
		error_report(STRATA_ERR_MISUSE, NULL, "rminit: no map");
		return;
	}
	struct rmap_impl *m = rmap_impl(map);
	vmem_arena_init(&m->arena, name ? name : "rmap", 0, 0, 1, NULL, NULL, NULL, 0, VMEM_MODE_MAP);
	m->nentries = entries ? nentries : 0;
	m->lost = 0;
	if (entries && nentries)
		vmem_arena_tags_give(&m->arena, (struct vmem_seg *)(void *)entries, nentries);
	else
		error_report(STRATA_ERR_MISUSE, map, "rminit %s: no entries: the map can hold no free run",
		             m->arena.name);
	m->arena.private_tags = 1;
}

/* First fit from the low end of the first run that holds size units. */
unsigned long rmalloc(struct rmap *map, size_t size)
{
	stats_count(CNT_RMALLOC);
	if (!map)
		return 0;
	struct rmap_impl *m = rmap_impl(map);
	if (size == 0) {
		error_report(STRATA_ERR_MISUSE, map, "rmalloc %s: size 0", m->arena.name);
		return 0;
	}
	return vmem_arena_xalloc(&m->arena, size, 1, 0, 0, 0, 0, STRATA_VMEM_FIRSTFIT);
}

/* Give units back; misuse and a full map are reported, and the map stays as it was. */
void rmfree(struct rmap *map, size_t size, unsigned long addr)
{
	stats_count(CNT_RMFREE);
	if (!map) {
		error_report(STRATA_ERR_MISUSE, (void *)(uintptr_t)addr, "rmfree: no map");
		return;
	}
	struct rmap_impl *m = rmap_impl(map);
	if (size == 0)
		return;
	if (addr + size < addr) {
		error_report(STRATA_ERR_MISUSE, (void *)(uintptr_t)addr, "rmfree %s: %zu units at %lu wrap around",
		             m->arena.name, size, addr);
		return;
	}
	if (addr == 0) {   /* unit 0 can never be handed out: do not record it */
		addr = 1;
		if (--size == 0)
			return;
	}
	uintptr_t os = 0;
	size_t osz = 0;
	switch (vmem_arena_add(&m->arena, addr, size, &os, &osz)) {
	case VMEM_ADD_OK:
		return;
	case VMEM_ADD_INSIDE:
		error_report(STRATA_ERR_DOUBLE_FREE, (void *)(uintptr_t)addr,
		             "rmfree %s: units [%lu, %lu) are already free (in run [%lu, %lu))", m->arena.name, addr,
		             addr + size, (unsigned long)os, (unsigned long)(os + osz));
		return;
	case VMEM_ADD_OVERLAP:
		error_report(STRATA_ERR_OVERLAP, (void *)(uintptr_t)addr,
		             "rmfree %s: units [%lu, %lu) overlap free run [%lu, %lu)", m->arena.name, addr, addr + size,
		             (unsigned long)os, (unsigned long)(os + osz));
		return;
	case VMEM_ADD_NOTAG:
		sync_lock_acquire(&m->arena.lock);
		m->lost += size;
		sync_lock_release(&m->arena.lock);
		error_report(STRATA_ERR_MAP_FULL, (void *)(uintptr_t)addr,
		             "rmfree %s: map full (%zu runs): units [%lu, %lu) not recorded", m->arena.name, m->nentries,
		             addr, addr + size);
		return;
	case VMEM_ADD_BAD:
		error_report(STRATA_ERR_MISUSE, (void *)(uintptr_t)addr, "rmfree %s: bad range", m->arena.name);
		return;
	}
}

/* Units free. */
size_t strata_rmap_free_units(struct rmap *map)
{
	size_t fr = 0;
	if (map)
		vmem_arena_sizes(&rmap_impl(map)->arena, &fr, NULL);
	return fr;
}

/* Runs held now. */
size_t strata_rmap_runs(struct rmap *map)
{
	if (!map)
		return 0;
	struct rmap_impl *m = rmap_impl(map);
	sync_lock_acquire(&m->arena.lock);
	size_t n = m->arena.nfree_segs;
	sync_lock_release(&m->arena.lock);
	return n;
}

/* Room for more runs. */
size_t strata_rmap_room(struct rmap *map)
{
	if (!map)
		return 0;
	struct rmap_impl *m = rmap_impl(map);
	sync_lock_acquire(&m->arena.lock);
	size_t n = m->arena.nptags;
	sync_lock_release(&m->arena.lock);
	return n;
}

/* Units dropped by map-full frees. */
size_t strata_rmap_lost(struct rmap *map)
{
	if (!map)
		return 0;
	struct rmap_impl *m = rmap_impl(map);
	sync_lock_acquire(&m->arena.lock);
	size_t n = m->lost;
	sync_lock_release(&m->arena.lock);
	return n;
}

/* Consistency walk, plus: runs + room == capacity. */
int strata_rmap_verify(struct rmap *map)
{
	if (!map)
		return -1;
	struct rmap_impl *m = rmap_impl(map);
	if (vmem_arena_verify(&m->arena) != 0)
		return -1;
	size_t runs = strata_rmap_runs(map), room = strata_rmap_room(map);
	if (runs + room != m->nentries) {
		error_report(STRATA_ERR_CORRUPT, map, "rmap %s: %zu runs + %zu free entries != %zu entries", m->arena.name,
		             runs, room, m->nentries);
		return -1;
	}
	return 0;
}

/*
 * strata/rmap.h: the resource-map face -- the V6/V7 `struct map` allocator of coremap
 * and swapmap, under the names SVR4 and the BSDs gave it.
 *
 * Why rmalloc/rmfree. Sixth and Seventh Edition UNIX called these malloc(mp, size) and
 * mfree(mp, size, addr): the kernel had no other malloc, so the name was free. Once
 * kernels and the C library shared headers and tools, a two-argument kernel malloc that
 * returned a unit number beside the libc malloc that returned a pointer was a trap (and a
 * link-time clash in anything that ran kernel code in user space). 4.3BSD renamed the
 * pair rmalloc/rmfree ("resource map"), SVR4 did the same, and so does libstrata: the
 * V6 names are only in the seed's sources, never here.
 *
 * Contract (the V6 one, made safe):
 *   rmalloc(map, size)  first fit by address: takes `size` units from the LOW end of the
 *                       first free run that holds them, and returns the first unit;
 *                       0 means "no space" -- so unit 0 is never handed out (a free of
 *                       a range starting at 0 records it from unit 1). size 0 is misuse:
 *                       reported, returns 0. No zeroing (there is nothing to zero).
 *   rmfree(map, size, addr)  gives [addr, addr + size) back, coalescing with the run
 *                       below and the run above; size 0 does nothing (as V6).
 *                       Freeing units that are already free goes to the error sink:
 *                       "double-free" when the range lies inside a free run, "overlap"
 *                       when it straddles one; the map is left unchanged.
 * Unlike V6 (which ran past the end of its array) and SysV (which printed "mfree map
 * overflow" and dropped the space), a free that would need one more run than the map has
 * room for is reported as STRATA_ERR_MAP_FULL, naming the map and the exact units. Those
 * units are then NOT recorded: the map does not hand them out again, and they are added
 * to strata_rmap_lost(); the caller, told exactly which units, may free them again once
 * runs have merged, or keep a bigger map. Nothing is lost silently. Only rmfree can need
 * a new run: rmalloc takes from the low end of a run and never does.
 *
 * Storage. As with V7's `struct map coremap[CMAPSIZ]`, the caller declares the map and
 * its entries (static arrays, typically); libstrata allocates nothing for a map:
 *     static struct rmap coremap;
 *     static struct rmap_entry coremap_entries[CMAPSIZ];
 *     rminit(&coremap, coremap_entries, CMAPSIZ, "coremap");
 *     rmfree(&coremap, nclicks, firstclick);     -- V6 main() freed core like this
 * A map holds at most `nentries` separate free runs.
 *
 * Engine. A map is a vmem arena (alloc/vmem) in map mode: its entries are the arena's
 * boundary tags, it tracks free runs only (as V6 did; allocated ranges are the caller's
 * business) and it allocates first fit by address. One engine serves vmem and the map
 * face. Maps are thread-safe (the arena lock); V6 relied on spl instead.
 */
#ifndef STRATA_RMAP_H
#define STRATA_RMAP_H

#include <strata/common.h>

#ifdef __cplusplus
extern "C" {
#endif

/* One entry: room for one boundary tag (8 words; checked at compile time). */
struct rmap_entry {
	uintptr_t opaque[8];
};

/* A map: room for one vmem arena (checked at compile time). Contents are private. */
struct rmap {
	uintptr_t opaque[128];
};

/* Set a map up, empty, over the caller's entries. The name appears in messages. */
STRATA_API void rminit(struct rmap *map, struct rmap_entry *entries, size_t nentries, const char *name);
/* First fit from the low end; 0 when no run holds `size` units. */
STRATA_API unsigned long rmalloc(struct rmap *map, size_t size);
/* Give [addr, addr + size) back, coalescing on both sides. */
STRATA_API void rmfree(struct rmap *map, size_t size, unsigned long addr);

/* Units free in the map. */
STRATA_API size_t strata_rmap_free_units(struct rmap *map);
/* Free runs the map holds now, and how many more it has room for. */
STRATA_API size_t strata_rmap_runs(struct rmap *map);
STRATA_API size_t strata_rmap_room(struct rmap *map);
/* Units reported lost to STRATA_ERR_MAP_FULL so far. */
STRATA_API size_t strata_rmap_lost(struct rmap *map);
/* Consistency walk (sorted, coalesced, counted); 0 when consistent. */
STRATA_API int strata_rmap_verify(struct rmap *map);

#ifdef __cplusplus
}
#endif
#endif /* STRATA_RMAP_H */

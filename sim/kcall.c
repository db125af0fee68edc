/*
 * sim/kcall.c: the counted, checked calls every simulated subsystem makes.
 *
 * Each wrapper calls one libstrata face, counts the call against the calling subsystem
 * (the subsystem -> face edges of the flow graph), checks the block's alignment, and hands
 * it to the ledger (sim/ledger.c), which checks size, overlap, zero fill and contents.
 * Frees go through the ledger first: the pattern is verified before the face sees the
 * pointer. kfree and zfree take the size or zone the caller recomputed, as the Mach
 * callers did; a mismatch there would reach libstrata's error sink and fail the run.
 */
#include "sim/sim.h"

#include <stdlib.h>
#include <string.h>
#include <strata/boot.h>
#include <strata/kalloc.h>

/* The alignment a face promises for a block of `size` bytes: 16 from 16 bytes up
 * (size classes, large blocks, kget_space), else 8. */
static size_t sim_kcall_align(size_t size)
{
	return size >= 16 ? 16 : 8;
}

/* Count the call; on success check alignment and enter the block in the ledger. */
static void *sim_kcall_got(enum sim_subsys s, enum sim_face f, void *p, size_t size,
                           size_t align, enum sim_fill fill, int zeroed, const char *what)
{
	sim.calls[s][f]++;
	if (p == NULL) {
		sim.nulls[s]++;
		return NULL;
	}
	if ((uintptr_t)p % align != 0)
		sim_fail("%s: %p is not %zu-byte aligned", what, p, align);
	sim_ledger_insert(p, size, fill, zeroed, what);
	return p;
}

/* kalloc(size): a size class or, from kalloc_max up, whole pages. */
void *sim_kalloc(enum sim_subsys s, size_t size, const char *what)
{
	return sim_kcall_got(s, SIM_FACE_KALLOC, kalloc(size), size, sim_kcall_align(size),
	                     SIM_FILL_PATTERN, 0, what);
}

/* kalloc_zero(size): as kalloc, and every byte must read zero. */
void *sim_kalloc_zero(enum sim_subsys s, size_t size, enum sim_fill fill, const char *what)
{
	return sim_kcall_got(s, SIM_FACE_KALLOC, kalloc_zero(size), size, sim_kcall_align(size),
	                     fill, 1, what);
}

/* kget(size): never grows; NULL is a legal answer. */
void *sim_kget(enum sim_subsys s, size_t size, const char *what)
{
	sim.kget_calls++;
	return sim_kcall_got(s, SIM_FACE_KALLOC, kget(size), size, sim_kcall_align(size),
	                     SIM_FILL_PATTERN, 0, what);
}

/* kfree(p, size) with the size recomputed by the caller. */
void sim_kfree(enum sim_subsys s, void *p, size_t size, const char *what)
{
	sim.calls[s][SIM_FACE_KALLOC]++;
	sim_ledger_remove(p, size, what);
	kfree(p, size);
}

/* Copy of the first n bytes of a block, kept in host memory across a move. */
static unsigned char *sim_kcall_keep(const void *p, size_t n)
{
	unsigned char *keep = malloc(n ? n : 1);
	if (keep == NULL) {
		sim_fail("out of host memory");
		return NULL;
	}
	memcpy(keep, p, n);
	return keep;
}

/* After a move of old_size to new_size bytes: the common prefix must have survived. */
static void sim_kcall_moved(const unsigned char *keep, const void *q, size_t old_size,
                            size_t new_size, const char *what)
{
	size_t n = old_size < new_size ? old_size : new_size;
	if (keep != NULL && memcmp(keep, q, n) != 0)
		sim_fail("%s: contents lost moving %zu bytes to a block of %zu", what, old_size, new_size);
}

/* After a realloc-style call moved p (old_size) to q (new_size): a failure leaves p live
 * and unchanged (back into the ledger); a success must have kept the first min(old, new)
 * bytes, then q enters the ledger with a new pattern. `keep` is the copy taken before. */
static void *sim_kcall_realloc_done(enum sim_subsys s, enum sim_face face, void *p, void *q, size_t old_size,
                                    size_t new_size, unsigned char *keep, const char *what)
{
	if (q == NULL) {
		sim.calls[s][face]++;
		sim.nulls[s]++;
		sim_ledger_insert(p, old_size, SIM_FILL_PATTERN, 0, what);
		free(keep);
		return NULL;
	}
	sim_kcall_moved(keep, q, old_size, new_size, what);
	free(keep);
	return sim_kcall_got(s, face, q, new_size, sim_kcall_align(new_size), SIM_FILL_PATTERN, 0, what);
}

/* krealloc(p, old, new): every one of the first min(old, new) bytes must survive. The
 * block leaves the ledger (its pattern verified) and re-enters it with a new pattern. */
void *sim_krealloc(enum sim_subsys s, void *p, size_t old_size, size_t new_size, const char *what)
{
	unsigned char *keep = sim_kcall_keep(p, old_size);
	sim_ledger_remove(p, old_size, what);
	sim.krealloc_calls++;
	void *q = krealloc(p, old_size, new_size);
	return sim_kcall_realloc_done(s, SIM_FACE_KALLOC, p, q, old_size, new_size, keep, what);
}

/* zalloc(zone): may grow the zone. */
void *sim_zalloc(enum sim_subsys s, zone_t z, enum sim_fill fill, const char *what)
{
	zone_info_t zi;
	if (zone_info(z, &zi) != 0) {
		sim_fail("%s: zone_info failed", what);
		return NULL;
	}
	return sim_kcall_got(s, SIM_FACE_ZONE, zalloc(z), zi.elem_size, 8, fill,
	                     (zi.flags & ZONE_ZERO) != 0, what);
}

/* zget(zone): never grows; NULL is a legal answer. */
void *sim_zget(enum sim_subsys s, zone_t z, const char *what)
{
	zone_info_t zi;
	if (zone_info(z, &zi) != 0) {
		sim_fail("%s: zone_info failed", what);
		return NULL;
	}
	return sim_kcall_got(s, SIM_FACE_ZONE, zget(z), zi.elem_size, 8, SIM_FILL_PATTERN,
	                     (zi.flags & ZONE_ZERO) != 0, what);
}

/* zfree(zone, p). */
void sim_zfree(enum sim_subsys s, zone_t z, void *p, const char *what)
{
	zone_info_t zi;
	sim.calls[s][SIM_FACE_ZONE]++;
	if (zone_info(z, &zi) != 0) {
		sim_fail("%s: zone_info failed", what);
		return;
	}
	sim_ledger_remove(p, zi.elem_size, what);
	zfree(z, p);
}

/* The boot face's malloc. */
void *sim_boot_malloc(enum sim_subsys s, size_t size, const char *what)
{
	return sim_kcall_got(s, SIM_FACE_BOOT, strata_boot_malloc(size), size,
	                     sim_kcall_align(size), SIM_FILL_PATTERN, 0, what);
}

/* The boot face's realloc, which works (the original panicked): contents must survive. */
void *sim_boot_realloc(enum sim_subsys s, void *p, size_t old_size, size_t new_size, const char *what)
{
	unsigned char *keep = sim_kcall_keep(p, old_size);
	sim_ledger_remove(p, old_size, what);
	void *q = strata_boot_realloc(p, new_size);
	return sim_kcall_realloc_done(s, SIM_FACE_BOOT, p, q, old_size, new_size, keep, what);
}

/* The boot face's free, which works (the original panicked). */
void sim_boot_free(enum sim_subsys s, void *p, size_t size, const char *what)
{
	sim.calls[s][SIM_FACE_BOOT]++;
	sim_ledger_remove(p, size, what);
	strata_boot_free(p);
}

/* kget_space: permanent boot memory, 16-byte aligned; in the ledger (overlap, contents)
 * until shutdown, when sim_kget_space_forget verifies and drops it. */
void *sim_kget_space(enum sim_subsys s, size_t size, const char *what)
{
	return sim_kcall_got(s, SIM_FACE_BOOT, kget_space(size), size, 16, SIM_FILL_SPACE, 0, what);
}

/* Verify a kget_space block one last time; the memory itself is never given back. */
void sim_kget_space_forget(void *p, size_t size, const char *what)
{
	sim_ledger_remove(p, size, what);
}

/* The sim's record of one resource map's units: 1 for each unit handed out. */
static struct sim_rmap_units {
	struct rmap *map;       /* the map it describes */
	unsigned char *used;    /* one byte per unit, index = unit number */
	unsigned long units;    /* units 1 .. units exist (0 is never handed out) */
} sim_units;

/* rminit, then free every unit 1..units into the map, as V6 main() freed swap. */
void sim_rmap_init(enum sim_subsys s, struct rmap *map, struct rmap_entry *entries, size_t n,
                   const char *name, unsigned long units)
{
	rminit(map, entries, n, name);
	sim_units.map = map;
	sim_units.units = units;
	sim_units.used = calloc(units + 1, 1);
	if (sim_units.used == NULL) {
		sim_fail("out of host memory");
		return;
	}
	sim.calls[s][SIM_FACE_RMAP]++;
	rmfree(map, units, 1);
}

/* rmalloc: 0 is "no space" (a legal answer); otherwise every unit must have been free. */
unsigned long sim_rmalloc(enum sim_subsys s, struct rmap *map, size_t size, const char *what)
{
	unsigned long a = rmalloc(map, size);
	sim.calls[s][SIM_FACE_RMAP]++;
	if (a == 0) {
		sim.nulls[s]++;
		return 0;
	}
	if (map != sim_units.map || sim_units.used == NULL || a + size - 1 > sim_units.units) {
		sim_fail("%s: rmalloc gave units [%lu, %lu) outside the map", what, a, a + size);
		return a;
	}
	for (size_t i = 0; i < size; i++) {
		if (sim_units.used[a + i]) {
			sim_fail("%s: rmalloc gave units [%lu, %lu): unit %lu is in use", what, a,
			         a + size, a + i);
			break;
		}
		sim_units.used[a + i] = 1;
	}
	return a;
}

/* rmfree with the size the caller recomputed; the units must be the caller's. */
void sim_rmfree(enum sim_subsys s, struct rmap *map, size_t size, unsigned long addr, const char *what)
{
	sim.calls[s][SIM_FACE_RMAP]++;
	if (map == sim_units.map && sim_units.used != NULL && addr + size - 1 <= sim_units.units) {
		for (size_t i = 0; i < size; i++) {
			if (!sim_units.used[addr + i]) {
				sim_fail("%s: rmfree of units [%lu, %lu): unit %lu is not in use", what,
				         addr, addr + size, addr + i);
				break;
			}
			sim_units.used[addr + i] = 0;
		}
	}
	rmfree(map, size, addr);
}

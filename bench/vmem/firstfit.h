/*
 * bench/vmem/firstfit.h: the historical baseline -- a V6/V7-style resource map (a sorted
 * array of free runs, first fit from the low end, linear search and shifting), written
 * here for the benchmark only. It is what libstrata's vmem replaces.
 */
#ifndef STRATA_BENCH_FIRSTFIT_H
#define STRATA_BENCH_FIRSTFIT_H

#include <stddef.h>
#include <stdint.h>

struct ff_run {
	uintptr_t addr;   /* first free unit */
	uintptr_t size;   /* free units */
};

struct ff_map {
	struct ff_run *run;   /* sorted by addr, coalesced */
	size_t n;             /* runs in use */
	size_t cap;           /* runs allocated */
};

/* First fit from the low end of the first run that holds size; 0 when none. */
uintptr_t ff_alloc(struct ff_map *m, uintptr_t size);
/* Give [addr, addr + size) back, coalescing on both sides; -1 when the map is full. */
int ff_free(struct ff_map *m, uintptr_t addr, uintptr_t size);

#endif

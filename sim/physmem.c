/*
 * sim/physmem.c: the simulated VM under strata-sim.
 *
 * A block of N page frames stands for the machine's RAM. Its vm_map callback plays the
 * part of Mach's vm_map / kmem_alloc_wired: it hands out runs of whole frames, aligned as
 * asked, first fit from a roving hint; vm_unmap plays kmem_free and checks that the run
 * was handed out (a bad unmap is a sim failure, not a crash). Every call is counted, and
 * the number of frames in use and its peak are kept, for the summary and the DOT graph.
 */
#include "sim/sim.h"

#include <stdlib.h>
#include <string.h>

/* Frame size of the simulated machine: libstrata's page size. */
static size_t sim_physmem_page(void)
{
	return strata_page_size();
}

/* vm_map: `size` bytes (whole frames) aligned to `align`, first fit; NULL when full. */
static void *sim_physmem_map(void *arg, size_t size, size_t align)
{
	struct sim_physmem *pm = arg;
	size_t ps = sim_physmem_page();
	size_t n = (size + ps - 1) / ps;
	size_t step = align > ps ? align / ps : 1;

	if (n == 0 || n > pm->pages) {
		pm->map_fails++;
		return NULL;
	}
	/* base is page aligned, so frame i is aligned to `align` when i is a multiple of step
	 * offset by the base's own alignment; compute the first such frame. */
	uintptr_t b = (uintptr_t)pm->base;
	size_t first = 0;
	if (align > ps) {
		uintptr_t a = (b + align - 1) & ~(uintptr_t)(align - 1);
		first = (a - b) / ps;
	}
	for (size_t i = first; i + n <= pm->pages; i += step) {
		size_t j = 0;
		while (j < n && !pm->used[i + j])
			j++;
		if (j == n) {
			memset(pm->used + i, 1, n);
			pm->in_use += n;
			if (pm->in_use > pm->peak)
				pm->peak = pm->in_use;
			pm->maps++;
			return pm->base + i * ps;
		}
	}
	pm->map_fails++;
	return NULL;
}

/* vm_unmap: give a run back; it must be one the sim handed out. */
static void sim_physmem_unmap(void *arg, void *addr, size_t size)
{
	struct sim_physmem *pm = arg;
	size_t ps = sim_physmem_page();
	uintptr_t a = (uintptr_t)addr, b = (uintptr_t)pm->base;
	size_t n = (size + ps - 1) / ps;

	pm->unmaps++;
	if (a < b || (a - b) % ps != 0 || (a - b) / ps + n > pm->pages) {
		pm->bad_unmaps++;
		sim_fail("vm_unmap of %p (+%zu) outside the simulated RAM", addr, size);
		return;
	}
	size_t i = (a - b) / ps;
	for (size_t j = 0; j < n; j++) {
		if (!pm->used[i + j]) {
			pm->bad_unmaps++;
			sim_fail("vm_unmap of %p (+%zu): frame %zu was not handed out", addr, size, i + j);
			return;
		}
	}
	memset(pm->used + i, 0, n);
	pm->in_use -= n;
}

/* Allocate the frames (from the host libc: the sim is the machine, not the kernel). */
int sim_physmem_init(struct sim_physmem *pm, size_t pages)
{
	size_t ps = sim_physmem_page();

	memset(pm, 0, sizeof(*pm));
	pm->base = aligned_alloc(ps, pages * ps);
	pm->used = calloc(pages, 1);
	if (pm->base == NULL || pm->used == NULL) {
		free(pm->base);
		free(pm->used);
		return -1;
	}
	pm->pages = pages;
	pm->host.vm_map = sim_physmem_map;
	pm->host.vm_unmap = sim_physmem_unmap;
	pm->host.arg = pm;
	return 0;
}

/*
 * bench/vmem/firstfit.c: the V6 resource-map algorithm (see firstfit.h). Both calls are
 * linear in the number of free runs: alloc scans for the first run that fits and shifts
 * the array down when a run empties; free scans for the insertion point and shifts the
 * array up when a new run is needed. That is the cost vmem's instant fit removes.
 */
#include "firstfit.h"

#include <string.h>

/* First fit, low end. */
uintptr_t ff_alloc(struct ff_map *m, uintptr_t size)
{
	for (size_t i = 0; i < m->n; i++) {
		struct ff_run *r = &m->run[i];
		if (r->size >= size) {
			uintptr_t a = r->addr;
			r->addr += size;
			r->size -= size;
			if (r->size == 0) {
				memmove(r, r + 1, (m->n - i - 1) * sizeof *r);
				m->n--;
			}
			return a;
		}
	}
	return 0;
}

/* Free with coalescing on both sides. */
int ff_free(struct ff_map *m, uintptr_t addr, uintptr_t size)
{
	size_t i = 0;
	while (i < m->n && m->run[i].addr <= addr)
		i++;
	struct ff_run *prev = i > 0 ? &m->run[i - 1] : NULL;
	struct ff_run *next = i < m->n ? &m->run[i] : NULL;
	if (prev && prev->addr + prev->size == addr) {
		prev->size += size;
		if (next && addr + size == next->addr) {
			prev->size += next->size;
			memmove(next, next + 1, (m->n - i - 1) * sizeof *next);
			m->n--;
		}
		return 0;
	}
	if (next && addr + size == next->addr) {
		next->addr = addr;
		next->size += size;
		return 0;
	}
	if (m->n == m->cap)
		return -1;
	memmove(&m->run[i + 1], &m->run[i], (m->n - i) * sizeof *m->run);
	m->run[i].addr = addr;
	m->run[i].size = size;
	m->n++;
	return 0;
}

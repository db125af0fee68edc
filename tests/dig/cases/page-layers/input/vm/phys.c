/* The buddy queues: a handle off a free queue of its order, given back by phys_free_pages. */
#include "page.h"

static struct page *free_queue[4][12];
static int nqueues = 4;

/* one queue: the first page of the order, or a larger block split */
page_t phys_alloc_queue_pages(int q, int order)
{
	struct page *m;
	int o;

	for (o = order; o < 12; o++) {
		m = free_queue[q][o];
		if (m == 0)
			continue;
		free_queue[q][o] = m->next;
		m->order = order;
		return m;
	}
	return 0;
}

/* every queue in turn: the pages come from this file's own queues */
page_t phys_alloc_pages(int pool, int order)
{
	page_t m;
	int q;

	for (q = 0; q < nqueues; q++) {
		m = phys_alloc_queue_pages(q, order);
		if (m != 0)
			return m;
	}
	return 0;
}

void phys_free_pages(page_t m, int order)
{
	m->next = free_queue[0][order];
	free_queue[0][order] = m;
}

/* a run of npages in [low, high) under an alignment and a boundary: many numbers, one size */
page_t phys_alloc_contig(unsigned long npages, unsigned long low, unsigned long high, unsigned long alignment,
                         unsigned long boundary)
{
	struct page *m;

	for (m = free_queue[0][11]; m != 0; m = m->next) {
		if (m->pa < low || m->pa + npages * 4096 > high)
			continue;
		if ((m->pa & (alignment - 1)) != 0 || ((m->pa ^ (m->pa + npages * 4096 - 1)) & ~(boundary - 1)) != 0)
			continue;
		free_queue[0][11] = m->next;
		return m;
	}
	return 0;
}

void phys_free_contig(page_t m, unsigned long npages)
{
	while (npages-- > 0)
		free_queue[0][0] = m;
}

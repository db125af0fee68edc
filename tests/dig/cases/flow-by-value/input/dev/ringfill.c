/* Fills a ring record it is given by value: DMA memory into its addr field. */
#include <stddef.h>

int bus_dmamem_alloc(size_t size, size_t align, void **segp);

struct ring { void *addr; size_t size; };

int
ring_fill(struct ring *r, size_t size)
{
	r->size = size;
	return bus_dmamem_alloc(size, 64, &r->addr);
}

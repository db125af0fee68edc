/* A ring's memory: the record is kmem_alloc'd, ring_fill (another file, in no allocator) gets it by
 * value and stores DMA memory into its field, which is what ring_alloc hands out. */
#include <stddef.h>

void *kmem_alloc(size_t size, int flags);
void kmem_free(void *p, size_t size);
int bus_dmamem_alloc(size_t size, size_t align, void **segp);
void bus_dmamem_free(void *seg, size_t size);

struct ring { void *addr; size_t size; };
int ring_fill(struct ring *r, size_t size);

void *
ring_alloc(size_t size)
{
	struct ring *r;

	r = kmem_alloc(sizeof(*r), 0);
	if (ring_fill(r, size) != 0) {
		kmem_free(r, sizeof(*r));
		return NULL;
	}
	return r->addr;
}

void
ring_free(struct ring *r)
{
	bus_dmamem_free(r->addr, r->size);
	kmem_free(r, sizeof(*r));
}

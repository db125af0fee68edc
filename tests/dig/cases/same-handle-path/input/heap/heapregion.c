#include "heap.h"

/* carves one block of size bytes off the end of the heap's region */
struct block *region_allocate(struct heap *heap, unsigned long size)
{
	struct block *b = (struct block *)((char *)heap + sizeof *heap + heap->used);
	b->size = size;
	b->next = 0;
	heap->used += size;
	return b;
}

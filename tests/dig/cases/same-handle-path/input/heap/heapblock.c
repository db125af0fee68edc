#include "heap.h"

/* splits what the block holds beyond size back onto the heap's free list */
struct block *block_allocate(struct heap *heap, struct block *b, unsigned long size)
{
	unsigned long rest = b->size - size;
	if (rest > 2 * sizeof *b) {
		struct block *r = (struct block *)((char *)b + sizeof *b + size);
		r->size = rest - sizeof *b;
		r->next = heap->free;
		heap->free = r;
		b->size = size;
	}
	heap->used += b->size;
	return b;
}

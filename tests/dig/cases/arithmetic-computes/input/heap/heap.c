#include "heapimpl.h"

struct heap {
	struct block *free;
};

void *heap_alloc(struct heap *h, unsigned long size)
{
	struct block *b, **prev = &h->free;
	for (b = h->free; b; prev = &b->next, b = b->next)
		if (b->size >= size) {
			*prev = b->next;
			return block_alloc_area(b);
		}
	return 0;
}

void heap_free(struct heap *h, void *p)
{
	struct block *b = (struct block *)p - 1;
	b->next = h->free;
	h->free = b;
}

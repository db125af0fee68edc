/* The carving step of the heap, beside its allocator: it works the same heap record. */
#include "heap.h"

struct heap_block *heap_block_allocate(struct heap *heap, struct heap_block *block, uintptr_t size)
{
	struct heap_block **link = &heap->free;
	while (*link != block)
		link = &(*link)->next;
	if (block->size >= size + HEAP_HEADER_SIZE + heap->page) {
		struct heap_block *rest = (struct heap_block *)((char *)block + size);
		rest->size = block->size - size;
		rest->next = block->next;
		block->size = size;
		*link = rest;
	} else {
		*link = block->next;
	}
	heap->allocs++;
	return block;
}

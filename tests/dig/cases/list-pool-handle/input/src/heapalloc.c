#include "heap.h"

/* First fit on the heap's free list; the block is carved by heap_block_allocate. */
void *heap_allocate(struct heap *heap, uintptr_t size)
{
	struct heap_block *block;
	uintptr_t need = (size + HEAP_HEADER_SIZE + heap->page - 1) & ~(heap->page - 1);
	for (block = heap->free; block != 0; block = block->next)
		if (block->size >= need)
			break;
	if (block == 0)
		return 0;
	heap_block_allocate(heap, block, need);
	return (void *)heap_alloc_area_of_block(block);
}

/* The block back on the heap's free list. */
void heap_free(struct heap *heap, void *ptr)
{
	struct heap_block *block = (struct heap_block *)((char *)ptr - HEAP_HEADER_SIZE);
	block->next = heap->free;
	heap->free = block;
}

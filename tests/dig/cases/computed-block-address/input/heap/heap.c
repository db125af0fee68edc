/* A first-fit heap over an area its caller gives it: the free list is in the heap record. */
#include "heapimpl.h"

void heap_initialize(struct heap *heap, void *area, uintptr_t size, uintptr_t page_size)
{
	struct heap_block *b = area;
	b->size = size;
	b->next = NULL;
	heap->free_list = b;
	heap->page_size = page_size;
}

void *heap_allocate(struct heap *heap, uintptr_t size)
{
	struct heap_block **prev = &heap->free_list, *b;
	for (b = heap->free_list; b != NULL; prev = &b->next, b = b->next) {
		uintptr_t alloc_begin = (uintptr_t)b + HEAP_HEADER_SIZE;
		if (b->size >= size + HEAP_HEADER_SIZE &&
		    heap_block_of_alloc_area(alloc_begin, heap->page_size) == b) {
			*prev = b->next;
			return (void *)alloc_begin;
		}
	}
	return NULL;
}

int heap_free(struct heap *heap, void *ptr)
{
	struct heap_block *b = heap_block_of_alloc_area((uintptr_t)ptr, heap->page_size);
	b->next = heap->free_list;
	heap->free_list = b;
	return 1;
}

uintptr_t heap_usable_size(struct heap *heap, void *ptr)
{
	struct heap_block *b = heap_block_of_alloc_area((uintptr_t)ptr, heap->page_size);
	return b->size - HEAP_HEADER_SIZE;
}

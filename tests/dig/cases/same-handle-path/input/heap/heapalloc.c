#include "heap.h"

void *heap_allocate_aligned(struct heap *heap, unsigned long size, unsigned long align)
{
	struct block *b, **prev = &heap->free;
	for (b = heap->free; b; prev = &b->next, b = b->next) {
		if (b->size >= size + align) {
			*prev = b->next;
			struct block *got = block_allocate(heap, b, size);
			got->next = 0;
			return (char *)b + sizeof *b;
		}
	}
	return 0;
}

void heap_free(struct heap *heap, void *p)
{
	struct block *b = (struct block *)p - 1;
	b->next = heap->free;
	heap->free = b;
	heap->used -= b->size;
}

/* the heap every heap borrows its blocks from when it is emptied */
struct heap heap_reserve;

/* empties the heap and gives it a fresh block for what it held, carved off the reserve
 * heap (another instance of the handle's type: memory from below, not this heap's own
 * state) by a helper of another file that the entry point never calls */
void heap_free_all(struct heap *heap)
{
	heap->free = region_allocate(&heap_reserve, heap->used);
	heap->used = 0;
}

/* A first-fit heap over an area its creator gives: the free blocks are kept in the heap
 * record the caller passes first. */
#ifndef HEAP_H
#define HEAP_H

#include <stddef.h>
#include <stdint.h>

struct heap_block {
	uintptr_t size;
	struct heap_block *next;
};

struct heap {
	struct heap_block *free;
	uintptr_t page;
	unsigned long allocs;
};

#define HEAP_HEADER_SIZE (sizeof(struct heap_block))

/* The user area of a block: arithmetic on the block's address. */
static inline uintptr_t heap_alloc_area_of_block(const struct heap_block *block)
{
	return (uintptr_t)block + HEAP_HEADER_SIZE;
}

struct heap_block *heap_block_allocate(struct heap *heap, struct heap_block *block, uintptr_t size);
void *heap_allocate(struct heap *heap, uintptr_t size);
void heap_free(struct heap *heap, void *ptr);

#endif

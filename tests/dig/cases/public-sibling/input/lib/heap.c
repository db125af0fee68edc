/* An allocator that keeps state: heap_alloc pops its free list, else takes a fresh block
 * from heap_alloc_block, a public entry point of the same file that other code calls too.
 * heap_alloc is no wrapper: the block is one of its own parts, and the chain goes to
 * where the blocks come from (heap_alloc -> malloc). */
#include <stdlib.h>
#include <stddef.h>

struct chunk {
	struct chunk *next;
};

static struct chunk *heap_free_list;
static size_t heap_blocks;

void *heap_alloc_block(size_t size)
{
	heap_blocks++;
	return malloc(size);
}

void *heap_alloc(size_t size)
{
	struct chunk *c = heap_free_list;
	if (c) {
		heap_free_list = c->next;
		return c;
	}
	return heap_alloc_block(size);
}

void heap_free(void *p)
{
	struct chunk *c = p;
	c->next = heap_free_list;
	heap_free_list = c;
}

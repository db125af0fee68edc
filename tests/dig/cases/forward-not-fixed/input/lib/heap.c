/* A first-fit heap: heap_alloc hands out variable sizes from a free list heap_release refills. */
#include <stddef.h>

struct blk {
	struct blk *next;
	size_t size;
};

static struct blk *heap_free_list;

void *heap_alloc(size_t size)
{
	struct blk **pp, *b;
	for (pp = &heap_free_list; (b = *pp) != NULL; pp = &b->next)
		if (b->size >= size) {
			*pp = b->next;
			return b + 1;
		}
	return NULL;
}

void heap_release(void *p)
{
	struct blk *b = (struct blk *)p - 1;
	b->next = heap_free_list;
	heap_free_list = b;
}

/* A heap of first-fit areas: the caller's heap is grown by the extend handler below when
 * an allocation fails. */
#include <stddef.h>

struct area {
	struct area *next;
	size_t size;
};

struct heap {
	struct area *free;
	size_t total;
};

int heap_add_area(struct heap *heap, void *begin, size_t size)
{
	struct area *a = begin;
	if (size < sizeof *a)
		return 0;
	a->size = size;
	a->next = heap->free;
	heap->free = a;
	heap->total += size;
	return 1;
}

void *heap_alloc(struct heap *heap, size_t size)
{
	struct area **pp, *a;
	for (pp = &heap->free; (a = *pp) != NULL; pp = &a->next)
		if (a->size >= size + sizeof *a) {
			*pp = a->next;
			return a + 1;
		}
	return NULL;
}

void heap_free(struct heap *heap, void *p)
{
	struct area *a = (struct area *)p - 1;
	a->next = heap->free;
	heap->free = a;
}

#include "heap.h"

/* Gives a chunk back: its node goes on the free lists. */
void heap_free(struct heap *heap, void *mem)
{
	struct node *node;
	if (mem == NULL)
		return;
	node = (struct node *)((char *)mem - sizeof(struct node));
	heap_addfree(heap, node);
}

#include "heap.h"

/* Small requests try the heap's pool first; the rest take the first node large enough from
 * the free lists and put the remainder back: the lists are the heap's, so this is no
 * wrapper of the pool. */
void *heap_malloc(struct heap *heap, size_t size)
{
	struct node *node;
	size_t need;
	if (heap->pool) {
		void *ret = pool_alloc(heap->pool, size);
		if (ret != NULL)
			return ret;
	}
	need = (size + sizeof(struct node) + 15) & ~(size_t)15;
	for (int c = heap_class(need); c < 4; c++)
		for (node = heap->nodelist[c].flink; node; node = node->flink)
			if (node->size >= need)
				goto found;
	return NULL;
found:
	node->blink->flink = node->flink;
	if (node->flink)
		node->flink->blink = node->blink;
	if (node->size - need >= 64) {
		struct node *remainder = (struct node *)((char *)node + need);
		remainder->size = node->size - need;
		node->size = need;
		heap_addfree(heap, remainder);
	}
	return (char *)node + sizeof(struct node);
}

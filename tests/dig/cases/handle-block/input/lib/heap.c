/* a bump allocator whose state sits behind a handle: requests are carved off the handle's
 * current block; malloc only gives it a new block when the current one is full (the new
 * block's start is handed out too). No single free: heap_destroy frees every block. */
#include <stdlib.h>

#define HEAP_BLKSZ 8192
#define HEAP_MAXBLK 64
#define ALIGN4(n) (((n) + 3) & ~3u)

typedef struct heap {
	char *blocks[HEAP_MAXBLK];
	int nblocks;
	char *next;
	char *top;
} heap_t;

void *heap_alloc(heap_t *heap, unsigned size)
{
	char *p;
	unsigned incr_size;

	size = ALIGN4(size);
	if (heap == NULL || size == 0)
		return NULL;
	p = heap->next;
	if (p + size > heap->top) {
		if (heap->nblocks == HEAP_MAXBLK)
			return NULL;
		incr_size = size < HEAP_BLKSZ ? HEAP_BLKSZ : size;
		if ((p = malloc(incr_size)) == NULL)
			return NULL;
		heap->blocks[heap->nblocks++] = p;
		heap->top = p + incr_size;
	}
	heap->next = p + size;
	return p;
}

void heap_destroy(heap_t *heap)
{
	for (int i = 0; i < heap->nblocks; i++)
		free(heap->blocks[i]);
	heap->nblocks = 0;
	heap->next = heap->top = NULL;
}

/* A heap of size-ordered free lists, one per size class, kept in the heap's record. */
#include <stddef.h>

struct node {
	size_t size;
	struct node *flink;
	struct node *blink;
};

struct pool;

struct heap {
	struct node nodelist[4];
	struct pool *pool;
};

static inline int heap_class(size_t size)
{
	return size < 64 ? 0 : size < 256 ? 1 : size < 1024 ? 2 : 3;
}

/* Puts a free node on its class's list, in size order. */
static inline void heap_addfree(struct heap *heap, struct node *node)
{
	struct node *prev, *next;
	for (prev = &heap->nodelist[heap_class(node->size)], next = prev->flink;
	     next && next->size < node->size; prev = next, next = next->flink)
		;
	prev->flink = node;
	node->blink = prev;
	node->flink = next;
	if (next)
		next->blink = node;
}

void *heap_malloc(struct heap *heap, size_t size);
void heap_free(struct heap *heap, void *mem);
void *pool_alloc(struct pool *pool, size_t size);

/* Fixed blocks of a few sizes, for the heap's small requests. */
#include <stddef.h>

struct block {
	struct block *next;
};

struct pool {
	size_t blocksize;
	struct block *free;
};

void *pool_alloc(struct pool *pool, size_t size)
{
	struct block *b;
	if (size > pool->blocksize || (b = pool->free) == NULL)
		return NULL;
	pool->free = b->next;
	return b;
}

void pool_free(struct pool *pool, void *mem)
{
	struct block *b = mem;
	b->next = pool->free;
	pool->free = b;
}

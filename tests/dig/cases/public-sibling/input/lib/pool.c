/* A face over its own worker: pool_alloc only forwards to _pool_alloc, the inner half of
 * the same API (the same name with a worker's decoration), which other code calls too. The
 * worker is no public sibling: the chain looks through it to the memory it hands out
 * (pool_alloc -> malloc), as through a static worker. */
#include <stdlib.h>
#include <stddef.h>

struct blk {
	struct blk *next;
};

static struct blk *pool_free_list;

void *_pool_alloc(size_t n)
{
	struct blk *b = pool_free_list;
	if (b) {
		pool_free_list = b->next;
		return b;
	}
	return malloc(n);
}

void *pool_alloc(size_t n)
{
	return _pool_alloc(n);
}

void pool_release(void *p)
{
	struct blk *b = p;
	b->next = pool_free_list;
	pool_free_list = b;
}

/* The pool's get and put: a pop and a push on the pool's own list, through list.h's
 * helpers, which this file reaches only through pool.h. */
#include "pool.h"

void *pool_get(struct pool *pool)
{
	return list_get(&pool->free);
}

void pool_put(struct pool *pool, void *buffer)
{
	if (buffer != 0)
		pool_push(pool, buffer);
}

/* A pool of fixed-size buffers: the list of free ones is kept in the pool record the
 * caller passes. This header reaches list.h's helpers for the files that include it. */
#ifndef POOL_H
#define POOL_H

#include "list.h"

struct pool {
	struct list free;
	unsigned long used;
};

static inline void pool_push(struct pool *pool, void *buffer)
{
	list_append(&pool->free, (struct node *)buffer);
}

#endif

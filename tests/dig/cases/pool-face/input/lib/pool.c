/* The pools' generic half: the first object whose in-use flag is clear is flagged and
 * handed out; pool_free clears its flag. */
#include <stddef.h>

#include "pool.h"

void *pool_alloc(struct pool *p)
{
	for (unsigned int i = 0; i < p->num; i++)
		if (!p->used[i]) {
			p->used[i] = 1;
			return (char *)p->mem + i * p->size;
		}
	return NULL;
}

void pool_free(struct pool *p, void *obj)
{
	unsigned int i = (unsigned int)(((char *)obj - (char *)p->mem) / p->size);
	if (i < p->num)
		p->used[i] = 0;
}

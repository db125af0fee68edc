/* Fixed buffers off a free list, refilled from malloc. */
#include <stdlib.h>

struct pool { void *free; size_t size; unsigned nout; };

static void *pool_refill(struct pool *pp)
{
	return malloc(pp->size);
}

/* One buffer of the pool's size. */
void *pool_get(struct pool *pp, int flags)
{
	void *p = pp->free;
	if (p == NULL)
		return flags ? pool_refill(pp) : NULL;
	pp->free = *(void **)p;
	pp->nout++;
	return p;
}

/* Give a buffer back. */
void pool_put(struct pool *pp, void *v)
{
	*(void **)v = pp->free;
	pp->free = v;
	pp->nout--;
}

/* A pool word does not make one size per cache: pool_alloc takes a size and hands out
 * variable sizes, first fit over the pool's free list (general-purpose). */
struct chunk { struct chunk *next; unsigned long size; };
struct pool { struct chunk *free; };

void *pool_alloc(struct pool *pp, unsigned long size)
{
	struct chunk **cp, *c;

	for (cp = &pp->free; (c = *cp) != 0; cp = &c->next)
		if (c->size >= size) {
			*cp = c->next;
			return c + 1;
		}
	return 0;
}

void pool_free(struct pool *pp, void *p)
{
	struct chunk *c = (struct chunk *)p - 1;
	c->next = pp->free;
	pp->free = c;
}

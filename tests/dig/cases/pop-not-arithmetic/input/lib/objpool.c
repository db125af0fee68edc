/* A pool of fixed-size objects written compactly: the taking half pops the pool's free
 * list in one line of three statements, the giving half pushes back. The pop writes what
 * its handle points to: no computation from its arguments, an allocator. */
struct obj {
	struct obj *next;
	char data[56];
};

struct pool {
	struct obj *free;
	unsigned long nfree;
};

void *pool_alloc_obj(struct pool *pl)
{
	struct obj *o = pl->free; if (o) pl->free = o->next; return o;
}

void pool_free_obj(struct pool *pl, void *p)
{
	struct obj *o = p;
	o->next = pl->free;
	pl->free = o;
}

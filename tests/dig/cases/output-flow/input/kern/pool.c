/* A pool of fixed-size items: pool_get (no allocation verb in its name) hands out an item
 * from the pool's free list, refilled a page at a time by pool_page_alloc from the page
 * allocator; pool_put takes it back. */
#include <stddef.h>

struct pool_item { struct pool_item *next; };
struct pool { struct pool_item *free; size_t size; };

static unsigned long pool_nget;

void *kmem_alloc(size_t size, int flags);

static void *
pool_page_alloc(struct pool *pp)
{
	return kmem_alloc(4096, 0);
}

static void
pool_refill(struct pool *pp)
{
	char *pg = pool_page_alloc(pp);
	for (size_t off = 0; off + pp->size <= 4096; off += pp->size) {
		struct pool_item *it = (struct pool_item *)(pg + off);
		it->next = pp->free;
		pp->free = it;
	}
}

void *
pool_get(struct pool *pp, int flags)
{
	struct pool_item *it;

	if (pp->free == NULL)
		pool_refill(pp);
	it = pp->free;
	if (it != NULL)
		pp->free = it->next;
	pool_nget++;
	return it;
}

void
pool_put(struct pool *pp, void *v)
{
	struct pool_item *it = v;

	it->next = pp->free;
	pp->free = it;
}

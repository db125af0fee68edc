/* A zone allocator: fixed-size items off a zone's free list, refilled from pages. */
#include <stddef.h>

struct item {
	struct item *next;
};

struct zone {
	struct item *free;
	size_t size;
};

extern void *pages_alloc(size_t n);

static struct zone zones[8];
static int nzones;

struct zone *zone_create(size_t size)
{
	struct zone *z = &zones[nzones++];

	z->size = size;
	return z;
}

void *zone_alloc_arg(struct zone *z, void *arg, int flags)
{
	struct item *it = z->free;

	if (it == NULL) {
		char *p = pages_alloc(4096);
		size_t i;

		if (p == NULL)
			return NULL;
		for (i = 0; i + z->size <= 4096; i += z->size) {
			((struct item *)(p + i))->next = z->free;
			z->free = (struct item *)(p + i);
		}
		it = z->free;
	}
	z->free = it->next;
	(void)arg;
	(void)flags;
	return it;
}

void zone_free_arg(struct zone *z, void *item, void *arg)
{
	struct item *it = item;

	(void)arg;
	it->next = z->free;
	z->free = it;
}

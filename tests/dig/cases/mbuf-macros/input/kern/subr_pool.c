/* A pool cache of fixed-size objects: a free list refilled from pages. */
#include <stddef.h>
#include "../sys/pool.h"

struct pool_item {
	struct pool_item *next;
};

struct pool_cache {
	struct pool_item *free;
	size_t size;
	char *page, *end;
};

extern char *page_alloc(void);

void *
pool_cache_alloc(struct pool_cache *pc, int flags)
{
	struct pool_item *it = pc->free;

	(void)flags;
	if (it != NULL) {
		pc->free = it->next;
		return it;
	}
	if (pc->page == NULL || pc->page + pc->size > pc->end) {
		pc->page = page_alloc();
		if (pc->page == NULL)
			return NULL;
		pc->end = pc->page + 4096;
	}
	it = (struct pool_item *)pc->page;
	pc->page += pc->size;
	return it;
}

void
pool_cache_free(struct pool_cache *pc, void *obj)
{
	struct pool_item *it = obj;

	it->next = pc->free;
	pc->free = it;
}

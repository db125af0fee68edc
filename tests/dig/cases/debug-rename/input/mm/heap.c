#include "heap.h"

struct blk {
	struct blk *next;
	unsigned int size;
};

static struct blk *freelist;
static char arena[65536];
static unsigned int used;

void *heap_alloc(unsigned int n, int flags)
{
	struct blk *b, **pp;

	for (pp = &freelist; (b = *pp) != 0; pp = &b->next)
		if (b->size >= n) {
			*pp = b->next;
			return b + 1;
		}
	if (used + n + sizeof(struct blk) > sizeof arena)
		return 0;
	b = (struct blk *)(arena + used);
	used += n + sizeof(struct blk);
	b->size = n;
	return b + 1;
}

void heap_free(void *p)
{
	struct blk *b = (struct blk *)p - 1;

	b->next = freelist;
	freelist = b;
}

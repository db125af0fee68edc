/* A first-fit allocator over the loader's static heap. */
#include "stand.h"

struct blk {
	struct blk *next;
	size_t size;
};

static char heap[65536];
static struct blk *freelist;
static size_t top;

void *
Malloc(size_t n, const char *file, int line)
{
	struct blk **pp, *b;

	(void)file;
	(void)line;
	n = (n + sizeof(struct blk) + 15) & ~(size_t)15;
	for (pp = &freelist; (b = *pp) != NULL; pp = &b->next)
		if (b->size >= n) {
			*pp = b->next;
			return b + 1;
		}
	if (top + n > sizeof heap)
		return NULL;
	b = (struct blk *)(heap + top);
	top += n;
	b->size = n;
	return b + 1;
}

void
Free(void *p, const char *file, int line)
{
	struct blk *b = (struct blk *)p - 1;

	(void)file;
	(void)line;
	b->next = freelist;
	freelist = b;
}

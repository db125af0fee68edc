/* The library's allocator proper: first fit over a free list kept in a file static. */
#include <stddef.h>

struct blk {
	struct blk *next;
	size_t size;
};

static struct blk *freelist;

void *
malloc(size_t nbytes)
{
	struct blk **pp, *b;

	for (pp = &freelist; (b = *pp) != NULL; pp = &b->next)
		if (b->size >= nbytes) {
			*pp = b->next;
			return b + 1;
		}
	return NULL;
}

void
free(void *ptr)
{
	struct blk *b = (struct blk *)ptr - 1;

	b->next = freelist;
	freelist = b;
}

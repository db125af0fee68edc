/* The system's block allocator: first fit over a free list of blocks carved from a static
 * arena; mem_free takes the block and its size back. */
#include <stddef.h>

struct blk {
	struct blk *next;
	unsigned int len;
};

static char arena[65536];
static struct blk *freelist;
static unsigned int used;

void *mem_alloc(unsigned int nbytes)
{
	struct blk **pp, *b;

	nbytes = (nbytes + 7) & ~7u;
	for (pp = &freelist; (b = *pp) != NULL; pp = &b->next)
		if (b->len >= nbytes) {
			*pp = b->next;
			return b;
		}
	if (used + nbytes > sizeof arena)
		return NULL;
	b = (struct blk *)&arena[used];
	used += nbytes;
	return b;
}

void mem_free(void *p, unsigned int nbytes)
{
	struct blk *b = p;

	b->len = nbytes;
	b->next = freelist;
	freelist = b;
}

/* A first-fit allocator over a static arena, with a free list shared by both halves. */
#include <sys/param.h>
#include <sys/malloc.h>

struct blk {
	struct blk *next;
	unsigned long size;
};

static char arena[1 << 16];
static struct blk *freelist;
static unsigned long brk;

void *
kern_malloc(unsigned long size, int flags)
{
	struct blk **pp, *b;

	size = (size + sizeof(struct blk) + 15) & ~15UL;
	for (pp = &freelist; (b = *pp) != 0; pp = &b->next)
		if (b->size >= size) {
			*pp = b->next;
			return b + 1;
		}
	if (size > sizeof arena - brk)
		return 0;
	b = (struct blk *)(arena + brk);
	brk += size;
	b->size = size;
	return b + 1;
}

void
kern_free(void *addr)
{
	struct blk *b = (struct blk *)addr - 1;

	b->next = freelist;
	freelist = b;
}

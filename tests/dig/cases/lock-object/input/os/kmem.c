/* The kernel's general allocator: a bump over a static arena with one free list. */
#include <stddef.h>

struct blk {
	struct blk *next;
	size_t size;
};

static char kmem_arena[65536];
static size_t kmem_top;
static struct blk *kmem_freelist;

/* size bytes, from the free list when a block fits, else off the arena's top. */
void *kmem_alloc(size_t size, int flags)
{
	struct blk **pp, *b;

	(void) flags;
	for (pp = &kmem_freelist; (b = *pp) != NULL; pp = &b->next)
		if (b->size >= size) {
			*pp = b->next;
			return b;
		}
	if (size < sizeof (struct blk))
		size = sizeof (struct blk);
	if (kmem_top + size > sizeof kmem_arena)
		return NULL;
	b = (struct blk *)&kmem_arena[kmem_top];
	kmem_top += size;
	return b;
}

/* Give size bytes at p back to the free list. */
void kmem_free(void *p, size_t size)
{
	struct blk *b = p;

	b->size = size;
	b->next = kmem_freelist;
	kmem_freelist = b;
}

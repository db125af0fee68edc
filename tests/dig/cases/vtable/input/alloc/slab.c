/*
 * An allocator reached only through an ops table.
 */
#include <stddef.h>

struct alloc_ops {
	void *(*alloc)(size_t n);
	void (*release)(void *p);
};

static char slab_space[8192];
static size_t slab_used;

static void *
slab_alloc(size_t n)
{
	void *p = &slab_space[slab_used];

	slab_used += n;
	return p;
}

static void
slab_free(void *p)
{
	(void)p;
}

const struct alloc_ops slab_ops = {
	.alloc = slab_alloc,
	.release = slab_free,
};

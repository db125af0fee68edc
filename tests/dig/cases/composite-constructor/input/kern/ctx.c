/* A context from the kernel heap, one allocation, fields set: an allocator of contexts. */
#include <stddef.h>

struct ctx {
	int refs;
	int id;
};

extern void *kmem_zalloc(size_t, int);
extern void kmem_free(void *, size_t);

void *
ctx_alloc(void)
{
	struct ctx *c;

	c = kmem_zalloc(sizeof (struct ctx), 0);
	c->refs = 1;
	c->id = -1;
	return c;
}

void
ctx_free(void *c)
{
	kmem_free(c, sizeof (struct ctx));
}

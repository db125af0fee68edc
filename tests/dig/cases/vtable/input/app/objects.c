#include <stddef.h>

struct alloc_ops {
	void *(*alloc)(size_t n);
	void (*release)(void *p);
};

void *
object_new(const struct alloc_ops *ops, size_t n)
{
	return ops->alloc(n);
}

void
object_delete(const struct alloc_ops *ops, void *p)
{
	ops->release(p);
}

void *
object_peek(void)
{
	return (void *)slab_alloc;
}

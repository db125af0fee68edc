#include <linux/malloc.h>

static char kmem_pool[8192];
static unsigned kmem_used;

void *
linux_kmalloc(unsigned int size, int priority)
{
	void *p = &kmem_pool[kmem_used];

	kmem_used += size;
	return p;
}

void
linux_kfree(void *p)
{
	kmem_used = p ? kmem_used : 0;
}

/* The kernel's allocator: free lists per size class over pages. */
#include "kmem.h"

extern void *page_alloc(size_t npages);

static void *freelist[16];

void *
kmem_alloc(size_t size, int flags)
{
	int c = 0;
	void **p;

	(void)flags;
	while (((size_t)16 << c) < size)
		c++;
	if ((p = freelist[c]) != NULL) {
		freelist[c] = *p;
		return p;
	}
	return page_alloc(1);
}

void
kmem_free(void *v, size_t size)
{
	int c = 0;
	void **p = v;

	while (((size_t)16 << c) < size)
		c++;
	*p = freelist[c];
	freelist[c] = p;
}

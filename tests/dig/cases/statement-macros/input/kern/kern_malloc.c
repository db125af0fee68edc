/* The kernel's malloc: power-of-two buckets over pages. */
#include "../sys/malloc.h"

extern void *kmem_page_alloc(unsigned long npages);

static void *bucket[32];

void *
malloc(unsigned long size, int type, int flags)
{
	int b = 4;
	void **p;

	(void)type;
	(void)flags;
	while ((1ul << b) < size)
		b++;
	if ((p = bucket[b]) != 0) {
		bucket[b] = *p;
		return p;
	}
	return kmem_page_alloc((1ul << b) / 4096 + 1);
}

void
free(void *addr, int type)
{
	void **p = addr;

	(void)type;
	*p = bucket[4];
	bucket[4] = p;
}

/*
 * A sized kalloc for user programs, over sbrk.
 */
#include <stddef.h>

extern void *sbrk(long);

static char *heap_next;
static char *heap_end;

void *
kalloc(size_t size)
{
	char *p;

	if (heap_next == NULL || heap_next + size > heap_end) {
		heap_next = sbrk(65536);
		heap_end = heap_next + 65536;
	}
	p = heap_next;
	heap_next += size;
	return p;
}

void
kfree(void *ptr)
{
	(void)ptr;
}

/* An allocator whose entry point forwards the size it takes, with a cached limit read
 * through an accessor named like it: still an allocator of variable sizes, not one unit a
 * call; it passes its size to malloc/calloc and its one variable is a number, so it is a
 * wrapper of them (role.c). */
#include <stdlib.h>

static size_t kalloc_limit;

static size_t kalloc_max_get(void)
{
	if (kalloc_limit == 0)
		kalloc_limit = 16384;
	return kalloc_limit;
}

void *kalloc(size_t size)
{
	if (size >= kalloc_max_get())
		return malloc(size);
	return calloc(1, size);
}

void kfree(void *p)
{
	free(p);
}

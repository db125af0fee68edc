/*
 * A kernel-library kalloc carving a static arena with a bump pointer; kfree pushes the
 * block on a free list.
 */
#include <stddef.h>

#define ARENA_SIZE 65536

static char arena[ARENA_SIZE];
static size_t arena_used;
static void *free_list;

void *
kalloc(size_t size)
{
	void *p;

	size = (size + 15) & ~15;
	if (free_list != NULL) {
		p = free_list;
		free_list = *(void **)p;
		return p;
	}
	if (arena_used + size > sizeof arena)
		return NULL;
	p = &arena[arena_used];
	arena_used += size;
	return p;
}

void
kfree(void *ptr)
{
	if (ptr == NULL)
		return;
	*(void **)ptr = free_list;
	free_list = ptr;
}

void *
krealloc(void *ptr, size_t size)
{
	void *q = kalloc(size);

	if (q != NULL && ptr != NULL)
		memcpy(q, ptr, size);
	kfree(ptr);
	return q;
}

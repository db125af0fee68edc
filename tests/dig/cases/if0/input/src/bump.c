/*
 * A bump allocator with an old implementation kept under #if 0.
 */
#include <stddef.h>

static char space[1024];
static size_t space_used;

#if 0
void *
bump_alloc(size_t n)
{
	mutex_lock(&bump_lock);
	return sbrk(n);
}
#endif

void *
bump_alloc(size_t n)
{
	void *p;

	if (space_used + n > sizeof space)
		return NULL;
	p = &space[space_used];
	space_used += n;
	return p;
}

void
bump_release(void *p)
{
#if 0
	assert(p != NULL);
	space_used = 0;
#endif
	(void)p;
}

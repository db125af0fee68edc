/* A carver with no free: its heap is the file's, and its release is empty because a bump
 * allocator never takes anything back. */
#include <stddef.h>

static char heap[8192];
static size_t used;

void *
carve_alloc(size_t nbytes)
{
	char *p;

	if (nbytes > sizeof heap - used)
		return NULL;
	p = heap + used;
	used += (nbytes + 15) & ~(size_t)15;
	return p;
}

void
carve_free(void *ptr)
{
}

/* The standalone (boot) library's allocator: a boot image, not linked into programs. */
#include <stddef.h>

static char heap[16384];
static size_t brkp;

void *malloc(size_t n)
{
	void *p = &heap[brkp];
	if (brkp + n > sizeof heap)
		return NULL;
	brkp += n;
	return p;
}

void free(void *p)
{
	(void)p;
}

/* The runtime linker's private allocator: a static arena, linked into ld only. */
#include <stddef.h>

static char arena[65536];
static size_t used;
size_t heap_peak; /* a public global: a library elsewhere uses the same name */

void *malloc(size_t n)
{
	void *p;
	if (used + n > sizeof arena)
		return NULL;
	p = &arena[used];
	used += n;
	if (used > heap_peak)
		heap_peak = used;
	return p;
}

void free(void *p)
{
	if (p == arena)
		used = 0;
}

#include <stdlib.h>
#include "mem.h"

void *mem_alloc (size_t bytes)
{
	void *p = malloc (bytes);
	if (!p)
		abort ();
	return p;
}

void *mem_alloc_n (size_t n, size_t size)
{
	if (size && n > (size_t)-1 / size)
		abort ();
	return mem_alloc (n * size);
}

void *mem_zalloc_n (size_t n, size_t size)
{
	void *p;
	if (size && n > (size_t)-1 / size)
		abort ();
	p = calloc (n, size);
	if (!p)
		abort ();
	return p;
}

void mem_free (void *p)
{
	free (p);
}

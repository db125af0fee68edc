#include <stdlib.h>
#include "mem.h"

void *mem_alloc (size_t bytes)
{
	void *p = malloc (bytes);
	if (!p)
		abort ();
	return p;
}

void *mem_zalloc (size_t bytes)
{
	void *p = calloc (1, bytes);
	if (!p)
		abort ();
	return p;
}

void mem_free (void *p)
{
	free (p);
}

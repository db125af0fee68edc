#include <stdlib.h>
#include "mem.h"

void *core_alloc (size_t bytes)
{
	void *p = malloc (bytes);
	if (!p)
		abort ();
	return p;
}

void core_free (void *p)
{
	free (p);
}

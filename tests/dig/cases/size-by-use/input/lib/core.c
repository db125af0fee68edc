/* The core allocator: lib_malloc takes a size by name. */
#include <stdlib.h>

void *lib_malloc(unsigned long n)
{
	return malloc(n);
}

void lib_free(void *p)
{
	free(p);
}

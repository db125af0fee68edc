/* The allocation wrapper, written with the library's pointer typedef: raw memory from the
 * C library, the program stopped when there is none. */
#include <stdlib.h>
#include "types.h"

anyptr
mem_alloc(size_t nbytes)
{
	anyptr p;

	if (nbytes == 0)
		return NULL;
	p = malloc(nbytes);
	if (p == NULL)
		abort();
	return p;
}

void
mem_free(anyptr p)
{
	free(p);
}

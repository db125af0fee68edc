/* The library's allocation wrapper: calls the C library's malloc, which no file of the
 * library defines. */
#include <stdlib.h>

void *mem_alloc(size_t nbytes)
{
	void *p;

	if (nbytes == 0)
		return NULL;
	p = malloc(nbytes);
	if (p == NULL)
		mem_fatal("out of memory");
	return p;
}

void mem_free(void *p)
{
	free(p);
}

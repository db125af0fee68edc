#include "../include/kernel.h"

void *malloc(unsigned nbytes)
{
	unsigned *p = heapget(nbytes + sizeof(unsigned));
	if ((void *)SYSERR == p)
		return 0;
	*p = nbytes + sizeof(unsigned);
	return p + 1;
}

void free(void *ptr)
{
	unsigned *p = (unsigned *)ptr - 1;
	heapfree(p, *p);
}

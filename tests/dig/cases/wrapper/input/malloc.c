/*
 * The root malloc family forwards to the kernel library's kalloc.
 */
#include <kalloc.h>

char *
malloc(unsigned nbytes)
{
	return kalloc(nbytes);
}

void
free(char *ap)
{
	kfree(ap);
}

char *
realloc(char *ptr, unsigned nbytes)
{
	return krealloc(ptr, nbytes);
}

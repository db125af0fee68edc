/*
 * Shared by the kernel, the loader and the C library's users: which <stdlib.h> it gets
 * depends on the build, and the boot loader's and the C library's tie by name. The
 * loader's malloc rename is not the C library's: it must not reach this file.
 */
#include <stdlib.h>

void *
default_bzalloc(void *opaque, int items, int size)
{
	(void)opaque;
	return malloc((size_t)items * size);
}

void
default_bzfree(void *opaque, void *addr)
{
	(void)opaque;
	free(addr);
}

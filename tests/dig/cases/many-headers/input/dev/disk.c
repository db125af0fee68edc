/* A driver: sys/param.h first (seventy headers), then sys/malloc.h. */
#include <sys/param.h>
#include <sys/malloc.h>

void *
disk_buffer(unsigned long n)
{
	return malloc(n, 2, 0);
}

void
disk_release(void *p)
{
	free(p, 2);
}

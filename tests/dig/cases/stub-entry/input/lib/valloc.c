/* A malloc library that leaves out aligned allocation: the entry points exist so that
 * programs link, and refuse every request. */
#include <errno.h>
#include <stddef.h>

/* memalign(align, nbytes): not supported; every call fails */
void *
memalign(size_t align, size_t nbytes)
{
	errno = EINVAL;
	return (NULL);
}

/* pvalloc(nbytes): neither */
void *
pvalloc(size_t nbytes)
{
	if (nbytes == 0)
		return ((void *)0);
	errno = ENOMEM;
	return (0);
}

/* A checked allocation through a hook called as (*xalloc_hook)(n): its backend link is the
 * function the program stores into the hook. */
#include <stdlib.h>

void *(*xalloc_hook)(size_t size);

void *xalloc(size_t size)
{
	void *p = (*xalloc_hook)(size ? size : 1);

	if (p == NULL)
		abort();
	return p;
}

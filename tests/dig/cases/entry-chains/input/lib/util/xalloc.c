/* Two wrappers in one file: each entry point's own call is its first link, not the
 * file's most-called allocator (calloc is called more often here, from xcalloc). */
#include <stdlib.h>

void fatal(const char *msg);

void *xmalloc(size_t n)
{
	void *p = malloc(n);
	if (p == NULL)
		fatal("out of memory");
	return p;
}

void *xcalloc(size_t n, size_t m)
{
	void *p = calloc(n, m);
	if (p == NULL)
		p = calloc(n, m);
	if (p == NULL)
		fatal("out of memory");
	return p;
}

void xfree(void *p)
{
	free(p);
}

/* A program's checked allocation: xmalloc, xcalloc and xrealloc forward to the C library
 * and, when it fails, ask a retry hook and then call a failure hook the program may set:
 * file-scope pointers to functions, tested and called (one of them shared with another
 * file). A hook holds no list, count or arena that the functions change, so it is no
 * state of theirs: they are wrappers of malloc, calloc and realloc, not allocators. */
#include <stdio.h>
#include <stdlib.h>

static void xmem_default_failed(size_t size)
{
	fprintf(stderr, "out of memory (%lu bytes)\n", (unsigned long)size);
	exit(1);
}

void (*xmalloc_failed)(size_t size) = xmem_default_failed;
static int (*xmalloc_retry)(size_t), (*xmalloc_trace[4])(const char *, size_t);

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	while (p == NULL && xmalloc_retry && xmalloc_retry(size))
		p = malloc(size ? size : 1);
	if (p == NULL)
		xmalloc_failed(size);
	if (xmalloc_trace[0])
		xmalloc_trace[0]("xmalloc", size);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n, size);

	if (p == NULL)
		(*xmalloc_failed)(n * size);
	return p;
}

void *xrealloc(void *old, size_t size)
{
	void *p = realloc(old, size);

	if (p == NULL && size != 0)
		xmalloc_failed(size);
	return p;
}

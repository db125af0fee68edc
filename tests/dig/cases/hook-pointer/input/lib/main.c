/* The program: sets the failure hook and uses each function. */
#include <stdio.h>
#include <stdlib.h>

extern void (*xmalloc_failed)(size_t size);
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *old, size_t size);
void *node_alloc(void);
void node_free(void *p);

static void give_up(size_t size)
{
	fprintf(stderr, "no memory for %lu bytes\n", (unsigned long)size);
	abort();
}

int main(void)
{
	char *a, *b, *n;

	xmalloc_failed = give_up;
	a = xmalloc(10);
	b = xcalloc(4, 8);
	a = xrealloc(a, 20);
	n = node_alloc();
	node_free(n);
	free(a);
	free(b);
	return 0;
}

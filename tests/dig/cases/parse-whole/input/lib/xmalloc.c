/*
 * xmalloc: malloc or die.  The header is written twice, for ANSI and for
 * K&R compilers; a compiler reads one of them, tree-sitter reads both.
 */
#include <stdlib.h>

extern void fatal();

void *
#ifdef __STDC__
xmalloc(unsigned long n)
#else
xmalloc(n)
	unsigned long n;
#endif
{
	void *p = malloc(n);

	if (p == 0)
		fatal("out of memory");
	return p;
}

void
#ifdef __STDC__
xfree(void *p)
#else
xfree(p)
	char *p;
#endif
{
	free(p);
}

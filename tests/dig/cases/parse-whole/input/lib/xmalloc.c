/*
 * xmalloc: malloc or die.  The header is written twice, for K&R and for
 * ANSI compilers (the old-style one first); a compiler reads one of them,
 * tree-sitter reads both.
 */
#include <stdlib.h>

extern void fatal();

void *
#ifndef __STDC__
xmalloc(n)
	unsigned long n;
#else
xmalloc(unsigned long n)
#endif
{
	void *p = malloc(n);

	if (p == 0)
		fatal("out of memory");
	return p;
}

void
#ifndef __STDC__
xfree(p)
	char *p;
#else
xfree(void *p)
#endif
{
	free(p);
}

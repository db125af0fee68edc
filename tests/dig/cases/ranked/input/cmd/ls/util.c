#include <stdlib.h>

void *xmalloc(size_t n)
{
	void *p = malloc(n);
	if (!p)
		abort();
	return p;
}

char *ls_name(int n)
{
	return xmalloc(n);
}

void ls_done(void *p)
{
	free(p);
}

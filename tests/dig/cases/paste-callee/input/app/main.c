#include <stdio.h>
#include "mem.h"

struct point { int x, y; };

/* a direct use of the pasting macro: the verb is this call's own argument */
long *longs (int n)
{
	return MEM_NEW_ (long, n, zalloc);
}

int main (void)
{
	struct point *p = mem_new0 (struct point, 4);
	char *t = text_dup ("x");
	long *l = longs (2);
	p[0].x = t[0] + (int)l[0];
	puts (MEM_NAME (alloc));
	mem_free (l);
	mem_free (t);
	mem_free (p);
	return 0;
}

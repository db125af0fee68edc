/* alloc serves requests from a chunk it refills with a fixed sbrk(2000); xalloc forwards
 * its size to malloc and is a wrapper. */
char *sbrk();
void *malloc(unsigned long n);
void error(const char *m);
#include "opt.h"

char *alloc(unsigned n)
{
	char *p;
	if (lasta + n >= lastr) {
		if (sbrk(2000) == (char *)-1)
			return 0;
		lastr += 2000;
	}
	p = lasta;
	lasta += n;
	return p;
}

void *xalloc(unsigned long n)
{
	void *p = malloc(n);
	if (p == 0)
		error("out of memory");
	return p;
}

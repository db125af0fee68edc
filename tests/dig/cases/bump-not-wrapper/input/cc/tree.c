/* gblock hands out from the bump pointer it keeps across calls; sbrk(1024) only grows the
 * arena and its value is only tested: no wrapper of sbrk but an allocator of its own
 * (general-purpose). */
#include "cc.h"

char *gblock(unsigned n)
{
	char *p = curbase;
	if ((curbase += n) >= coremax) {
		if (sbrk(1024) == (char *)-1)
			return 0;
		coremax += 1024;
	}
	return p;
}

#include "../include/kernel.h"

/* a page-rounded region off the free list, split */
struct region *regionAlloc(unsigned nbytes)
{
	struct region *r, **pp;

	nbytes = (nbytes + 4095) & ~4095u;
	for (pp = &regfree; (r = *pp) != 0; pp = &r->next)
		if (r->length >= nbytes)
			break;
	if (!r)
		return (struct region *)SYSERR;
	if (r->length > nbytes) {
		struct region *rest = (struct region *)((char *)r + nbytes);
		rest->length = r->length - nbytes;
		rest->next = r->next;
		*pp = rest;
		r->length = nbytes;
	} else
		*pp = r->next;
	return r;
}

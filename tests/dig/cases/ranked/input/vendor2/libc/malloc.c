/* A vendored copy of the C library malloc (first fit, sbrk). */
#include <stddef.h>

struct header { struct header *next; size_t size; };
static struct header *freep;

void *malloc(size_t nbytes)
{
	struct header *p, *prev = freep;
	for (p = prev ? prev->next : 0; p; prev = p, p = p->next)
		if (p->size >= nbytes) {
			prev->next = p->next;
			return p + 1;
		}
	p = sbrk(nbytes + sizeof *p);
	if (p == (void *)-1)
		return 0;
	p->size = nbytes;
	return p + 1;
}

void free(void *ap)
{
	struct header *bp = (struct header *)ap - 1;
	bp->next = freep;
	freep = bp;
}

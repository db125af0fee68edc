/* liba's pool: a first-fit free list grown with sbrk. */
#include <stddef.h>

struct a_hdr { struct a_hdr *next; size_t size; };
static struct a_hdr *a_freep;

void *a_alloc(size_t nbytes)
{
	struct a_hdr *p, *prev = a_freep;
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

void a_free(void *ap)
{
	struct a_hdr *bp = (struct a_hdr *)ap - 1;
	bp->next = a_freep;
	a_freep = bp;
}

/* libb's pool: a first-fit free list grown with sbrk. */
#include <stddef.h>

struct b_hdr { struct b_hdr *next; size_t size; };
static struct b_hdr *b_freep;

void *b_alloc(size_t nbytes)
{
	struct b_hdr *p, *prev = b_freep;
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

void b_free(void *ap)
{
	struct b_hdr *bp = (struct b_hdr *)ap - 1;
	bp->next = b_freep;
	b_freep = bp;
}

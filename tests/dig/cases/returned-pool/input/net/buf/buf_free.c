/* The give half: nbuf_free pushes a buffer back on the free list and returns the next
 * one of its chain. */
#include <stddef.h>
#include "nbuf.h"

struct nbuf *nbuf_free(struct nbuf *b)
{
	struct nbuf *next = b->next;

	b->next = nbuf_freelist;
	nbuf_freelist = b;
	nbuf_navail++;
	return next;
}

/* A pool of network buffers written one function a file: the free list and its count are
 * defined here, threaded at start-up from a static array. */
#include <stddef.h>
#include "nbuf.h"

static struct nbuf nbuf_pool[64];
struct nbuf *nbuf_freelist;
int nbuf_navail;

void nbuf_initialize(void)
{
	int i;

	for (i = 0; i < 64; i++) {
		nbuf_pool[i].next = nbuf_freelist;
		nbuf_freelist = &nbuf_pool[i];
	}
	nbuf_navail = 64;
}

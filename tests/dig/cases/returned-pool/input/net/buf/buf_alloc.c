/* The take half: nbuf_alloc returns what nbuf_timedalloc returns, which returns what
 * nbuf_tryalloc's static helper pops off the free list buf_init.c defines (nbuf_free
 * pushes it back, in its own file). The file also holds the release of another pair
 * (nbuf_free_dynamic, a buffer from malloc): that release is no half of nbuf_alloc's. */
#include <stddef.h>
#include "nbuf.h"
#include <stdlib.h>

int nbuf_wait(unsigned int timeout);
int in_interrupt(void);

static struct nbuf *nbuf_tryalloc_internal(void)
{
	struct nbuf *b = nbuf_freelist;

	if (b != NULL) {
		nbuf_freelist = b->next;
		nbuf_navail--;
		b->next = NULL;
		b->len = 0;
	}
	return b;
}

struct nbuf *nbuf_tryalloc(void)
{
	return nbuf_tryalloc_internal();
}

static struct nbuf *nbuf_allocwait(unsigned int timeout)
{
	struct nbuf *b;

	while ((b = nbuf_tryalloc_internal()) == NULL)
		if (nbuf_wait(timeout) < 0)
			break;
	return b;
}

struct nbuf *nbuf_timedalloc(unsigned int timeout)
{
	if (in_interrupt() || timeout == 0)
		return nbuf_tryalloc();
	return nbuf_allocwait(timeout);
}

struct nbuf *nbuf_alloc(void)
{
	return nbuf_timedalloc(~0u);
}

void nbuf_free_dynamic(void *data)
{
	free(data);
}

#include "../include/kernel.h"

int heapfree(void *p, unsigned nbytes)
{
	struct block *blk = p, *prev, *next;

	nbytes = (nbytes + 7) & ~7u;
	prev = &freelist;
	next = freelist.next;
	while (next && next < blk) {
		prev = next;
		next = next->next;
	}
	blk->next = next;
	blk->length = nbytes;
	prev->next = blk;
	freelist.length += nbytes;
	return 0;
}

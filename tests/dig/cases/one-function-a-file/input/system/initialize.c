#include "../include/kernel.h"

struct block freelist;             /* free memory, address ordered */
struct slot slottab[NSLOT];        /* the slot table */

void sysinit(void *heap, unsigned len)
{
	struct block *b = heap;
	b->next = 0;
	b->length = len;
	freelist.next = b;
	freelist.length = len;
	for (int i = 0; i < NSLOT; i++)
		slottab[i].state = SLOT_FREE;
}

#include "../include/kernel.h"

/* the index of a free slot, marked used */
int slotAlloc(void)
{
	for (int i = 0; i < NSLOT; i++)
		if (slottab[i].state == SLOT_FREE) {
			slottab[i].state = SLOT_USED;
			slottab[i].count = 0;
			return i;
		}
	return SYSERR;
}

#include "../include/kernel.h"

int slotFree(int id)
{
	if (id < 0 || id >= NSLOT)
		return SYSERR;
	slottab[id].state = SLOT_FREE;
	return 0;
}

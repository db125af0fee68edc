#include "../include/kernel.h"

int pktFreebuf(struct pkt *p)
{
	return heapfree(p, PKTSIZE);
}

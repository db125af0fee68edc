#include <string.h>
#include "../include/kernel.h"

struct pkt *pktGetbuf(void)
{
	struct pkt *p = heapget(PKTSIZE);
	if ((void *)SYSERR == p)
		return (struct pkt *)SYSERR;
	memset(p, 0, PKTSIZE);
	return p;
}

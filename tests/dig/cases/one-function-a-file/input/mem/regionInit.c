#include "../include/kernel.h"

struct region *regfree;            /* free regions, first fit */

void regionInit(struct region *all)
{
	regfree = all;
}

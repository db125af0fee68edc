#include "node.h"

void
nfree(node_t n)
{
	kfree(n);
}

int
nuse(void)
{
	nfree(nalloc());
	return 0;
}

/* A use of the statement macro: a call of pool_malloc and one of pool_note (ambiguous). */
#include "../inc/pool.h"

void *
get(unsigned long n)
{
	void *p;

	POOL_GET(p, n);
	return p;
}

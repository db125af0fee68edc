/*
 * Code that does not include the pool's options: POOL_STATS is not known here (the
 * build may define it), so both branches stay live.
 */
#include <stdlib.h>

#if !POOL_STATS
static int stats_off;
#else
void *
legacy_stats(size_t n)
{
	return malloc(n);
}
#endif

void *
legacy_buf(size_t n)
{
	return malloc(n);
}

#include "pool/pool.h"

static const struct pool_desc msg_pool = { 64, 32 };

void *
msg_new(void)
{
	return pool_alloc(&msg_pool);
}

void
msg_free(void *m)
{
	pool_free(&msg_pool, m);
}

int
msg_burst(void **v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if ((v[i] = pool_alloc(&msg_pool)) == NULL)
			return i;
	return n;
}

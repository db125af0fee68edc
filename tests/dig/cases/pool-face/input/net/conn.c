/* Connections come from a pool this file declares: conn_new takes one out of conn_pool
 * and conn_free gives it back there. The face of a pool of its own over the generic
 * pool_alloc. */
#include <stddef.h>

#include "../lib/pool.h"

struct conn {
	int state;
	unsigned short port;
};

POOL(conn_pool, struct conn, 8);

struct conn *conn_new(void)
{
	struct conn *c;

	c = pool_alloc(&conn_pool);
	if (c != NULL) {
		c->state = 0;
		c->port = 0;
	}
	return c;
}

void conn_free(struct conn *c)
{
	pool_free(&conn_pool, c);
}

/* Not one: conn_get steps the connection of a slot through states it tests (open to
 * closed, then a closed one's stamp renewed); conn_open sets it open again. */
#include <stddef.h>

#define CS_OPEN 1
#define CS_CLOSED 2

struct conn {
	int state;
	long stamp;
};

static struct conn conns[4];

struct conn *conn_get(int slot)
{
	struct conn *c = &conns[slot & 3];

	if (c->state == CS_OPEN)
		c->state = CS_CLOSED;
	if (c->state == CS_CLOSED)
		c->stamp = 0;
	return c;
}

void conn_open(struct conn *c)
{
	c->state = CS_OPEN;
}

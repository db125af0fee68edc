/* A message queue: get takes the oldest message, put queues one. No allocator. */
#define NMSG 16

static void *ring[NMSG];
static unsigned head, tail;

void *msg_get(void)
{
	if (head == tail)
		return 0;
	return ring[head++ % NMSG];
}

void msg_put(void *m)
{
	ring[tail++ % NMSG] = m;
}

struct chan { void *slot[8]; unsigned r, w; };

void *chan_get(struct chan *c)
{
	if (c->r == c->w)
		return 0;
	return c->slot[c->r++ % 8];
}

void chan_put(struct chan *c, void *m)
{
	c->slot[c->w++ % 8] = m;
}

/* A queue keeps the pool its items come from: queue_item_alloc takes an item out of the
 * queue's pool and queue_item_free gives it back to the same pool: a pool face too.
 * Not one: queue_link_new takes an item of the pool and links it, but its other half,
 * queue_link_put, only unlinks it: nothing gives it back to the pool. */
#include <stddef.h>

#include "../lib/pool.h"

struct item {
	struct item *next;
	int len;
};

struct queue {
	struct pool *pool;
	struct item *head;
	int count;
};

struct item *queue_item_alloc(struct queue *q)
{
	struct item *it = pool_alloc(q->pool);
	if (it != NULL)
		it->len = 0;
	return it;
}

void queue_item_free(struct queue *q, struct item *it)
{
	if (it != NULL)
		pool_free(q->pool, it);
}

struct item *queue_link_new(struct queue *q)
{
	struct item *it = pool_alloc(q->pool);
	if (it != NULL) {
		it->next = q->head;
		q->head = it;
	}
	return it;
}

void queue_link_put(struct queue *q, struct item *it)
{
	if (q->head == it)
		q->head = it->next;
	q->count--;
}

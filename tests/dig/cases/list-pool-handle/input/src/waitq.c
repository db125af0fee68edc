/* Not an allocator: threads wait on a queue; the queue's get pops the first waiter, and
 * enqueue (no release word) puts one on. */
#include "list.h"

struct waitq {
	struct list waiters;
};

struct node *waitq_get_first(struct waitq *q)
{
	return list_get(&q->waiters);
}

void waitq_enqueue(struct waitq *q, struct node *thread)
{
	list_append(&q->waiters, thread);
}

/* Not an allocator either: a lookup on a table's list. */
static int match_id(struct node *n, int key)
{
	return ((int *)(n + 1))[0] == key;
}

struct node *waitq_get_by_id(struct waitq *q, int id)
{
	return list_find(&q->waiters, match_id, id);
}

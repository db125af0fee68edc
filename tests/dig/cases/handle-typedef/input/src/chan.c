/* a pool of idle channels kept in a record the caller names through a typedef of its
 * pointer (`chanpool_t`, as Mach's `ipc_space_t`): idle_alloc takes one off the pool's
 * idle list, chan_dispose puts one back; their names are no pair (the handle and its list
 * pair them), and dispose says give back */
#include "../include/list.h"

struct chanpool {
	struct list idle;
	int nidle;
};

typedef struct chanpool *chanpool_t;

struct chan {
	struct node link;
	int id;
};

struct chan *idle_alloc(chanpool_t pool)
{
	return (struct chan *)list_get(&pool->idle);
}

void chan_dispose(chanpool_t pool, struct chan *c)
{
	list_append(&pool->idle, &c->link);
}

int chan_open(chanpool_t pool, int id)
{
	struct chan *c = idle_alloc(pool);
	if (!c)
		return -1;
	c->id = id;
	return 0;
}

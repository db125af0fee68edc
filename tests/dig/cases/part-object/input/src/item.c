/* Queue items: an item's link is set up, but item_free gives the memory back whole. */
#include <stdlib.h>
#include "compat.h"

struct list { struct list *next, *prev; };
void list_init(struct list *l);

struct item { struct list link; int id; };

/* An item: its link set up, the memory given back whole by item_free. */
void *item_alloc(void)
{
	struct item *it = xmalloc(sizeof(*it));
	list_init(&it->link);
	it->id = 0;
	return it;
}

void item_free(struct item *it)
{
	free(it);
}

/* A work queue's state, built with its name buffer, which queue_free takes apart. */
#include <stdlib.h>
#include "compat.h"

struct list { struct list *next, *prev; };
void list_init(struct list *l);

struct queue { struct strbuf name; struct list items; int depth; };

/* The queue's state: its name buffer set up, taken apart again by queue_free. */
void *queue_alloc(void)
{
	struct queue *q = xmalloc(sizeof(*q));
	strbuf_init(&q->name, 16);
	list_init(&q->items);
	q->depth = 4;
	return q;
}

void queue_free(void *p)
{
	struct queue *q = p;
	strbuf_release(&q->name);
	free(q);
}


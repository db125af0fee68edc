/* a queue's buffer: the assertion asks the page source for nothing (a zero request gives
 * no page), then the buffer comes from the same source: only the first call is tested;
 * the queue's tags, taken more often, are no part of what it hands out */
#include "assert.h"

void *page_get(unsigned long size);
void page_put(void *p);
struct tag *tag_alloc(void);

struct bufq {
	unsigned long size;
	unsigned long nbufs;
	struct tag *head, *tail, *mark;
};

void *bufq_alloc(struct bufq *q)
{
	void *p;
	ASSERT(page_get(0) == 0);
	p = page_get(q->size);
	if (p) {
		q->nbufs++;
		q->head = tag_alloc();
		q->tail = tag_alloc();
		q->mark = tag_alloc();
	}
	return p;
}

void bufq_free(struct bufq *q, void *p)
{
	q->nbufs--;
	page_put(p);
}

/* A first-fit heap: its state is a static of this file. */
#include <stddef.h>

struct chunk { struct chunk *next; size_t len; };
struct heap { struct chunk *free_list; size_t remaining; };

static struct heap theheap;

void *mini_alloc(size_t size)
{
	struct chunk **pp = &theheap.free_list;
	for (; *pp; pp = &(*pp)->next)
		if ((*pp)->len >= size) {
			struct chunk *c = *pp;
			*pp = c->next;
			theheap.remaining -= c->len;
			return c + 1;
		}
	return NULL;
}

void mini_free(void *p)
{
	struct chunk *c = (struct chunk *)p - 1;
	c->next = theheap.free_list;
	theheap.free_list = c;
	theheap.remaining += c->len;
}

/* An intrusive list: linking an element writes into it, and hands nothing out. */
#include <stddef.h>

struct list { void *head; };
struct link { void *next; };

void
list_insert_tail(struct list *l, void *e)
{
	((struct link *)e)->next = l->head;
	l->head = e;
}

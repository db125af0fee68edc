/* A list and its destructor: list_free only takes apart what others allocated. */
#include <stdlib.h>

struct list { struct list *next; void *data; };

void list_free(struct list *l)
{
	struct list *n;
	while (l) {
		n = l->next;
		free(l->data);
		free(l);
		l = n;
	}
}

struct list *list_push(struct list *l, void *data)
{
	struct list *n = malloc(sizeof *n);
	n->next = l;
	n->data = data;
	return n;
}

void list_clear(struct list *l)
{
	list_free(l);
}

/* Intrusive list helpers: they only move links. */
struct list_elem {
	struct list_elem *next;
};

struct list {
	struct list_elem head;
};

void list_push(struct list *l, struct list_elem *e)
{
	e->next = l->head.next;
	l->head.next = e;
}

struct list_elem *list_pop(struct list *l)
{
	struct list_elem *e = l->head.next;
	l->head.next = e->next;
	return e;
}

int list_empty(struct list *l)
{
	return l->head.next == 0;
}

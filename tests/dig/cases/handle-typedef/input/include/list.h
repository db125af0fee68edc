/* a doubly linked list worked by static inline helpers that own nothing */
#ifndef LIST_H
#define LIST_H

struct node {
	struct node *next, *prev;
};

struct list {
	struct node head;
};

static inline struct node *list_get(struct list *l)
{
	struct node *first = l->head.next;
	if (first == &l->head)
		return 0;
	l->head.next = first->next;
	first->next->prev = &l->head;
	return first;
}

static inline void list_append(struct list *l, struct node *n)
{
	n->next = &l->head;
	n->prev = l->head.prev;
	l->head.prev->next = n;
	l->head.prev = n;
}

#endif

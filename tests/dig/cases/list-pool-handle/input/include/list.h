/* A doubly linked list whose helpers are static inline functions of a header: they move
 * nodes of the lists their callers give them and own nothing. */
#ifndef LIST_H
#define LIST_H

struct node {
	struct node *next;
	struct node *prev;
};

struct list {
	struct node head;
};

static inline struct node *list_head(struct list *l)
{
	return &l->head;
}

static inline int list_empty(const struct list *l)
{
	return l->head.next == &l->head;
}

static inline struct node *list_first_unlocked(struct list *l)
{
	struct node *head = list_head(l);
	struct node *first = head->next;
	head->next = first->next;
	first->next->prev = head;
	return first;
}

static inline struct node *list_get(struct list *l)
{
	if (list_empty(l))
		return 0;
	return list_first_unlocked(l);
}

static inline void list_append(struct list *l, struct node *n)
{
	struct node *tail = l->head.prev;
	n->next = &l->head;
	n->prev = tail;
	tail->next = n;
	l->head.prev = n;
}

/* A lookup: walks the list for a key, takes nothing off it. */
static inline struct node *list_find(struct list *l, int (*match)(struct node *, int), int key)
{
	for (struct node *n = l->head.next; n != &l->head; n = n->next)
		if (match(n, key))
			return n;
	return 0;
}

#endif

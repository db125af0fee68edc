#include "../include/kernel.h"

struct tab {
	struct tab *next;
	int size;
};

extern struct tab *tablist;
void free(void *ptr);

int tabFree(struct tab *t)
{
	struct tab **pp;
	for (pp = &tablist; *pp; pp = &(*pp)->next)
		if (*pp == t) {
			*pp = t->next;
			free(t);
			return 0;
		}
	return SYSERR;
}

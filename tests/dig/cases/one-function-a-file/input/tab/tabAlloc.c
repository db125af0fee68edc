#include "../include/kernel.h"

struct tab {
	struct tab *next;
	int size;
};

extern struct tab *tablist;
void *malloc(unsigned nbytes);

/* a table built on malloc and registered on the list: a constructor, not an allocator */
struct tab *tabAlloc(struct tab *like, int size)
{
	struct tab *t = malloc(sizeof *t + (unsigned)size);
	if (!t)
		return 0;
	t->size = like ? like->size : size;
	t->next = tablist;
	tablist = t;
	return t;
}

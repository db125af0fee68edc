#include <stdlib.h>

struct rec {
	struct rec *next;
	int id;
};

struct rec *rec_list;

void rec_free(struct rec *r)
{
	struct rec **pp;

	for (pp = &rec_list; *pp != NULL; pp = &(*pp)->next)
		if (*pp == r) {
			*pp = r->next;
			break;
		}
	free(r);
}

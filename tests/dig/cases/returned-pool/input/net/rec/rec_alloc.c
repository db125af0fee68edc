/* Not a pool: rec_alloc returns what rec_make returns, a record from malloc filled in and
 * linked on the list rec_free.c unlinks it from. The object is malloc's, built here: a
 * constructor, whatever list both halves work. */
#include <stdlib.h>

struct rec {
	struct rec *next;
	int id;
};

extern struct rec *rec_list;

static struct rec *rec_make(int id)
{
	struct rec *r = malloc(sizeof *r);

	if (r != NULL) {
		r->id = id;
		r->next = rec_list;
		rec_list = r;
	}
	return r;
}

struct rec *rec_alloc(int id)
{
	return rec_make(id);
}

/* A pool that really hands out tracking records. */
#include <stddef.h>

struct rec {
	struct rec *next;
	int type;
};

static struct rec recs[64];
static struct rec *rec_freelist;

/* One tracking record off the free list. */
struct rec *rec_alloc(void)
{
	struct rec *r = rec_freelist;
	if (r != NULL)
		rec_freelist = r->next;
	return r;
}

/* Give a record back. */
void rec_free(struct rec *r)
{
	r->next = rec_freelist;
	rec_freelist = r;
}

/* Thread the records on the free list. */
void rec_init(void)
{
	for (int i = 0; i < 64; i++)
		rec_free(&recs[i]);
}

/* A range manager: rman_reserve_resource takes a free range of `count` units out of the manager's
 * list of regions and hands out a record of it; rman_release merges it back. */
struct resource { unsigned long start, end; int used; struct resource *next; };
struct rman { struct resource *list; };

void *malloc(unsigned long n);

struct resource *rman_reserve_resource(struct rman *rm, unsigned long start, unsigned long end, unsigned long count)
{
	struct resource *r, *rv;
	for (r = rm->list; r; r = r->next)
		if (!r->used && r->start >= start && r->end <= end && r->end - r->start + 1 >= count) {
			rv = malloc(sizeof *rv);
			if (!rv)
				return 0;
			rv->start = r->start;
			rv->end = r->start + count - 1;
			rv->used = 1;
			rv->next = r->next;
			r->start += count;
			r->next = rv;
			return rv;
		}
	return 0;
}

int rman_release(struct resource *r)
{
	r->used = 0;
	return 0;
}

/* win_reserve finds a range of count units in one of the bus's windows (kept in the
 * handle) and returns its record: the lower end of bus_alloc_res in bus.c. */
struct win { unsigned long start, end, used; struct win *next; };
struct range { unsigned long start, count; };
struct bus { struct win *wins; struct range ranges[8]; int nranges; };

struct range *win_reserve(struct bus *b, unsigned long start, unsigned long end, unsigned long count)
{
	struct win *w;
	for (w = b->wins; w != 0; w = w->next)
		if (w->start >= start && w->end <= end && w->end - w->start - w->used >= count &&
		    b->nranges < 8) {
			struct range *r = &b->ranges[b->nranges++];
			r->start = w->start + w->used;
			r->count = count;
			w->used += count;
			return r;
		}
	return 0;
}

/* bus_alloc_res hands a child a range of the bus's window: it passes its count to
 * win_reserve, which finds the range in the bus's own list (kept in the handle), and
 * returns the record it gets: the range comes from win_reserve, the chain's first link,
 * so bus_alloc_res keeps no state and is a wrapper of it (not general-purpose). */
struct win { unsigned long start, end, used; struct win *next; };
struct range { unsigned long start, count; };
struct bus { struct win *wins; struct range ranges[8]; int nranges; };

struct range *win_reserve(struct bus *b, unsigned long start, unsigned long end, unsigned long count);

struct range *bus_alloc_res(struct bus *b, int type, unsigned long start, unsigned long end, unsigned long count)
{
	struct range *rv;
	if (type != 1)
		return 0;
	rv = win_reserve(b, start, end, count);
	if (rv == 0)
		return 0;
	return rv;
}

void bus_release_res(struct bus *b, struct range *r)
{
	(void)b;
	r->count = 0;
}

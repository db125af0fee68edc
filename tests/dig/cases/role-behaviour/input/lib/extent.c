/* ext_alloc hands out ranges of a static area by first fit over a list of free-range
 * records; a record used up is given back to heap_free, and ext_free takes a new record
 * from heap_alloc when the range it gets back merges with no neighbour. The records are
 * kept apart from the space they describe, which is never touched: a resource map, not
 * a general-purpose heap. */
void *heap_alloc(unsigned long size);
void heap_free(void *p);
struct ext { struct ext *next; unsigned long start; int len; };
static struct ext *ext_head;
static char modspace[8192];

void ext_init(void)
{
	struct ext *e = heap_alloc(sizeof(struct ext));
	e->next = 0;
	e->start = (unsigned long)modspace;
	e->len = sizeof modspace;
	ext_head = e;
}

void *ext_alloc(int size)
{
	struct ext **pp, *e;
	void *s = 0;
	size = (size + 7) & ~7;
	for (pp = &ext_head; (e = *pp) != 0; pp = &e->next) {
		if (e->len < size)
			continue;
		s = (void *)e->start;
		if (e->len == size) {
			*pp = e->next;
			heap_free(e);
			break;
		}
		e->start += size;
		e->len -= size;
		break;
	}
	return s;
}

void ext_free(void *p, int size)
{
	unsigned long start = (unsigned long)p;
	struct ext *e, *n;
	size = (size + 7) & ~7;
	for (e = ext_head; e != 0; e = e->next)
		if (e->start == start + size) {
			e->start = start;
			e->len += size;
			return;
		}
	n = heap_alloc(sizeof(struct ext));
	n->start = start;
	n->len = size;
	n->next = ext_head;
	ext_head = n;
}

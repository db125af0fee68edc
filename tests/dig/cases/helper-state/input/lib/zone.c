/* zalloc carves n bytes off a static arena through a same-file helper with no allocation
 * verb (carve); zfree gives blocks back to the arena's free list. */
#define ARENA 65536

struct blk { struct blk *next; unsigned n; };

static char arena[ARENA];
static unsigned used;
static struct blk *freelist;

static void *carve(unsigned n, int zero)
{
	char *p;
	if (freelist && freelist->n >= n) {
		p = (char *)freelist;
		freelist = freelist->next;
		return p;
	}
	if (used + n > ARENA)
		return 0;
	p = arena + used;
	used += n;
	if (zero)
		for (unsigned i = 0; i < n; i++)
			p[i] = 0;
	return p;
}

void *zalloc(unsigned n)
{
	return carve(n, 1);
}

void zfree(void *p)
{
	struct blk *b = p;
	b->next = freelist;
	freelist = b;
}

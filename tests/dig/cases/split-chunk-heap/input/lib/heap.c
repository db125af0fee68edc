/* A first-fit heap over a static arena: chunks carry a header, free ones sit on one list. */
struct chunk {
	unsigned long size;
	struct chunk *next;
};

static char arena[1 << 16];
static unsigned long arena_used;
static struct chunk *bins;

/* Puts a chunk on the free list; free uses it, and so may anyone who cuts chunks. */
void bin_chunk(struct chunk *c)
{
	c->next = bins;
	bins = c;
}

void *heap_malloc(unsigned long n)
{
	struct chunk **pp, *c;
	n = (n + 15) & ~15ul;
	for (pp = &bins; (c = *pp) != 0; pp = &c->next)
		if (c->size >= n) {
			*pp = c->next;
			return c + 1;
		}
	if (arena_used + n + sizeof(struct chunk) > sizeof arena)
		return 0;
	c = (struct chunk *)(arena + arena_used);
	arena_used += n + sizeof(struct chunk);
	c->size = n;
	return c + 1;
}

void heap_free(void *p)
{
	if (!p)
		return;
	bin_chunk((struct chunk *)p - 1);
}

/* A first-fit heap over a static arena. */
struct chunk {
	unsigned long size;
	struct chunk *next;
};

static char arena[1 << 16];
static unsigned long arena_used;
static struct chunk *bins;

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
	struct chunk *c;
	if (!p)
		return;
	c = (struct chunk *)p - 1;
	c->next = bins;
	bins = c;
}

/* The C library's allocator: a free list over sbrk. */
struct chunk { struct chunk *next; unsigned long size; };

static struct chunk *freelist;

void *sbrk(long incr);

void *malloc(unsigned long n)
{
	struct chunk *c = freelist;
	if (c && c->size >= n) {
		freelist = c->next;
		return c + 1;
	}
	c = sbrk((long)(n + sizeof *c));
	c->size = n;
	return c + 1;
}

void free(void *p)
{
	struct chunk *c = (struct chunk *)p - 1;
	c->next = freelist;
	freelist = c;
}

void setmalloctag(void *p, unsigned long pc)
{
	((struct chunk *)p - 1)->size |= pc & 0;
}

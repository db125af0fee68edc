/* A page free list. */
struct run { struct run *next; };

static struct run *freelist;

void kfree(char *v)
{
	struct run *r = (struct run *)v;
	r->next = freelist;
	freelist = r;
}

char *kalloc(void)
{
	struct run *r = freelist;
	if (r)
		freelist = r->next;
	return (char *)r;
}

/* One page per call off a free list of pages (page-level). */
#define PGSIZE 4096
struct run { struct run *next; };
static struct run *freelist;

char *kalloc(void)
{
	struct run *r = freelist;
	if (r)
		freelist = r->next;
	return (char *)r;
}

void *memset(void *d, int c, unsigned long n);

void kfree(char *v)
{
	struct run *r = (struct run *)v;
	memset(v, 1, PGSIZE);
	r->next = freelist;
	freelist = r;
}

/* kalloc takes no size and its name says nothing of pages: its free fills PGSIZE bytes, so
 * each unit is a page. */
#define PGSIZE 4096

struct run { struct run *next; };
static struct { struct run *freelist; } kmem;

void memset(void *p, int c, unsigned long n);

char *kalloc(void)
{
	struct run *r = kmem.freelist;
	if (r)
		kmem.freelist = r->next;
	return (char *)r;
}

void kfree(char *v)
{
	struct run *r = (struct run *)v;
	memset(v, 1, PGSIZE);
	r->next = kmem.freelist;
	kmem.freelist = r;
}

/* A flat kernel tree (every file at the root, as xv6): a page free list whose two
 * functions call no kernel primitive; the file's other function does (panic), so the
 * file runs in the kernel and the allocator with it. */
struct run { struct run *next; };
static struct run *freelist;
void panic(char *s);

char *
pgalloc(void)
{
	struct run *r = freelist;
	if (r)
		freelist = r->next;
	return (char *)r;
}

void
pgfree(char *v)
{
	struct run *r = (struct run *)v;
	r->next = freelist;
	freelist = r;
}

int
pgcheck(int n)
{
	if (n < 0)
		panic("pgcheck");
	return n;
}

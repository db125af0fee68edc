/* A bucket allocator whose page source sits in its own file: kmalloc's first link is the
 * page source it calls (called from other files too), not a helper. */
struct page { struct page *next; };

static struct page *free_pages_list;
static char *buckets[16];

void panic(const char *msg);

unsigned long __get_free_pages(int order)
{
	struct page *p = free_pages_list;
	if (p == 0)
		panic("no pages");
	free_pages_list = p->next;
	return (unsigned long)p;
}

void free_pages(unsigned long addr, int order)
{
	struct page *p = (struct page *)addr;
	p->next = free_pages_list;
	free_pages_list = p;
}

static int bucket_of(unsigned long size)
{
	int b = 0;
	while ((16UL << b) < size)
		b++;
	return b;
}

void *kmalloc(unsigned long size)
{
	int b = bucket_of(size);
	char *p = buckets[b];
	if (p == 0)
		p = (char *)__get_free_pages(0);
	buckets[b] = *(char **)p;
	return p;
}

void kfree(void *p, unsigned long size)
{
	int b = bucket_of(size);
	*(char **)p = buckets[b];
	buckets[b] = p;
}

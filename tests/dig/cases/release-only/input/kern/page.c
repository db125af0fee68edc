/* get_free_page hands out a free page: the name says get before free. */
struct page { struct page *next; };

static struct page *page_freelist;

void panic(const char *msg);

unsigned long get_free_page(void)
{
	struct page *p = page_freelist;
	if (!p)
		panic("out of pages");
	page_freelist = p->next;
	return (unsigned long)p;
}

void free_page(unsigned long addr)
{
	struct page *p = (struct page *)addr;
	p->next = page_freelist;
	page_freelist = p;
}

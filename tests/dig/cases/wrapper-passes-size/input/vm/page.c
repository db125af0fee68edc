/* The page allocator: runs of pages off one free list. */
struct page { struct page *next; unsigned long npages; };
static struct page *page_freelist;

struct page *page_alloc_contig(unsigned long size, int sel)
{
	struct page **pp, *p;
	unsigned long npages = (size + 4095) / 4096;

	(void)sel;
	for (pp = &page_freelist; (p = *pp) != 0; pp = &p->next)
		if (p->npages >= npages) {
			*pp = p->next;
			return p;
		}
	return 0;
}

void page_free_contig(struct page *p, unsigned long size)
{
	p->npages = (size + 4095) / 4096;
	p->next = page_freelist;
	page_freelist = p;
}

/* Passes its size to a page allocator (page_alloc_contig) and maps what it got: page-level,
 * not a plain wrapper. */
struct page;
struct page *page_alloc_contig(unsigned long size, int sel);
void page_free_contig(struct page *p, unsigned long size);
unsigned long page_to_pa(struct page *p);
void *map_enter(void *map, unsigned long size, unsigned long pa);
void *kernel_map;

void *contig_alloc(unsigned long size, int sel)
{
	struct page *pages;
	void *va;

	if (size == 0)
		return 0;
	pages = page_alloc_contig(size, sel);
	if (pages == 0)
		return 0;
	va = map_enter(kernel_map, size, page_to_pa(pages));
	if (va == 0)
		page_free_contig(pages, size);
	return va;
}

void contig_free(void *va, unsigned long size)
{
	(void)va;
	(void)size;
}

/* the page records, indexed by address: the owner only reads them in a release */
struct page {
	struct page *next;
	int count;
};

struct page *mem_map;

void free_page(struct page *p);

void free_pte(unsigned long pte)
{
	struct page *pg = mem_map + (pte >> 12);
	if (--pg->count == 0)
		free_page(pg);
}

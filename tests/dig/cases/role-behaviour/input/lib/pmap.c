/* One file, two free lists: pv_alloc takes no size and pops a pv entry off pv_free_list
 * (pv_free pushes it back): one object per call, fixed-size. The page-table page allocator
 * beside it (pt_page_alloc, with its own free list of PAGE_SIZE pages) works on other state
 * and says nothing of pv_alloc's unit, however the grouping glues the file. */
#define PAGE_SIZE 4096
struct pv { struct pv *next; void *pmap; unsigned long va; };
static struct pv *pv_free_list;
static struct pv pv_table[256];
static char *pt_free_pages;
static char pt_pool[16 * PAGE_SIZE];

struct pv *pv_alloc(void)
{
	struct pv *p = pv_free_list;
	if (p)
		pv_free_list = p->next;
	return p;
}

void pv_free(struct pv *p)
{
	p->next = pv_free_list;
	pv_free_list = p;
}

void pv_init(void)
{
	for (int i = 0; i < 256; i++)
		pv_free(&pv_table[i]);
	for (int i = 0; i < 16; i++) {
		*(char **)(pt_pool + i * PAGE_SIZE) = pt_free_pages;
		pt_free_pages = pt_pool + i * PAGE_SIZE;
	}
}

static void *pt_page_alloc(void)
{
	char *pg = pt_free_pages;
	if (pg)
		pt_free_pages = *(char **)pg;
	return pg;
}

static void pt_page_free(void *pg)
{
	*(char **)pg = pt_free_pages;
	pt_free_pages = pg;
}

void *pmap_enter_pt(void *pmap)
{
	void *pt = pt_page_alloc();
	(void)pmap;
	return pt;
}

void pmap_remove_pt(void *pt)
{
	pt_page_free(pt);
}

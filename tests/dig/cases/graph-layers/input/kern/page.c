/* The page level: pages carved from a static pool, a free list of whole pages. */
#include <stddef.h>

#define PAGE 4096
#define NPAGES 64

struct page { struct page *next; };

static char pool[NPAGES * PAGE];
static struct page *page_free_list;
static size_t page_next;

void *page_alloc(void)
{
	struct page *p = page_free_list;

	if (p) {
		page_free_list = p->next;
		return p;
	}
	if (page_next == NPAGES)
		return NULL;
	return &pool[PAGE * page_next++];
}

void page_free(void *v)
{
	struct page *p = v;

	p->next = page_free_list;
	page_free_list = p;
}

/* The page level: pages carved from a static pool, a free list of whole pages; no
 * allocation verb in the names (get/put). */
#include <stddef.h>

#define PAGE 4096
#define NPAGES 64

struct page { struct page *next; };

static char pool[NPAGES * PAGE];
static struct page *page_put_list;
static size_t page_next;

void *page_get(void)
{
	struct page *p = page_put_list;

	if (p) {
		page_put_list = p->next;
		return p;
	}
	if (page_next == NPAGES)
		return NULL;
	return &pool[PAGE * page_next++];
}

void page_put(void *v)
{
	struct page *p = v;

	p->next = page_put_list;
	page_put_list = p;
}

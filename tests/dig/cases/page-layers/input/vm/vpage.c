/* The page layer: a page of an object, from the object's cache or else the buddy queues;
 * page_free_toq gives it back to the queues. */
#include "page.h"

static page_t page_cache;
static int page_free_count = 100;

page_t page_alloc(void *object, long pindex, int req)
{
	page_t m;

	if (page_cache != 0 && (req & 1)) {
		m = page_cache;
		page_cache = m->next;
		return m;
	}
	if (page_free_count <= 0)
		return 0;
	m = phys_alloc_pages(0, 0);
	if (m == 0)
		return 0;
	m->pa = (unsigned long)pindex;
	return m;
}

void page_free_toq(page_t m)
{
	page_free_count++;
	phys_free_pages(m, 0);
}

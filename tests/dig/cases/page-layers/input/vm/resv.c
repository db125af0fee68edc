/* Reservations: the next page of an object's reservation, else a new block from the buddy
 * queues; resv_free_page gives the block back through its static helper. */
#include "page.h"

struct resv {
	page_t pages;
	void *object;
	int popcnt;
};

static struct resv resv_table[16];

static struct resv *resv_lookup(void *object)
{
	int i;

	for (i = 0; i < 16; i++)
		if (resv_table[i].object == object)
			return &resv_table[i];
	return 0;
}

static void resv_depopulate(struct resv *rv)
{
	if (--rv->popcnt == 0) {
		phys_free_pages(rv->pages, 4);
		rv->object = 0;
	}
}

page_t resv_alloc_page(void *object, long pindex)
{
	struct resv *rv = resv_lookup(object);
	page_t m;

	if (rv != 0 && rv->popcnt < 16)
		return &rv->pages[rv->popcnt++];
	m = phys_alloc_pages(0, 4);
	if (m == 0)
		return 0;
	m->pa = (unsigned long)pindex;
	return m;
}

int resv_free_page(page_t m)
{
	struct resv *rv = resv_lookup((void *)m->pa);

	if (rv == 0)
		return 0;
	resv_depopulate(rv);
	return 1;
}

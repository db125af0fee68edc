/* A page allocator that takes parameters (where the page goes, how to pick it) and says
 * it allocates: the page comes off its file's free lists through a static helper, and
 * the release puts it back on them. */
struct vm_object;
struct vm_page {
	struct vm_page *next;
	struct vm_object *obj;
	long off;
	int flags;
};

#define NFREELIST 4

static struct vm_page *page_free[NFREELIST];
static int page_nfree;

static struct vm_page *page_take_list(int fl)
{
	struct vm_page *pg = page_free[fl];
	if (pg != 0) {
		page_free[fl] = pg->next;
		page_nfree--;
	}
	return pg;
}

struct vm_page *vm_pagealloc_strat(struct vm_object *obj, long off, int flags, int strat, int free_list)
{
	struct vm_page *pg = 0;
	if (strat == 1)
		pg = page_take_list(free_list);
	for (int fl = 0; pg == 0 && fl < NFREELIST; fl++)
		pg = page_take_list(fl);
	if (pg == 0)
		return 0;
	pg->obj = obj;
	pg->off = off;
	pg->flags = flags;
	return pg;
}

void vm_pagefree(struct vm_page *pg)
{
	pg->obj = 0;
	pg->next = page_free[0];
	page_free[0] = pg;
	page_nfree++;
}

/* A list of physical pages for a size: the public half checks and forwards to static
 * helpers that take pages off the kernel's free lists into the caller's list; the
 * release takes that list as its one parameter and puts its pages back. */
typedef unsigned long size_t;
struct page {
	struct page *next;
};
struct pglist {
	struct page *first;
	int count;
};

extern struct page *page_freelist;
extern int page_freelock;
extern long page_nfree;
extern void spin_enter(int *lock);
extern void spin_exit(int *lock);

static int pglistalloc_simple(int num, struct pglist *rlist)
{
	spin_enter(&page_freelock);
	while (num > 0 && page_freelist != 0) {
		struct page *pg = page_freelist;
		page_freelist = pg->next;
		page_nfree--;
		pg->next = rlist->first;
		rlist->first = pg;
		rlist->count++;
		num--;
	}
	spin_exit(&page_freelock);
	return num == 0 ? 0 : 12;
}

int pglistalloc(size_t size, long low, long high, struct pglist *rlist, int waitok)
{
	if (low > high || waitok < 0)
		return 22;
	rlist->first = 0;
	rlist->count = 0;
	return pglistalloc_simple((int)(size / 4096), rlist);
}

void pglistfree(struct pglist *list)
{
	spin_enter(&page_freelock);
	while (list->first != 0) {
		struct page *pg = list->first;
		list->first = pg->next;
		pg->next = page_freelist;
		page_freelist = pg;
		page_nfree++;
	}
	list->count = 0;
	spin_exit(&page_freelock);
}

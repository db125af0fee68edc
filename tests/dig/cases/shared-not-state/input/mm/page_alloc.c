/* the page allocator: a free list of pages it hands out from and puts back to; a count of
 * free pages and a lock that other code reads and takes too */
struct page {
	struct page *next;
	int count;
};

struct spinlock {
	int locked;
};

struct page *page_free_list;
int nr_free;
struct spinlock mem_lock;

void spin_lock(struct spinlock *l);
void spin_unlock(struct spinlock *l);

struct page *get_free_page(void)
{
	struct page *p;
	spin_lock(&mem_lock);
	p = page_free_list;
	if (p) {
		page_free_list = p->next;
		nr_free--;
	}
	spin_unlock(&mem_lock);
	return p;
}

void free_page(struct page *p)
{
	spin_lock(&mem_lock);
	p->next = page_free_list;
	page_free_list = p;
	nr_free++;
	spin_unlock(&mem_lock);
}

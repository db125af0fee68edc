/* Size classes carved from arenas of one page each; a request too big for every class is
 * served on its own path, rounded up to whole pages and sent to the page pool. The small
 * path refills a class's free list from the page pool (a request of its own, none of the
 * caller's size): the blocks handed out are carved and kept here, so this is no wrapper
 * and no page-level allocator, whatever the large path does first. */
#define PGSIZE 4096
#define DIV_ROUND_UP(x, step) (((x) + (step) - 1) / (step))

struct list_elem {
	struct list_elem *next;
};

struct list {
	struct list_elem head;
};

void list_push(struct list *l, struct list_elem *e);
struct list_elem *list_pop(struct list *l);
int list_empty(struct list *l);

struct block {
	struct list_elem elem;
};

struct arena {
	struct desc *desc;
	unsigned long pages;
};

struct desc {
	unsigned long block_size;
	struct list free_list;
};

void *page_get_run(int flags, unsigned long page_cnt);
void page_free_run(void *pages, unsigned long page_cnt);

static struct desc descs[8];
static int desc_cnt;

void heap_init(void)
{
	unsigned long size;

	for (size = 16; size < PGSIZE / 2; size *= 2)
		descs[desc_cnt++].block_size = size;
}

void *malloc(unsigned long size)
{
	struct desc *d;
	struct arena *a;
	struct block *b;
	unsigned long i;

	for (d = descs; d < descs + desc_cnt; d++)
		if (d->block_size >= size)
			break;
	if (d == descs + desc_cnt) {
		unsigned long page_cnt = DIV_ROUND_UP(size + sizeof *a, PGSIZE);
		a = page_get_run(0, page_cnt);
		if (!a)
			return 0;
		a->desc = 0;
		a->pages = page_cnt;
		return a + 1;
	}
	if (list_empty(&d->free_list)) {
		a = page_get_run(0, 1);
		if (!a)
			return 0;
		a->desc = d;
		a->pages = 1;
		for (i = 0; (i + 2) * d->block_size <= PGSIZE; i++) {
			b = (struct block *)((char *)(a + 1) + i * d->block_size);
			list_push(&d->free_list, &b->elem);
		}
	}
	b = (struct block *)list_pop(&d->free_list);
	return b;
}

void free(void *p)
{
	struct arena *a = (struct arena *)((unsigned long)p & ~(unsigned long)(PGSIZE - 1));
	struct block *b = p;

	if (!p)
		return;
	if (!a->desc) {
		page_free_run(a, a->pages);
		return;
	}
	list_push(&a->desc->free_list, &b->elem);
}

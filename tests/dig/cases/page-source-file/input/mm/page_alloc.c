/* a buddy page allocator whose free lists are worked inside macros (no preprocessor: the
 * tool sees no state in __get_free_pages) and whose release merges blocks back; the page
 * source is named like a backend, and only other files call it */
struct page {
	struct page *next;
	struct page *prev;
	unsigned long flags;
};

struct free_area {
	struct page head;
	unsigned long *map;
};

struct free_area free_area[10];
struct page *mem_map;
unsigned long nr_free_pages;

#define RMQUEUE(order) \
do { struct free_area *area = free_area + (order); \
	struct page *ret = area->head.next; \
	if (ret != &area->head) { \
		area->head.next = ret->next; \
		nr_free_pages -= 1UL << (order); \
		return (unsigned long)(ret - mem_map) << 12; \
	} \
} while (0)

static void free_pages_ok(unsigned long nr, unsigned long order)
{
	struct free_area *area = free_area + order;
	struct page *p = mem_map + nr;
	p->next = area->head.next;
	area->head.next = p;
	nr_free_pages += 1UL << order;
}

void free_pages(unsigned long addr, unsigned long order)
{
	unsigned long nr = addr >> 12;
	if (mem_map[nr].flags & 1)
		return;
	free_pages_ok(nr, order);
}

unsigned long __get_free_pages(int gfp, unsigned long order)
{
	if (order >= 10 || gfp < 0)
		return 0;
	RMQUEUE(order);
	return 0;
}

/* quarter pages out of pages of the page allocator, on a free list of its own; it marks
 * the pages it splits in their page records */
struct page {
	struct page *next;
	int count;
};

struct small {
	struct small *next;
};

extern struct page *mem_map;
static struct small *small_free;

struct page *get_free_page(void);

void *small_page_alloc(void)
{
	struct small *s = small_free;
	if (!s) {
		struct page *pg = get_free_page();
		char *base = (char *)pg;
		if (!pg)
			return 0;
		mem_map[(unsigned long)pg >> 12].count = 4;
		for (int k = 0; k < 4; k++) {
			s = (struct small *)(base + k * 1024);
			s->next = small_free;
			small_free = s;
		}
		s = small_free;
	}
	small_free = s->next;
	return s;
}

void small_page_free(void *p)
{
	struct small *s = p;
	s->next = small_free;
	small_free = s;
}

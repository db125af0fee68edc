/* a cache of one object size carved from pages of the page allocator, marking each page
 * it takes in the page allocator's table of page records */
struct obj {
	struct obj *next;
};

struct page {
	struct page *next;
	struct page *prev;
	unsigned long flags;
};

extern struct page *mem_map;
unsigned long __get_free_pages(int gfp, unsigned long order);
void free_pages(unsigned long addr, unsigned long order);

static struct obj *obj_free;

void *obj_alloc(void)
{
	struct obj *o = obj_free;
	if (!o) {
		unsigned long page = __get_free_pages(0, 0);
		if (!page)
			return 0;
		mem_map[page >> 12].flags |= 2;
		o = (struct obj *)page;
		o->next = 0;
	}
	obj_free = o->next;
	return o;
}

void obj_free_one(void *p)
{
	struct obj *o = p;
	o->next = obj_free;
	obj_free = o;
}

/* The physical page allocator: a free list of pages. */
typedef struct vm_page *vm_page_t;
struct vm_page {
	vm_page_t next;
	unsigned long phys;
};

static vm_page_t page_free_list;
static int page_free_count;

vm_page_t vm_page_alloc_pa(unsigned order)
{
	vm_page_t m = page_free_list;
	if (m == 0 || order != 0)
		return 0;
	page_free_list = m->next;
	page_free_count--;
	return m;
}

void vm_page_free_pa(vm_page_t m, unsigned order)
{
	(void)order;
	m->next = page_free_list;
	page_free_list = m;
	page_free_count++;
}

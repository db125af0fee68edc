/* Physically contiguous memory for old drivers: the address is returned, the pages come
 * back through an out-parameter, and the release takes those pages by value. */
typedef struct vm_page *vm_page_t;
struct vm_page {
	unsigned long phys_addr;
};

extern vm_page_t vm_page_grab_contig(unsigned size, unsigned sel);
extern void vm_page_free_contig(vm_page_t pages, unsigned size);

unsigned long alloc_contig_mem(unsigned size, unsigned limit, unsigned mask, vm_page_t *pages)
{
	vm_page_t p = vm_page_grab_contig(size, limit < 0x1000000);
	(void)mask;
	if (p == 0)
		return 0;
	*pages = p;
	return p->phys_addr;
}

void free_contig_mem(vm_page_t pages, unsigned size)
{
	vm_page_free_contig(pages, size);
}

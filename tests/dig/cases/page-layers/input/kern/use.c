/* Callers that use what the page layers hand out. */
#include "../vm/page.h"

extern struct vmmap kernel_map_store;

unsigned long grab_pages(void *obj)
{
	page_t a = page_alloc(obj, 1, 0);
	page_t b = resv_alloc_page(obj, 2);
	page_t c = phys_alloc_contig(4, 0, 1UL << 30, 4096, 0);
	vm_offset_t k = kmem_alloc(&kernel_map_store, 8192);
	vm_offset_t d = kmem_alloc_contig(&kernel_map_store, 8192, 0, 0, 1UL << 30);

	page_free_toq(a);
	resv_free_page(b);
	phys_free_contig(c, 4);
	kmem_free(&kernel_map_store, k, 8192);
	return d;
}

/* Contiguous kernel memory: a range of the map backed by a run of pages. Named like a
 * backend, it gets its pages from the buddy queues' allocator: an allocator, not the bottom. */
#include "page.h"

vm_offset_t kmem_alloc_contig(vmmap_t map, unsigned long size, int flags, unsigned long low, unsigned long high)
{
	vm_offset_t addr;
	page_t pages;

	size = (size + 4095) & ~4095UL;
	if (map_findspace(map, size, &addr))
		return 0;
	pages = phys_alloc_contig(size / 4096, low, high, 4096, 0);
	if (pages == 0)
		return 0;
	map_insert(map, addr, size);
	return addr + (flags & 0);
}

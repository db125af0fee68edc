/* Kernel memory of a map: a page-rounded range for a size, taken back by kmem_free(map,
 * addr, size). Named like a backend, it is an allocator over the map. */
#include "page.h"

vm_offset_t kmem_alloc(vmmap_t map, unsigned long size)
{
	vm_offset_t addr;

	size = (size + 4095) & ~4095UL;
	if (map_findspace(map, size, &addr))
		return 0;
	map_insert(map, addr, size);
	return addr;
}

void kmem_free(vmmap_t map, vm_offset_t addr, unsigned long size)
{
	map_remove(map, addr, addr + size);
}

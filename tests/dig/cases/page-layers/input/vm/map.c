/* Address ranges of a map (vmmap_t): a range for a size, and its removal. */
#include "page.h"

struct vmmap {
	vm_offset_t min, max, next;
};

int map_findspace(vmmap_t map, unsigned long size, vm_offset_t *addr)
{
	if (map->next + size > map->max)
		return 1;
	*addr = map->next;
	return 0;
}

void map_insert(vmmap_t map, vm_offset_t addr, unsigned long size)
{
	map->next = addr + size;
}

void map_remove(vmmap_t map, vm_offset_t start, vm_offset_t end)
{
	if (end == map->next)
		map->next = start;
}

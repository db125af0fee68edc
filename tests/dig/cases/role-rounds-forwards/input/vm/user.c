/* The vm_allocate call rounds the request to pages and forwards it, map and size, to the
 * map's range allocator: a wrapper of vm_map_enter (its name is a backend's, its rounding
 * says page, neither decides). */
#define PAGE_SIZE 4096
#define round_page(x) (((x) + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1))
struct vm_map;
typedef struct vm_map *vm_map_t;
int vm_map_enter(vm_map_t map, unsigned long *address, unsigned long size);
int vm_map_remove(vm_map_t map, unsigned long start, unsigned long end);

int vm_allocate(vm_map_t map, unsigned long *addr, unsigned long size)
{
	if (map == 0)
		return 4;
	size = round_page(size);
	return vm_map_enter(map, addr, size);
}

int vm_deallocate(vm_map_t map, unsigned long start, unsigned long size)
{
	return vm_map_remove(map, start, start + round_page(size));
}

/* Kernel pages on a map, the address through an out-parameter: kmem_alloc(map, &addr, size). */
typedef struct vm_map *vm_map_t;
typedef unsigned long vm_offset_t;
typedef unsigned long vm_size_t;
typedef int kern_return_t;

extern kern_return_t vm_map_find_entry(vm_map_t map, vm_offset_t *addr, vm_size_t size);
extern void vm_map_remove(vm_map_t map, vm_offset_t start, vm_offset_t end);

kern_return_t kmem_alloc(vm_map_t map, vm_offset_t *addrp, vm_size_t size)
{
	vm_offset_t addr;
	kern_return_t kr = vm_map_find_entry(map, &addr, size);
	if (kr != 0)
		return kr;
	*addrp = addr;
	return 0;
}

void kmem_free(vm_map_t map, vm_offset_t addr, vm_size_t size)
{
	vm_map_remove(map, addr, addr + size);
}

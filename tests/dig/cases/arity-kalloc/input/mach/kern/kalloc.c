/*
 * Mach-style kalloc: sized blocks from a free list per power of two.
 */
typedef unsigned long vm_offset_t;
typedef unsigned long vm_size_t;

static vm_offset_t kalloc_free_list[16];

vm_offset_t
kalloc(vm_size_t size)
{
	vm_offset_t addr = kalloc_free_list[size & 15];

	kalloc_free_list[size & 15] = 0;
	return addr;
}

void
kfree(vm_offset_t data, vm_size_t size)
{
	kalloc_free_list[size & 15] = data;
}

/*
 * Mach-style kalloc: power-of-two zones below kalloc_max, wired kernel memory above.
 */
#include <kern/zalloc.h>

#define MINSIZE 16

typedef unsigned long vm_offset_t;
typedef unsigned long vm_size_t;
typedef struct zone *zone_t;

extern void *kalloc_map;
vm_size_t kalloc_max = 16384;
zone_t k_zone[16];

vm_offset_t
kalloc(vm_size_t size)
{
	int zindex = 0;
	vm_size_t allocsize = MINSIZE;
	vm_offset_t addr;

	if (size >= kalloc_max) {
		if (kmem_alloc_wired(kalloc_map, &addr, size) != 0)
			return 0;
		return addr;
	}
	while (allocsize < size) {
		allocsize <<= 1;
		zindex++;
	}
	return zalloc(k_zone[zindex]);
}

vm_offset_t
kget(vm_size_t size)
{
	int zindex = 0;
	vm_size_t allocsize = MINSIZE;

	if (size >= kalloc_max)
		panic("kget");
	while (allocsize < size) {
		allocsize <<= 1;
		zindex++;
	}
	return zget(k_zone[zindex]);
}

void
kfree(vm_offset_t data, vm_size_t size)
{
	int zindex = 0;
	vm_size_t freesize = MINSIZE;

	if (size >= kalloc_max) {
		kmem_free(kalloc_map, data, size);
		return;
	}
	while (freesize < size) {
		freesize <<= 1;
		zindex++;
	}
	zfree(k_zone[zindex], data);
}

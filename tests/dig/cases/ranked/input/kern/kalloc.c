/* A kernel object allocator: a free list per size, refilled from wired pages. */
#include "kalloc.h"

struct kalloc_bufctl { struct kalloc_bufctl *next; };
static struct kalloc_bufctl *kfreelist[8];
static simple_lock_data_t kalloc_lock;

void *kalloc(vm_size_t size)
{
	struct kalloc_bufctl *b;
	int i = size >> 6;
	simple_lock(&kalloc_lock);
	b = kfreelist[i];
	if (b == 0) {
		vm_offset_t addr;
		kmem_alloc_wired(kernel_map, &addr, 4096);
		b = (struct kalloc_bufctl *)addr;
	} else
		kfreelist[i] = b->next;
	simple_unlock(&kalloc_lock);
	return b;
}

void kfree(void *p, vm_size_t size)
{
	struct kalloc_bufctl *b = p;
	int i = size >> 6;
	simple_lock(&kalloc_lock);
	b->next = kfreelist[i];
	kfreelist[i] = b;
	simple_unlock(&kalloc_lock);
}

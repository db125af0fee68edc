/* A wrapper: zeroed kernel memory. */
#include "kalloc.h"

void *kzalloc(vm_size_t size)
{
	void *p = kalloc(size);
	if (p)
		memset(p, 0, size);
	return p;
}

/* The i386 kernel's own malloc: a bump arena for the kernel image, never linked into a
 * user program. */
#include <stddef.h>

static char kmem_arena[65536];
static size_t kmem_top;

void *
malloc(size_t size)
{
	void *p;

	if (kmem_top + size > sizeof kmem_arena)
		return NULL;
	p = &kmem_arena[kmem_top];
	kmem_top += (size + 15) & ~(size_t)15;
	return p;
}

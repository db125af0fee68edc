/* The core allocator: bumps blocks off the top of a static area, no free. */
#include <stddef.h>
#include <stdint.h>

static uint8_t core_area[65536];
static uint8_t *core_top = core_area + sizeof core_area;

void *core_alloc_aligned(size_t size, unsigned align)
{
	uint8_t *p = (uint8_t *)(((uintptr_t)core_top - size) & ~(uintptr_t)(align - 1));
	if (p < core_area)
		return NULL;
	core_top = p;
	return p;
}

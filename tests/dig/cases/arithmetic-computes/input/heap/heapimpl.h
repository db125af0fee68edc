/* a heap block's user area: an address computed from the block, rounded up by a helper that
 * computes only itself: no allocator, whatever its name says (refute.c arithmetic) */
#include <stdint.h>

struct block {
	struct block *next;
	unsigned long size;
};

static inline uintptr_t align_up(uintptr_t v, uintptr_t a)
{
	return (v + a - 1) & ~(a - 1);
}

static inline void *block_alloc_area(struct block *b)
{
	return (void *)align_up((uintptr_t)b + sizeof *b, 16);
}

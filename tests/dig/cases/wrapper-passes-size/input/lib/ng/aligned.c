/* Not a wrapper though it passes its size to ng_malloc: it moves the block's start through
 * the allocator's own meta (get_meta, set_size from meta.h), so it is part of it. */
#include "meta.h"
void *ng_malloc(unsigned long n);

void *ng_aligned_alloc(unsigned long align, unsigned long len)
{
	unsigned char *p = ng_malloc(len + align);
	unsigned long adj;

	if (!p)
		return 0;
	adj = (align - (unsigned long)p % align) % align;
	if (adj) {
		get_meta(p + adj)->next = 0;
		set_size(p + adj, len);
	}
	return p + adj;
}

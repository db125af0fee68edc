/* Physical pages from the granule allocator, counted in pages and handed out as addresses
 * (a number type): page-level. */
#include <stdint.h>

#define MM_PGSHIFT 12

struct gran;
void *gran_alloc(struct gran *g, unsigned long size);
void gran_free(struct gran *g, void *p, unsigned long size);

static struct gran *g_pgalloc;

uintptr_t mm_pgalloc(unsigned int npages)
{
	return (uintptr_t)gran_alloc(g_pgalloc, (unsigned long)npages << MM_PGSHIFT);
}

void mm_pgfree(uintptr_t paddr, unsigned int npages)
{
	gran_free(g_pgalloc, (void *)paddr, (unsigned long)npages << MM_PGSHIFT);
}

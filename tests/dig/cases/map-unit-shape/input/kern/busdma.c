/* Three allocators whose parameters name a map (busdma.c, pv.c, map.c). Only map_alloc
 * returns a unit of its map (it takes a map and a size and returns the start of a range:
 * a resource map, role.c). dma_mem_alloc returns a status and passes memory out through
 * `void **vaddr` (carved off a static pool): its `dmamap_t *mapp` is a DMA mapping it
 * makes, no namespace. */
#include <stddef.h>

typedef struct dmamap *dmamap_t;

static char dma_pool[65536];
static size_t dma_next;

int
dma_mem_alloc(size_t size, void **vaddr, int flags, dmamap_t *mapp)
{
	*mapp = NULL;
	if (size > sizeof dma_pool - dma_next)
		return 12;
	*vaddr = &dma_pool[dma_next];
	dma_next += size;
	return 0;
}

void
dma_mem_free(void *vaddr, dmamap_t map)
{
	if ((char *)vaddr >= dma_pool && (char *)vaddr < dma_pool + sizeof dma_pool)
		dma_next = (size_t)((char *)vaddr - dma_pool);
}

/* The kernel map's allocator: kmem_alloc_contig carves a range of a map and backs it with
 * pages. dma_alloc_coherent (dev/dma.c, another
 * subsystem) hands the kernel map on with its size: the map is this
 * allocator's state, not the wrapper's, so dma_alloc_coherent stays a wrapper. */
typedef unsigned long size_t;
struct vm_map { unsigned long next, end; };
struct vm_map kernel_map_store;
struct vm_map *kmem_map = &kernel_map_store;

void *kmem_alloc_contig(struct vm_map *map, size_t size, int flags, unsigned long align)
{
	unsigned long a = (map->next + align - 1) & ~(align - 1);
	(void)flags;
	if (a + size > map->end)
		return 0;
	map->next = a + size;
	return (void *)a;
}

void kmem_free(struct vm_map *map, void *p, size_t size)
{
	if ((unsigned long)p + size == map->next)
		map->next = (unsigned long)p;
}

typedef unsigned long size_t;
struct vm_map;
extern struct vm_map *kmem_map;
void *kmem_alloc_contig(struct vm_map *map, size_t size, int flags, unsigned long align);
void kmem_free(struct vm_map *map, void *p, size_t size);
unsigned long vtophys(void *p);
unsigned long dma_pages;

void *dma_alloc_coherent(void *dev, size_t size, unsigned long *handle, int flag)
{
	void *mem;
	unsigned long align;
	int order = 0;
	(void)dev;
	while ((4096UL << order) < size)
		order++;
	align = 4096UL << order;
	mem = kmem_alloc_contig(kmem_map, size, flag, align);
	if (mem) {
		*handle = vtophys(mem);
		dma_pages += size / 4096;
	}
	else {
		*handle = 0;
	}
	return mem;
}

void dma_free_coherent(void *dev, size_t size, void *mem, unsigned long handle)
{
	(void)dev;
	(void)handle;
	dma_pages -= size / 4096;
	kmem_free(kmem_map, mem, size);
}

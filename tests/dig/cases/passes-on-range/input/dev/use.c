struct resource;
struct resource *bus_alloc_resource(void *dev, void *child, int rid, unsigned long start, unsigned long end,
                                  unsigned long count);
int bus_release_resource(void *dev, void *child, struct resource *r);
void *dma_alloc_coherent(void *dev, unsigned long size, unsigned long *handle, int flag);
void dma_free_coherent(void *dev, unsigned long size, void *mem, unsigned long handle);

void attach(void *dev, void *child)
{
	unsigned long h;
	struct resource *a = bus_alloc_resource(dev, child, 0, 0, ~0UL, 16);
	struct resource *b = bus_alloc_resource(dev, child, 1, 0, ~0UL, 32);
	void *m = dma_alloc_coherent(dev, 4096, &h, 0);
	dma_free_coherent(dev, 4096, m, h);
	bus_release_resource(dev, child, a);
	bus_release_resource(dev, child, b);
}

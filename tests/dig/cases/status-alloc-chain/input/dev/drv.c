/* A driver's DMA buffer: its first link is bus_dmamem_alloc, the call it gets the memory
 * from. */
struct seg { unsigned long addr, len; };
struct softc { void *tag; struct seg seg; };

int bus_dmamem_alloc(void *tag, unsigned long size, struct seg *segs, int *rsegs);
void drv_dma_free(struct softc *sc, void *p);

void *drv_dma_alloc(struct softc *sc, unsigned long size)
{
	int nseg;
	if (bus_dmamem_alloc(sc->tag, size, &sc->seg, &nseg) != 0)
		return 0;
	return (void *)sc->seg.addr;
}

void drv_dma_free(struct softc *sc, void *p)
{
	sc->seg.len = 0;
}

void drv_attach(struct softc *sc)
{
	void *p = drv_dma_alloc(sc, 4096);
	drv_dma_free(sc, p);
}

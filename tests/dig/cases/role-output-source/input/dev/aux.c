/* A sound driver's allocm hook: its own kmem_alloc only makes the record that remembers the
 * buffer; the memory it returns (KERNADDR(p), p->addr) is what aux_allocmem gets from
 * bus_dmamem_alloc and maps into that record. A wrapper of the bus DMA allocator. */
#include "dma.h"
#define KERNADDR(p) ((void *)((p)->addr))
static int
aux_allocmem(struct softc *sc, size_t size, size_t align, struct dmabuf *p)
{
	int error;
	p->size = size;
	error = bus_dmamem_alloc(sc->dmat, p->size, align, p->segs, 1, &p->nsegs);
	if (error)
		return error;
	error = bus_dmamem_map(sc->dmat, p->segs, p->nsegs, p->size, &p->addr);
	if (error)
		bus_dmamem_free(sc->dmat, p->segs, p->nsegs);
	return error;
}

static void
aux_freemem(struct softc *sc, struct dmabuf *p)
{
	bus_dmamem_unmap(sc->dmat, p->addr, p->size);
	bus_dmamem_free(sc->dmat, p->segs, p->nsegs);
}

void *
aux_malloc(void *arg, int direction, size_t size)
{
	struct softc *sc = arg;
	struct dmabuf *p;
	p = kmem_alloc(sizeof(*p), 0);
	if (!p)
		return NULL;
	if (aux_allocmem(sc, size, 16, p)) {
		kmem_free(p, sizeof(*p));
		printf("aux_malloc: not enough memory\n");
		return NULL;
	}
	p->next = sc->dmas;
	sc->dmas = p;
	printf("aux_malloc: kern %p for %zu bytes in %d segs\n",
	    KERNADDR(p), p->size, p->nsegs);
	return KERNADDR(p);
}

void
aux_free(void *arg, void *ptr, size_t size)
{
	struct softc *sc = arg;
	struct dmabuf *p = sc->dmas;
	aux_freemem(sc, p);
	kmem_free(p, sizeof(*p));
}

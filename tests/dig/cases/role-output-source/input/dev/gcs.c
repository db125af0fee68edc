/* The same hook, the helper given the address of the record's field (&p->addr) and a DMA
 * map to create: the memory handed out still comes from bus_dmamem_alloc, one definition per
 * machine port (several candidates), not from a map of this file. A wrapper. */
#include "dma.h"
static int
gcs_allocate_dma(struct softc *sc, size_t size, void **addrp, struct seg *segs, int nseg, int *rsegp,
                 bus_dmamap_t *mapp)
{
	int error;
	if ((error = bus_dmamem_alloc(sc->dmat, size, 4096, segs, nseg, rsegp)) != 0) {
		printf("unable to allocate DMA buffer, error=%d\n", error);
		goto fail_alloc;
	}
	if ((error = bus_dmamem_map(sc->dmat, segs, nseg, size, addrp)) != 0) {
		printf("unable to map DMA buffer, error=%d\n", error);
		goto fail_map;
	}
	if ((error = bus_dmamap_create(sc->dmat, size, nseg, size, 0, mapp)) != 0) {
		printf("unable to create DMA map, error=%d\n", error);
		goto fail_create;
	}
	return 0;
fail_create:
	bus_dmamem_unmap(sc->dmat, *addrp, size);
fail_map:
	bus_dmamem_free(sc->dmat, segs, nseg);
fail_alloc:
	return error;
}

void *
gcs_malloc(void *arg, int direction, size_t size)
{
	struct softc *sc = arg;
	struct dmabuf *p;
	int error;

	p = kmem_alloc(sizeof(*p), 0);
	if (p == NULL)
		return NULL;
	p->size = size;
	error = gcs_allocate_dma(sc, size, &p->addr, p->segs, 1, &p->nsegs, &p->map);
	if (error) {
		printf("gcs_malloc: no memory\n");
		kmem_free(p, sizeof(*p));
		return NULL;
	}
	p->next = sc->dmas;
	sc->dmas = p;
	printf("gcs_malloc: %p, %zu bytes\n", p->addr, size);
	return p->addr;
}

void
gcs_free(void *arg, void *ptr, size_t size)
{
	struct softc *sc = arg;
	struct dmabuf *p = sc->dmas;
	bus_dmamap_destroy(sc->dmat, p->map);
	bus_dmamem_unmap(sc->dmat, p->addr, p->size);
	bus_dmamem_free(sc->dmat, p->segs, p->nsegs);
	kmem_free(p, sizeof(*p));
}

/* Descriptor memory: bus_dmamem_alloc fills the segs array (and nsegs), bus_dmamem_map
 * maps them into *desc_p: the first call that produces the memory is bus_dmamem_alloc. */
#include "dma.h"

int
desc_allocmem(struct softc *sc, size_t size, void **desc_p)
{
	struct seg segs[1];
	int nsegs, error;
	error = bus_dmamem_alloc(sc->dmat, size, 4096, segs, 1, &nsegs);
	if (error == 0) {
		void *desc;
		error = bus_dmamem_map(sc->dmat, segs, nsegs, size, (void *)&desc);
		if (error)
			bus_dmamem_free(sc->dmat, segs, nsegs);
		else
			*desc_p = desc;
	}
	return error;
}

void
desc_freemem(struct softc *sc, void *desc, size_t size)
{
	bus_dmamem_unmap(sc->dmat, desc, size);
}

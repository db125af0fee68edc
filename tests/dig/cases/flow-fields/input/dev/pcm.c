/* The same shape, returned through BUFADDR, a macro of this file that reads p->addr. */
#include "dma.h"
#define BUFADDR(d) ((void *)((d)->addr))

void *
pcm_allocm(void *arg, size_t size)
{
	struct softc *sc = arg;
	struct dmabuf *p;
	int rseg;

	if ((p = kmem_alloc(sizeof(*p), 0)) == NULL)
		return NULL;
	if (bus_dmamem_alloc(sc->dmat, size, 16, &p->seg, 1, &rseg) != 0)
		goto fail;
	if (bus_dmamem_map(sc->dmat, &p->seg, rseg, size, &p->addr) != 0)
		goto fail;
	p->next = sc->dmas;
	sc->dmas = p;
	return (BUFADDR(p));
fail:
	kmem_free(p, sizeof(*p));
	return NULL;
}

void
pcm_freem(void *arg, void *addr, size_t size)
{
	struct softc *sc = arg;
	struct dmabuf *p = sc->dmas;
	bus_dmamem_unmap(sc->dmat, p->addr, p->size);
	bus_dmamem_free(sc->dmat, &p->seg, 1);
	kmem_free(p, sizeof(*p));
}

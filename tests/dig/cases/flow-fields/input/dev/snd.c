/* A sound buffer: the memory comes from bus_dmamem_alloc, which fills p->seg; bus_dmamem_map
 * maps that segment into p->addr, the field returned. kmem_alloc makes only the record that
 * remembers the buffer, and kmem_free only takes it back. */
#include "dma.h"

void *
snd_allocm(void *arg, size_t size)
{
	struct softc *sc = arg;
	struct dmabuf *p;
	int rseg;

	p = kmem_alloc(sizeof(*p), 0);
	if (p == NULL)
		return NULL;
	p->size = size;
	if (bus_dmamem_alloc(sc->dmat, size, 4096, &p->seg, 1, &rseg) != 0)
		goto fail;
	if (bus_dmamem_map(sc->dmat, &p->seg, rseg, size, &p->addr) != 0)
		goto fail;
	p->next = sc->dmas;
	sc->dmas = p;
	return p->addr;
fail:
	kmem_free(p, sizeof(*p));
	return NULL;
}

void
snd_freem(void *arg, void *addr, size_t size)
{
	struct softc *sc = arg;
	struct dmabuf *p = sc->dmas;
	bus_dmamem_unmap(sc->dmat, p->addr, p->size);
	bus_dmamem_free(sc->dmat, &p->seg, 1);
	kmem_free(p, sizeof(*p));
}

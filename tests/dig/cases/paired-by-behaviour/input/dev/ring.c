/* A driver filling the ring it is given, and emptying it: no allocator. */
struct softc {
	int unit;
};
struct ring {
	void *desc;
	int count;
};

extern void *bus_dma_take(struct softc *sc, int count);
extern void bus_dma_give(struct softc *sc, void *desc);

int ring_alloc(struct softc *sc, struct ring *r)
{
	r->desc = bus_dma_take(sc, r->count);
	return r->desc == 0;
}

void ring_free(struct softc *sc, struct ring *r)
{
	bus_dma_give(sc, r->desc);
	r->desc = 0;
}

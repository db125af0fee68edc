/* A network driver: none of these hand out memory to callers. */
typedef unsigned long size_t;
struct mbuf;
struct xx_ring {
	void *desc;
	int count;
};
struct xx_softc {
	struct xx_ring rx;
};

extern void *malloc(size_t size);
extern void free(void *p);
extern struct mbuf *m_devget(char *buf, int len);
extern void m_freem(struct mbuf *m);

/* fills the ring it is given; xx_free_ring undoes it */
int xx_alloc_ring(struct xx_softc *sc, struct xx_ring *ring)
{
	ring->desc = malloc(4096);
	ring->count = 0;
	return ring->desc == 0;
}

void xx_free_ring(struct xx_softc *sc, struct xx_ring *ring)
{
	free(ring->desc);
}

/* receives a packet into an mbuf chain; xx_put sends one */
struct mbuf *xx_get(struct xx_softc *sc, int idx, int totlen)
{
	return m_devget((char *)sc->rx.desc + idx, totlen);
}

void xx_put(struct xx_softc *sc, struct mbuf *m)
{
	m_freem(m);
}

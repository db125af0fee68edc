/* A driver that builds a chain of descriptors for a transfer of a length and frees the
 * chain with its softc: no list the release takes alone, no allocator of its own. */
struct softc {
	int unit;
};
struct td {
	struct td *next;
};
struct chain {
	struct td *first;
};

extern struct td *td_get(struct softc *sc);
extern void td_put(struct softc *sc, struct td *td);
extern int dev_debug;

int dev_alloc_chain(struct softc *sc, int len, struct chain *c)
{
	if (dev_debug)
		len++;
	for (c->first = 0; len > 0; len -= 512) {
		struct td *td = td_get(sc);
		td->next = c->first;
		c->first = td;
	}
	return 0;
}

void dev_free_chain(struct softc *sc, struct chain *c)
{
	if (dev_debug)
		c->first = c->first;
	while (c->first) {
		struct td *td = c->first;
		c->first = td->next;
		td_put(sc, td);
	}
}

/* Not faces: a driver's set-up that fills its own softc through a ring allocator's
 * out-parameters and returns the status it got, and one that keeps the number it gets in
 * its softc. */
struct softc {
	void *ring;
	long slot;
	unsigned long *slots;
};

int find_first_zero_bit(unsigned long *map, int n);
void set_bit(int nr, unsigned long *map);
void clear_bit(int nr, unsigned long *map);

static long slot_alloc(struct softc *sc)
{
	int i = find_first_zero_bit(sc->slots, 64);

	set_bit(i, sc->slots);
	return i;
}

void slot_free(struct softc *sc, long i)
{
	clear_bit((int)i, sc->slots);
}

static long slot_search(struct softc *sc, long (*fn)(struct softc *))
{
	return (*fn)(sc);
}

int ring_alloc(struct softc *sc)
{
	sc->slot = slot_search(sc, slot_alloc);
	return sc->slot < 0;
}

/* A driver's transmit descriptors: tpd_alloc pops one off the softc's free list, keeping a
 * reserve for callers that cannot wait, and tpd_free pushes it back. The entry takes a softc
 * and flags (of a size type, but named as no size), no size: one descriptor a call,
 * fixed-size objects. */
struct tpd { struct tpd *next; int used; int len; void *buf; };
void free(void *p);
void *memset(void *d, int c, unsigned long n);
struct softc { struct tpd *tpd_free; unsigned tpd_nfree; struct tpd tpds[64]; };

#include "txreg.h"

unsigned long tpd_inuse;

struct tpd *tpd_alloc(struct softc *sc, unsigned flags)
{
	struct tpd *t = sc->tpd_free;
	if (t == 0)
		return 0;
	if ((flags & NOWAIT) && sc->tpd_nfree <= TPD_RESERVE)
		return 0;
	sc->tpd_free = t->next;
	sc->tpd_nfree--;
	tpd_inuse++;
	t->used = 1;
	t->buf = 0;
	memset(&t->len, 0, sizeof t->len);
	return t;
}

void tpd_free(struct softc *sc, struct tpd *t)
{
	if (t->buf != 0) {
		free(t->buf);
		t->buf = 0;
	}
	t->used = 0;
	t->next = sc->tpd_free;
	sc->tpd_free = t;
	sc->tpd_nfree++;
	tpd_inuse--;
}

void tpd_init(struct softc *sc)
{
	int i;
	sc->tpd_free = 0;
	for (i = 0; i < 64; i++)
		tpd_free(sc, &sc->tpds[i]);
}

int tx_start(struct softc *sc, int len)
{
	struct tpd *t = tpd_alloc(sc, NOWAIT);
	if (!t)
		return -1;
	t->len = len;
	tpd_free(sc, t);
	t = tpd_alloc(sc, 0);
	if (t)
		tpd_free(sc, t);
	return 0;
}

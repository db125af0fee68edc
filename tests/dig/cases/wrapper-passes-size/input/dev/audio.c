/* A wrapper with a long body: every byte it hands out comes from bus_dmamem_alloc (a
 * status and out-parameters), whatever it does around it: map, a list record, messages,
 * undo on failure, and a counter its release bumps back (a statistic, not a free list). */
struct dmamap;
struct seg { unsigned long addr, len; };
struct mem { struct mem *next; void *kva; struct seg seg; unsigned long size; };
struct softc { struct mem *mem_head; void *dmat; struct dmamap *map; };
int bus_dmamem_alloc(void *tag, unsigned long size, unsigned long align, unsigned long boundary,
                     struct seg *segs, int nsegs, int *rsegs, int flags);
int bus_dmamem_map(void *tag, struct seg *segs, int nsegs, unsigned long size, void **kvap, int flags);
void bus_dmamem_unmap(void *tag, void *kva, unsigned long size);
void bus_dmamem_free(void *tag, struct seg *segs, int nsegs);
void *kbuf_alloc(unsigned long size, int flags);
void kbuf_free(void *p, unsigned long size);
void printf(const char *fmt, ...);

unsigned long audio_nbufs;
static char audio_nomem[] = "audio: can't allocate DMA buffer";

void *audio_allocm(void *addr, int direction, unsigned long size)
{
	struct softc *sc = addr;
	struct seg seg;
	int rseg, state = 0;
	void *kva;
	struct mem *m;

	if (direction < 0)
		return 0;
	if (bus_dmamem_alloc(sc->dmat, size, 64, 0, &seg, 1, &rseg, 0)) {
		printf("%s\n", audio_nomem);
		goto bad;
	}
	state |= 1;
	if (bus_dmamem_map(sc->dmat, &seg, rseg, size, &kva, 0)) {
		printf("audio: can't map DMA buffer\n");
		goto bad;
	}
	state |= 2;
	m = kbuf_alloc(sizeof(struct mem), 0);
	if (m == 0)
		goto bad;
	m->seg = seg;
	m->kva = kva;
	m->size = size;
	m->next = sc->mem_head;
	sc->mem_head = m;
	audio_nbufs++;
	return kva;

bad:
	if (state & 2)
		bus_dmamem_unmap(sc->dmat, kva, size);
	if (state & 1)
		bus_dmamem_free(sc->dmat, &seg, rseg);
	return 0;
}

void audio_freem(void *addr, void *ptr, unsigned long size)
{
	struct softc *sc = addr;
	struct mem **mp, *m;

	for (mp = &sc->mem_head; *mp != 0; mp = &(*mp)->next) {
		m = *mp;
		if (m->kva != ptr)
			continue;
		bus_dmamem_unmap(sc->dmat, m->kva, m->size);
		bus_dmamem_free(sc->dmat, &m->seg, 1);
		*mp = m->next;
		kbuf_free(m, sizeof(*m));
		audio_nbufs--;
		return;
	}
}

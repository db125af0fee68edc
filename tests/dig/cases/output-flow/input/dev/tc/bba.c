/* A DMA buffer: bus_dmamem_alloc takes the segment, bus_dmamem_map maps it into kva, the
 * value returned; the list record m comes from kmem_alloc. The memory is the segment's. */
#include <stddef.h>

struct seg { unsigned long addr, len; };
struct bba_mem { struct bba_mem *next; void *kva; struct seg seg; };

int bus_dmamem_alloc(void *t, size_t size, size_t align, struct seg *segs, int nsegs, int *rsegs);
int bus_dmamem_map(void *t, struct seg *segs, int nsegs, size_t size, void **kvap);
void bus_dmamem_unmap(void *t, void *kva, size_t size);
void bus_dmamem_free(void *t, struct seg *segs, int nsegs);
void *kmem_alloc(size_t size, int flags);
void kmem_free(void *p, size_t size);

static struct bba_mem *bba_mems;

void *
bba_allocm(void *t, int direction, size_t size)
{
	struct seg seg;
	int rseg;
	void *kva;
	struct bba_mem *m;

	if (bus_dmamem_alloc(t, size, 16, &seg, 1, &rseg))
		return NULL;
	if (bus_dmamem_map(t, &seg, rseg, size, &kva)) {
		bus_dmamem_free(t, &seg, rseg);
		return NULL;
	}
	m = kmem_alloc(sizeof(*m), 0);
	m->kva = kva;
	m->seg = seg;
	m->next = bba_mems;
	bba_mems = m;
	return kva;
}

void
bba_freem(void *t, void *ptr, size_t size)
{
	struct bba_mem **mp, *m;

	for (mp = &bba_mems; (m = *mp) != NULL; mp = &m->next)
		if (m->kva == ptr) {
			*mp = m->next;
			bus_dmamem_unmap(t, m->kva, size);
			bus_dmamem_free(t, &m->seg, 1);
			kmem_free(m, sizeof(*m));
			return;
		}
}

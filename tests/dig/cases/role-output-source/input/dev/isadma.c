/* ISA DMA memory: bus DMA pages mapped for a channel, remembered on a list so _isa_free can
 * find them by address. */
#include <stddef.h>
#include "dma.h"
struct isa_mem { void *kva; size_t size; struct seg seg; struct isa_mem *next; };
static struct isa_mem *isa_mem_head;

void *
_isa_malloc(void *ids, int chan, size_t size, int flags)
{
	struct isa_mem *m;
	void *kva;
	int rseg;
	m = kmem_alloc(sizeof(*m), flags);
	if (m == NULL)
		return NULL;
	if (bus_dmamem_alloc(ids, size, 4096, &m->seg, 1, &rseg) != 0 ||
	    bus_dmamem_map(ids, &m->seg, rseg, size, &kva) != 0) {
		kmem_free(m, sizeof(*m));
		return NULL;
	}
	m->kva = kva;
	m->size = size;
	m->next = isa_mem_head;
	isa_mem_head = m;
	return kva;
}

void
_isa_free(void *addr)
{
	struct isa_mem **mp, *m;
	for (mp = &isa_mem_head; *mp && (*mp)->kva != addr; mp = &(*mp)->next)
		;
	if ((m = *mp) == NULL)
		return;
	*mp = m->next;
	bus_dmamem_unmap(NULL, m->kva, m->size);
	bus_dmamem_free(NULL, &m->seg, 1);
	kmem_free(m, sizeof(*m));
}

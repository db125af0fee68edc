/* pv_alloc takes a physical map and hands out a pv entry (a pointer typedef, no number)
 * popped off a free list that pv_free pushes onto, or a fresh one of its size: one object per call, no unit of a map
 * (role.c). */
#include <stddef.h>

typedef struct pmap *pmap_t;
typedef struct pv_entry *pv_entry_t;

struct pv_entry {
	struct pv_entry *pv_next;
	unsigned long pv_va;
};

extern void *malloc(size_t);

static pv_entry_t pv_freelist;

pv_entry_t
pv_alloc(pmap_t pmap, int try)
{
	pv_entry_t pv = pv_freelist;

	if (pv == NULL)
		return malloc(sizeof(struct pv_entry));
	pv_freelist = pv->pv_next;
	return pv;
}

void
pv_free(pmap_t pmap, pv_entry_t pv)
{
	pv->pv_next = pv_freelist;
	pv_freelist = pv;
}


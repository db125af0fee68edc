/* pv entries: off the chunks' free bitmaps, else a new chunk page from the page layer;
 * free_pv_entry sets the bit again. */
#include "../vm/page.h"

typedef struct pv_entry *pv_entry_t;
typedef struct pmap *pmap_t;

struct pv_entry {
	unsigned long va;
};

struct pv_chunk {
	struct pv_chunk *next;
	unsigned long map;
	struct pv_entry ent[63];
};

static struct pv_chunk *pv_chunks;
static int pv_entry_count;

static pv_entry_t get_pv_entry(pmap_t pmap, int try)
{
	struct pv_chunk *pc;
	page_t m;
	int i;

	pv_entry_count++;
	for (pc = pv_chunks; pc != 0; pc = pc->next)
		for (i = 0; i < 63; i++)
			if (pc->map & (1UL << i)) {
				pc->map &= ~(1UL << i);
				return &pc->ent[i];
			}
	m = page_alloc(pmap, 0, try);
	if (m == 0)
		return 0;
	pc = (struct pv_chunk *)m->pa;
	pc->map = ~1UL;
	pc->next = pv_chunks;
	pv_chunks = pc;
	return &pc->ent[0];
}

static void free_pv_entry(pmap_t pmap, pv_entry_t pv)
{
	struct pv_chunk *pc;

	pv_entry_count--;
	for (pc = pv_chunks; pc != 0; pc = pc->next)
		if (pv >= &pc->ent[0] && pv < &pc->ent[63])
			pc->map |= 1UL << (pv - &pc->ent[0]);
}

void pmap_enter(pmap_t pmap, unsigned long va)
{
	pv_entry_t pv = get_pv_entry(pmap, 0);

	if (pv != 0)
		pv->va = va;
}

void pmap_remove(pmap_t pmap, pv_entry_t pv)
{
	free_pv_entry(pmap, pv);
}

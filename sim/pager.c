/*
 * sim/pager.c: the default pager, the Mach bootstrap allocator's only real caller.
 *
 * The bootstrap task's default pager (bootstrap/default_pager.c) allocated partitions,
 * their block bitmaps, one default_pager_t per memory object and its page map with
 * kalloc, and freed every one of them with kfree(addr, size) where the size was
 * recomputed from the object: PAGEMAP_SIZE(n) from the object's size in pages, the bitmap
 * size from the partition's size in blocks. Nothing stored the size with the block.
 * Extending a page map allocated a bigger one, copied, and kfree'd the old with the old
 * size recomputed. This file does the same, starting at boot on the boot face (before
 * hand-off: the engine runs on the static boot region), plus what the original could not
 * do: a port table grown with the boot realloc and given back with the boot free (both
 * panicked there), and permanent tables from kget_space. Boot-time blocks are kept across
 * the hand-off and freed afterwards, on the full platform. Each object also holds swap
 * blocks from a V6-style swapmap on the resource-map face: rmalloc(swapmap, blocks) with
 * blocks = (pages + 7) / 8, rmfree with the count recomputed, as slp.c/text.c did.
 */
#include "sim/sim.h"

/* A page map entry and the map's size for an object of n pages (PAGEMAP_SIZE). */
#define PAGER_ENTRY 4u
#define PAGEMAP_SIZE(n) ((size_t)(n) * PAGER_ENTRY)
/* Bitmap bytes for a partition of n blocks, in 32-bit words (howmany(n, 32) * 4). */
#define BITMAP_SIZE(n) ((((size_t)(n) + 31u) / 32u) * 4u)
/* sizeof(struct dpager) and sizeof(struct part) of the simulated pager. */
#define DPAGER_SIZE 88u
#define PART_SIZE 56u

#define PAGER_MAX 48        /* live memory objects */
#define PAGER_MAX_PAGES 16384  /* largest object: a 64 KiB page map, the large path */
#define PART_COUNT 3        /* paging partitions */
#define SPACE_TABLES 7      /* permanent kget_space tables (6 small, the page hash) */

/* Swap blocks for an object of n pages: 8 pages per block ((n + 7) / 8, as V7 turned
 * clicks into swap blocks). */
#define SWAP_BLOCKS(n) (((size_t)(n) + 7u) / 8u)
#define SWAP_UNITS 262144ul   /* blocks in the swap map: 1 .. SWAP_UNITS */
#define SWAPMAP_ENTRIES 100   /* SMAPSIZ: free runs the map can hold */

/* A memory object the pager backs: the sizes are recomputed from `pages` at free. */
struct pager_obj {
	void *dpager;         /* kalloc(DPAGER_SIZE) */
	void *map;            /* kalloc(PAGEMAP_SIZE(pages)) */
	size_t pages;         /* the object's size in pages */
	unsigned long swap;   /* first swap block (rmalloc of SWAP_BLOCKS(pages)), 0: none */
};

/* A paging partition and its block bitmap. */
struct pager_part {
	void *part;     /* kalloc(PART_SIZE) */
	void *bitmap;   /* kalloc(BITMAP_SIZE(blocks)) */
	size_t blocks;  /* partition size in blocks */
};

/* The pager's state. */
static struct sim_pager {
	struct pager_obj objs[PAGER_MAX];
	size_t nobjs;
	struct pager_part parts[PART_COUNT];
	void *ports;            /* boot malloc/realloc'd port table */
	size_t ports_size;      /* its size in bytes */
	unsigned long created, extended, destroyed, boot_frees_after_handoff;
	void *space[SPACE_TABLES];       /* kget_space tables */
	size_t space_size[SPACE_TABLES];
	size_t nspace;
	struct rmap swapmap;                          /* the V6/V7 swapmap, on the rmap face */
	struct rmap_entry swapmap_entries[SWAPMAP_ENTRIES];
	unsigned long out_of_swap;                    /* V6 panicked "out of swap space" */
} pg;

/* Swap space for an object of `pages` pages; 0 (counted) when the swap map is full. */
static unsigned long sim_pager_swap_alloc(size_t pages)
{
	unsigned long a = sim_rmalloc(SIM_PAGER, &pg.swapmap, SWAP_BLOCKS(pages), "pager: swap");
	if (a == 0)
		pg.out_of_swap++;
	return a;
}

/* Give an object's swap back, the size recomputed from its pages. */
static void sim_pager_swap_free(struct pager_obj *o)
{
	if (o->swap != 0)
		sim_rmfree(SIM_PAGER, &pg.swapmap, SWAP_BLOCKS(o->pages), o->swap, "pager: swap");
	o->swap = 0;
}

/* A fresh memory object of a random size (1 page to a few thousand). */
static void sim_pager_create(void)
{
	if (pg.nobjs == PAGER_MAX)
		return;
	struct pager_obj *o = &pg.objs[pg.nobjs];
	o->pages = 1 + (size_t)sim_rand(sim_rand(8) == 0 ? 4096 : 256);
	o->dpager = sim_kalloc(SIM_PAGER, DPAGER_SIZE, "pager: dpager_t");
	if (o->dpager == NULL)
		return;
	o->map = sim_kalloc(SIM_PAGER, PAGEMAP_SIZE(o->pages), "pager: page map");
	if (o->map == NULL) {
		sim_kfree(SIM_PAGER, o->dpager, DPAGER_SIZE, "pager: dpager_t");
		return;
	}
	o->swap = sim_pager_swap_alloc(o->pages);
	pg.nobjs++;
	pg.created++;
}

/* pager_extend: a bigger map, the old one freed by its recomputed size. The original
 * did kalloc, copy, kfree(old, PAGEMAP_SIZE(old pages)); half the time the sim does that
 * (the new map carries the ledger's own pattern instead of the copied entries), half the
 * time it lets krealloc(map, old, new) move the map, which must keep every old byte. */
static void sim_pager_extend(struct pager_obj *o)
{
	if (o->pages >= PAGER_MAX_PAGES)
		return;
	size_t grown = o->pages + 1 + (size_t)sim_rand(o->pages + 16);
	if (grown > PAGER_MAX_PAGES)
		grown = PAGER_MAX_PAGES;
	void *nmap;
	if (sim_rand(2) == 0) {
		nmap = sim_krealloc(SIM_PAGER, o->map, PAGEMAP_SIZE(o->pages), PAGEMAP_SIZE(grown),
		                    "pager: page map (krealloc)");
		if (nmap == NULL)
			return;
	} else {
		nmap = sim_kalloc(SIM_PAGER, PAGEMAP_SIZE(grown), "pager: page map");
		if (nmap == NULL)
			return;
		sim_kfree(SIM_PAGER, o->map, PAGEMAP_SIZE(o->pages), "pager: page map");
	}
	/* The swap moves as V7's expand moved core: free the old run, take a bigger one. */
	sim_pager_swap_free(o);
	o->map = nmap;
	o->pages = grown;
	o->swap = sim_pager_swap_alloc(o->pages);
	pg.extended++;
}

/* Destroy object i: both blocks freed with sizes recomputed from the object. */
static void sim_pager_destroy(size_t i)
{
	struct pager_obj *o = &pg.objs[i];
	sim_pager_swap_free(o);
	sim_kfree(SIM_PAGER, o->map, PAGEMAP_SIZE(o->pages), "pager: page map");
	sim_kfree(SIM_PAGER, o->dpager, DPAGER_SIZE, "pager: dpager_t");
	pg.objs[i] = pg.objs[--pg.nobjs];
	pg.destroyed++;
}

/* Grow the port table by half with the boot realloc (contents must survive). */
static void sim_pager_ports_grow(void)
{
	size_t grown = pg.ports_size + pg.ports_size / 2 + 8;
	void *q = sim_boot_realloc(SIM_PAGER, pg.ports, pg.ports_size, grown, "pager: port table");
	if (q != NULL) {
		pg.ports = q;
		pg.ports_size = grown;
	}
}

/* Boot: the swap map, partitions, objects, a port table, permanent tables; some objects
 * die at boot. */
void sim_pager_boot(void)
{
	sim_rmap_init(SIM_PAGER, &pg.swapmap, pg.swapmap_entries, SWAPMAP_ENTRIES, "swapmap", SWAP_UNITS);
	for (int i = 0; i < PART_COUNT; i++) {
		struct pager_part *p = &pg.parts[i];
		p->blocks = 1024 + (size_t)sim_rand(60000);
		p->part = sim_kalloc(SIM_PAGER, PART_SIZE, "pager: partition");
		p->bitmap = sim_kalloc_zero(SIM_PAGER, BITMAP_SIZE(p->blocks), SIM_FILL_PATTERN,
		                            "pager: partition bitmap");
	}
	for (int i = 0; i < 24; i++)
		sim_pager_create();
	for (int i = 0; i < 8 && pg.nobjs > 0; i++)
		sim_pager_extend(&pg.objs[sim_rand(pg.nobjs)]);
	for (int i = 0; i < 6 && pg.nobjs > 0; i++)
		sim_pager_destroy((size_t)sim_rand(pg.nobjs));

	pg.ports_size = 64;
	pg.ports = sim_boot_malloc(SIM_PAGER, pg.ports_size, "pager: port table");
	for (int i = 0; i < 6 && pg.ports != NULL; i++)
		sim_pager_ports_grow();

	for (size_t i = 0; i < SPACE_TABLES; i++) {
		/* The last one, the pager's page hash, is sized bigger than the whole boot region
		 * on purpose: the bootstrap's kget_space grew through vm_map, and so must this. */
		size_t n = i + 1 < SPACE_TABLES ? 24 + (size_t)sim_rand(3000) : sim.boot_region + sim.boot_region / 2;
		void *t = sim_kget_space(SIM_PAGER, n, "pager: kget_space table");
		if (t != NULL) {
			pg.space[pg.nspace] = t;
			pg.space_size[pg.nspace++] = n;
		}
	}
}

/* After hand-off: objects come and go, maps grow, the boot-time port table goes away. */
void sim_pager_step(void)
{
	uint64_t r = sim_rand(10);
	if (r < 4 || pg.nobjs == 0)
		sim_pager_create();
	else if (r < 6)
		sim_pager_extend(&pg.objs[sim_rand(pg.nobjs)]);
	else
		sim_pager_destroy((size_t)sim_rand(pg.nobjs));
	if (pg.ports != NULL && sim_rand(50) == 0) {
		/* A boot-time block, freed on the full platform. */
		sim_boot_free(SIM_PAGER, pg.ports, pg.ports_size, "pager: port table");
		pg.ports = NULL;
		pg.boot_frees_after_handoff++;
	}
}

/* Shutdown: every object, partition and the port table freed; kget_space verified. */
void sim_pager_stop(void)
{
	while (pg.nobjs > 0)
		sim_pager_destroy(pg.nobjs - 1);
	for (int i = 0; i < PART_COUNT; i++) {
		struct pager_part *p = &pg.parts[i];
		if (p->bitmap != NULL)
			sim_kfree(SIM_PAGER, p->bitmap, BITMAP_SIZE(p->blocks), "pager: partition bitmap");
		if (p->part != NULL)
			sim_kfree(SIM_PAGER, p->part, PART_SIZE, "pager: partition");
		p->bitmap = p->part = NULL;
	}
	if (pg.ports != NULL) {
		sim_boot_free(SIM_PAGER, pg.ports, pg.ports_size, "pager: port table");
		pg.boot_frees_after_handoff += sim.handed_off;
	}
	pg.ports = NULL;
	for (size_t i = 0; i < pg.nspace; i++)
		sim_kget_space_forget(pg.space[i], pg.space_size[i], "pager: kget_space table");
}

/* One line for the summary. */
void sim_pager_report(FILE *out)
{
	fprintf(out, "pager:  %lu objects created, %lu maps extended, %lu destroyed,"
	        " %lu boot-time blocks freed after hand-off, %zu kget_space tables,"
	        " %lu out of swap, %zu swap blocks free of %lu\n",
	        pg.created, pg.extended, pg.destroyed, pg.boot_frees_after_handoff, pg.nspace,
	        pg.out_of_swap, strata_rmap_free_units(&pg.swapmap), SWAP_UNITS);
}

/* Blocks free in the swap map now. */
size_t sim_pager_swap_free_units(void)
{
	return strata_rmap_free_units(&pg.swapmap);
}

/* Blocks the swap map manages. */
size_t sim_pager_swap_units(void)
{
	return SWAP_UNITS;
}

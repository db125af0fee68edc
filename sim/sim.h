/*
 * sim/sim.h: the simulated kernel's shared state and the calls its subsystems make.
 *
 * strata-sim is a user-space kernel on libstrata's kernel faces (see sim/README.md and
 * sim/main.c for the theory). Every allocation a subsystem makes goes through the
 * counted, checked wrappers below (sim/kcall.c): they count the call per subsystem and
 * face (for the DOT flow graph), and record each block in the live-block ledger, which
 * checks alignment, usable size, overlap with every other live block, the zero fill where
 * one was promised, and, at free time, that the pattern written at allocation survived.
 */
#ifndef STRATA_SIM_H
#define STRATA_SIM_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <strata/page.h>
#include <strata/rmap.h>
#include <strata/zone.h>

/* The callers of the seed report, plus the kernel's own bring-up. */
enum sim_subsys { SIM_IPC, SIM_VM, SIM_DRIVER, SIM_PAGER, SIM_SUBSYS_COUNT };
/* The faces they call. */
enum sim_face { SIM_FACE_ZONE, SIM_FACE_KALLOC, SIM_FACE_BOOT, SIM_FACE_RMAP, SIM_FACE_COUNT };

/* What the ledger does with a block's bytes. */
enum sim_fill {
	SIM_FILL_PATTERN,  /* write a pattern at allocation, verify it at free */
	SIM_FILL_OWNER,    /* the subsystem writes and verifies its own contents (page tables) */
	SIM_FILL_SPACE     /* as PATTERN, for kget_space memory: not the engine's, never freed */
};

/* The simulated physical memory behind the host callbacks (sim/physmem.c). */
struct sim_physmem {
	unsigned char *base;      /* first byte of the simulated RAM (page aligned) */
	size_t pages;             /* its size in pages */
	unsigned char *used;      /* one byte per page: 1 when handed out */
	size_t in_use;            /* pages handed out now */
	size_t peak;              /* most pages ever handed out at once */
	unsigned long maps;       /* successful vm_map calls */
	unsigned long unmaps;     /* vm_unmap calls */
	unsigned long map_fails;  /* vm_map calls that found no room */
	unsigned long bad_unmaps; /* vm_unmap of a range not handed out (a sim failure) */
	strata_page_host_t host;  /* the callbacks handed to libstrata */
};

/* The whole kernel's state: one struct (house style). */
struct sim {
	unsigned long seed;       /* --seed */
	unsigned long rounds;     /* --rounds */
	const char *dot_path;     /* --dot (NULL: no graph) */
	const char *topology_path;  /* --topology (NULL: none) */
	unsigned long corrupt_at; /* --corrupt: round after which one live byte is flipped (0: never) */
	uint64_t rng;             /* xorshift state */
	struct sim_physmem phys;  /* the simulated RAM */
	unsigned long calls[SIM_SUBSYS_COUNT][SIM_FACE_COUNT];  /* face calls per subsystem */
	unsigned long nulls[SIM_SUBSYS_COUNT];  /* allocations that returned NULL */
	unsigned long failures;   /* failed checks: the exit status is non-zero when any */
	unsigned long checked;    /* blocks fully checked at free */
	unsigned long static_maps;    /* engine page maps while on the static region */
	unsigned long page_tables;    /* page-table pages handed out */
	unsigned long page_tables_aligned;  /* ... of which page aligned */
	int handed_off;           /* 1 after strata_page_source_switch to the host */
	size_t boot_region;       /* bytes of the static boot region */
	unsigned long kget_calls;      /* kget calls (also in calls[][SIM_FACE_KALLOC]) */
	unsigned long krealloc_calls;  /* krealloc calls (likewise) */
	unsigned long kalloc_overcount;  /* libstrata's kalloc + kfree count minus the sim's */
	unsigned long oom_reports;     /* error-sink OOM reports while the simulated VM was full */
	strata_page_source_t host_source;  /* { &strata_page_host, &phys.host } */
};

extern struct sim sim;

/* A deterministic random number in [0, n) (n > 0). */
uint64_t sim_rand(uint64_t n);
/* Report a failed check (counted; printed with the caller's words). */
void sim_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The subsystem's name as a DOT node ("ipc", "vm", "driver", "pager"). */
const char *sim_subsys_name(enum sim_subsys s);
/* The face's name as a DOT node ("zone", "kalloc", "boot", "rmap"). */
const char *sim_face_name(enum sim_face f);

/* sim/physmem.c: set up `pages` pages of simulated RAM and the host callbacks. The RAM
 * lives until exit: libstrata keeps slabs in it to the end. */
int sim_physmem_init(struct sim_physmem *pm, size_t pages);

/* sim/ledger.c: the live-block interval set. */
void sim_ledger_insert(void *p, size_t size, enum sim_fill fill, int zeroed, const char *what);
/* Verify and drop a block; `size` is what the caller believes it is. */
void sim_ledger_remove(void *p, size_t size, const char *what);
size_t sim_ledger_live(void);
int sim_ledger_corrupt(void);
void sim_ledger_fini(void);

/* sim/kcall.c: counted, checked calls. Sizes are the caller's, recomputed at free. */
void *sim_kalloc(enum sim_subsys s, size_t size, const char *what);
void *sim_kalloc_zero(enum sim_subsys s, size_t size, enum sim_fill fill, const char *what);
void *sim_kget(enum sim_subsys s, size_t size, const char *what);
void sim_kfree(enum sim_subsys s, void *p, size_t size, const char *what);
void *sim_krealloc(enum sim_subsys s, void *p, size_t old_size, size_t new_size, const char *what);
void *sim_zalloc(enum sim_subsys s, zone_t z, enum sim_fill fill, const char *what);
void *sim_zget(enum sim_subsys s, zone_t z, const char *what);
void sim_zfree(enum sim_subsys s, zone_t z, void *p, const char *what);
void *sim_boot_malloc(enum sim_subsys s, size_t size, const char *what);
void *sim_boot_realloc(enum sim_subsys s, void *p, size_t old_size, size_t new_size, const char *what);
void sim_boot_free(enum sim_subsys s, void *p, size_t size, const char *what);
void *sim_kget_space(enum sim_subsys s, size_t size, const char *what);
/* The resource-map face. Units handed out are checked against the sim's own record of
 * the map's units: a range must be wholly free when rmalloc returns it (no overlap). */
void sim_rmap_init(enum sim_subsys s, struct rmap *map, struct rmap_entry *entries, size_t n,
                   const char *name, unsigned long units);
unsigned long sim_rmalloc(enum sim_subsys s, struct rmap *map, size_t size, const char *what);
void sim_rmfree(enum sim_subsys s, struct rmap *map, size_t size, unsigned long addr, const char *what);
/* Verify a kget_space block at shutdown and drop it from the ledger (it is not freed). */
void sim_kget_space_forget(void *p, size_t size, const char *what);

/* The subsystems. Each has a boot/start step, a step run once per round, and a stop step
 * that frees everything it still holds. */
void sim_pager_boot(void);        /* before hand-off, on the boot face */
void sim_pager_step(void);
void sim_pager_stop(void);
/* The swap map's free blocks and total (all free again after sim_pager_stop). */
size_t sim_pager_swap_free_units(void);
size_t sim_pager_swap_units(void);
void sim_ipc_start(void);
void sim_ipc_step(void);
void sim_ipc_stop(void);
void sim_vm_start(void);
void sim_vm_step(void);
void sim_vm_stop(void);
void sim_driver_start(void);
void sim_driver_step(void);
void sim_driver_stop(void);
/* One summary line each. */
void sim_pager_report(FILE *out);
void sim_ipc_report(FILE *out);
void sim_vm_report(FILE *out);
void sim_driver_report(FILE *out);

/* sim/flow.c: write the kernel allocation flow as DOT with measured counts; 0 on success. */
int sim_flow_write(const char *path);
/* Write libstrata's own runtime graph (strata_topology_dot) to path; 0 on success. */
int sim_flow_topology_write(const char *path);

#endif /* STRATA_SIM_H */

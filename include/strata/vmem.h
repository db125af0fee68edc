/*
 * strata/vmem.h: resource arenas -- allocators of integer ranges (addresses, swap blocks,
 * ids), after Bonwick and Adams, "Magazines and Vmem" (USENIX 2001).
 *
 * An arena manages spans of integers in units of its quantum. strata_vmem_alloc() is
 * O(1) (instant fit over power-of-two free lists); strata_vmem_xalloc() adds alignment,
 * phase, a boundary not to cross and an address window. An arena may import spans from
 * a parent arena (or from callbacks) when it runs dry, and gives fully free imported
 * spans back. 0 is never a valid result: it means "no space".
 * Misuse (freeing what was not allocated, twice, or with the wrong size) goes to the
 * error sink (strata/error.h) and the call is then a no-op.
 */
#ifndef STRATA_VMEM_H
#define STRATA_VMEM_H

#include <strata/common.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct strata_vmem strata_vmem_t;

/* Allocation policy flags (strata_vmem_alloc, strata_vmem_xalloc). */
#define STRATA_VMEM_INSTANTFIT 0x0  /* default: O(1), the first segment of a big enough class */
#define STRATA_VMEM_BESTFIT    0x1  /* the smallest free segment that fits */
#define STRATA_VMEM_FIRSTFIT   0x2  /* the lowest address that fits (linear walk) */
#define STRATA_VMEM_NOIMPORT   0x4  /* do not import from the source when out of space */

/* Import callbacks: get a span of `size` units aligned to `align` (0 on failure), and
 * give a whole span back. */
typedef uintptr_t (*strata_vmem_import_t)(void *arg, size_t size, size_t align);
typedef void (*strata_vmem_release_t)(void *arg, uintptr_t addr, size_t size);

/* An arena over [base, base + size) (size 0: empty, to be filled by strata_vmem_add or by
 * import) with the given quantum (a power of two; 0 means 1). `source` (may be NULL) is
 * the parent arena to import from, `import_quantum` units at a time (0: the quantum); a
 * constrained strata_vmem_xalloc imports a span from the parent under the same
 * constraints, and what a call imported but could not use goes back before it returns.
 * The arena's own storage comes from the core's pages. NULL on failure or bad arguments. */
STRATA_API strata_vmem_t *strata_vmem_create(const char *name, uintptr_t base, size_t size, size_t quantum,
                                             strata_vmem_t *source, size_t import_quantum);
/* As strata_vmem_create, importing through callbacks instead of a parent arena (which are
 * given only the alignment of a constrained request: a span that does not fit it goes
 * back through `release`). */
STRATA_API strata_vmem_t *strata_vmem_create_cb(const char *name, uintptr_t base, size_t size, size_t quantum,
                                                strata_vmem_import_t import, strata_vmem_release_t release,
                                                void *arg, size_t import_quantum);
/* Destroy an arena: imported spans go back to their source; live allocations are
 * reported (misuse) and forgotten. */
STRATA_API void strata_vmem_destroy(strata_vmem_t *vm);

/* Add the span [addr, addr + size) to the arena. 0, or -1 (overlap: error sink; or no
 * memory for boundary tags). */
STRATA_API int strata_vmem_add(strata_vmem_t *vm, uintptr_t addr, size_t size);

/* `size` units (rounded up to the quantum); 0 when there is no space. */
STRATA_API uintptr_t strata_vmem_alloc(strata_vmem_t *vm, size_t size, int flags);
/* Constrained: the result r satisfies r % align == phase, [r, r + size) does not cross a
 * multiple of nocross (0: no limit), minaddr <= r and r + size <= maxaddr when
 * maxaddr != 0. align 0 means the quantum; align and nocross are powers of two, phase <
 * align and a multiple of the quantum, nocross >= size and >= align. 0 when nothing fits,
 * and 0 for arguments outside these rules. */
STRATA_API uintptr_t strata_vmem_xalloc(strata_vmem_t *vm, size_t size, size_t align, size_t phase,
                                        size_t nocross, uintptr_t minaddr, uintptr_t maxaddr, int flags);
/* Free a range exactly as allocated (same address and size). */
STRATA_API void strata_vmem_free(strata_vmem_t *vm, uintptr_t addr, size_t size);

/* What strata_vmem_size measures. */
#define STRATA_VMEM_ALLOC 0x1   /* units allocated */
#define STRATA_VMEM_FREE  0x2   /* units free */
/* Units of the kinds in `which` (ALLOC|FREE: the arena's total). */
STRATA_API size_t strata_vmem_size(strata_vmem_t *vm, int which);

/* Walk every structure of the arena; 0 when consistent, else -1 after a report to the
 * error sink (kind corruption). */
STRATA_API int strata_vmem_verify(strata_vmem_t *vm);

#ifdef __cplusplus
}
#endif
#endif /* STRATA_VMEM_H */

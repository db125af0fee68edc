/*
 * strata/kalloc.h: the Mach kernel kalloc face (kalloc, kget, kfree, krealloc).
 *
 * Variable sizes over the shared slab engine: size classes finer than powers of two (at
 * most 12.5% internal waste) below kalloc_max, whole vmem pages from kalloc_max up (the
 * kmem_alloc_wired / kmem_free path). Mach's arity is kept: kfree takes the size, and
 * libstrata checks it against the block's class (a mismatch goes to the error sink rather
 * than corrupting another zone). kget never grows and never blocks: NULL when the class has
 * nothing free, and NULL (not Mach's panic) for sizes on the page path. kalloc returns
 * NULL when no memory is left (Mach panicked "zalloc" for small sizes); kfree(NULL, n) is
 * a no-op. Blocks are 16-byte aligned; page-path blocks are page-aligned. kalloc(0)
 * returns a unique block of the smallest class, 16 bytes (Mach's MINSIZE), never NULL
 * unless memory is out; kfree(p, 0) or kfree(p, 16) frees it.
 */
#ifndef STRATA_KALLOC_H
#define STRATA_KALLOC_H

#include <strata/common.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A block of at least `size` bytes (16-byte aligned; page-aligned from kalloc_max_size()
 * up), or NULL when no memory is left. */
STRATA_API void *kalloc(size_t size) STRATA_MALLOC STRATA_ALLOC_SIZE(1);
/* kalloc whose block is zero-filled. */
STRATA_API void *kalloc_zero(size_t size) STRATA_MALLOC STRATA_ALLOC_SIZE(1);
/* kalloc that never grows and never blocks: NULL when the size class has nothing free, and
 * NULL for sizes on the page path. */
STRATA_API void *kget(size_t size) STRATA_MALLOC STRATA_ALLOC_SIZE(1);
/* Free a block of kalloc or kget. `size` must name the block where it lives: any size of
 * its class (of its page count for a page block); a mismatch is reported to the error sink
 * (STRATA_ERR_SIZE_MISMATCH) and nothing is freed. kfree(NULL, n) does nothing. */
STRATA_API void kfree(void *addr, size_t size);
/* Resize a block from old_size to new_size bytes: the same block when the class stays,
 * else a new one with the contents copied. NULL when no memory is left (the old block
 * stays valid); new_size 0 frees the block and returns NULL; a NULL addr is kalloc. */
STRATA_API void *krealloc(void *addr, size_t old_size, size_t new_size) STRATA_ALLOC_SIZE(3);
/* The first size served by whole pages rather than a size class. */
STRATA_API size_t kalloc_max_size(void);

#ifdef __cplusplus
}
#endif
#endif /* STRATA_KALLOC_H */

/*
 * alloc/core.h: the core's module state and the page-level interface every layer above
 * the platform uses. Implemented in alloc/core.c over the heap vmem arena, which imports
 * from the current page source (strata/page.h).
 *
 * Layers above (zone, kalloc, boot, malloc) get pages only through core_pages_*; nothing
 * in alloc/ but alloc/page/ talks to the OS.
 */
#ifndef STRATA_ALLOC_CORE_H
#define STRATA_ALLOC_CORE_H

#include <stddef.h>
#include <stdint.h>
#include <strata/page.h>

/* Start the core if it is not running yet (idempotent, thread-safe, allocation-free):
 * hosted builds pick the page source from STRATA_PAGE_SOURCE (mmap by default).
 * Returns 0, or -1 when no page source can be had (freestanding and never started). */
int core_init(void);

/* The page size in use (a power of two). */
size_t core_page_size(void);

/* `size` bytes (rounded up to whole pages) aligned to `align` (0 or a power of two; 0 means
 * a page). NULL on failure; never prints. Thread-safe. */
void *core_pages_alloc(size_t size, size_t align);

/* Return a range from core_pages_alloc (same size as asked): unmapped once the chunk it
 * came from is wholly free (a directly mapped block at once); until then its pages stay
 * resident for reuse and are purged by core_pages_decay or core_pages_trim, or at once
 * with STRATA_PURGE_DECAY=0. The pages of a range handed out again may hold old bytes. */
void core_pages_free(void *addr, size_t size);

/* One decay step: purge the freed ranges a previous step saw, mark the others; the bytes
 * purged. The slab engine's decay step calls it. */
size_t core_pages_decay(void);

/* Purge every freed range at once (malloc_trim); the bytes purged. */
size_t core_pages_trim(void);

/* Resize a directly mapped block (CORE_DIRECT, 1 MiB, and up) through the page source's
 * remap (mremap), in place or moved without a copy; the new address, or NULL (nothing
 * changed: not such a block, a source that cannot, or no memory). */
void *core_pages_remap(void *addr, size_t old_size, size_t new_size);

/* The layer above installs a function that gives back what it keeps for reuse and returns
 * the bytes; the core calls it (no lock held) when a page source fails to map, then tries
 * once more. */
void core_reclaim_set(size_t (*fn)(void));

/* Drop the physical memory behind a range that stays allocated (lazy purge). */
void core_pages_purge(void *addr, size_t size);

/* Change the access of whole pages of a range the core handed out (STRATA_PAGE_NONE or
 * STRATA_PAGE_RW), through the source that mapped it: 0, or -1 when that source has no
 * protect operation or it failed (nothing changed then). */
int core_pages_protect(void *addr, size_t size, int access);

/* Bytes currently obtained from the page source, and the peak. */
size_t core_pages_mapped(void);
size_t core_pages_peak(void);

/* Fork handlers: prepare takes the core's locks before fork, parent releases them after,
 * child re-initialises them (the child has one thread). */
void core_fork_prepare(void);
void core_fork_parent(void);
void core_fork_child(void);

#endif /* STRATA_ALLOC_CORE_H */

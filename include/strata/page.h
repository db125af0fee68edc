/*
 * strata/page.h: the platform seam's page sources.
 *
 * Everything libstrata hands out is carved from pages obtained through exactly one
 * page source at a time. A source is a const table of operations plus a context pointer
 * (house style: plug points are const tables with designated initialisers). Four come with
 * libstrata:
 *   strata_page_mmap    anonymous mmap (hosted default)
 *   strata_page_sbrk    the legacy morecore: grows the program break, coexists with the
 *                       program's own brk use (hosted only)
 *   strata_page_static  a static region handed in by the caller (boot, firmware, tests)
 *   strata_page_host    callbacks into a host kernel (its vm_map / kmem_alloc_wired)
 * plus strata_page_faulty, which wraps another source and fails after N maps (tests).
 */
#ifndef STRATA_PAGE_H
#define STRATA_PAGE_H

#include <strata/common.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct strata_page_ops {
	const char *name;
	/* Map `size` bytes (a multiple of the page size) aligned to `align` (a power of two,
	 * at least the page size). NULL on failure; never prints. */
	void *(*map)(void *ctx, size_t size, size_t align);
	/* Give a range obtained from map back. NULL when the source cannot (static, sbrk). */
	void (*unmap)(void *ctx, void *addr, size_t size);
	/* Drop the physical memory behind a range but keep it reserved (madvise). May be NULL. */
	void (*purge)(void *ctx, void *addr, size_t size);
	/* Change the access of whole pages of a mapped range: STRATA_PAGE_NONE (any access
	 * faults: a guard page) or STRATA_PAGE_RW. 0 on success, -1 when it cannot. May be
	 * NULL (static regions, the host source): STRATA_GUARD then says once that its guard
	 * pages do not fault. */
	int (*protect)(void *ctx, void *addr, size_t size, int access);
	/* Resize a range obtained from map, moving it when it cannot grow in place, its
	 * contents kept (mremap): the range's new address, or NULL when it cannot (the old
	 * range stays as it was). May be NULL (every source but mmap): a large realloc then
	 * copies. */
	void *(*remap)(void *ctx, void *addr, size_t old_size, size_t new_size);
} strata_page_ops_t;

/* Access values for strata_page_ops_t.protect. */
#define STRATA_PAGE_NONE 0
#define STRATA_PAGE_RW 1

typedef struct strata_page_source {
	const strata_page_ops_t *ops;
	void *ctx;
} strata_page_source_t;

/* The page size libstrata uses (4096 unless the platform says otherwise). */
STRATA_API size_t strata_page_size(void);

/* The hosted sources: anonymous mmap, and the legacy program break (see above). */
STRATA_API extern const strata_page_ops_t strata_page_mmap;   /* ctx: NULL */
STRATA_API extern const strata_page_ops_t strata_page_sbrk;   /* ctx: NULL */

/* A static region: the bytes [base, end) are handed out upward, never returned. */
typedef struct strata_page_region {
	uintptr_t base;   /* first byte of the region, as given */
	uintptr_t end;    /* one past its last byte */
	uintptr_t next;   /* first byte not yet handed out */
} strata_page_region_t;
STRATA_API void strata_page_region_init(strata_page_region_t *region, void *base, size_t size);
STRATA_API extern const strata_page_ops_t strata_page_static; /* ctx: strata_page_region_t * */

/* Host callbacks: a kernel's page allocator (vm_map, kmem_alloc_wired / kmem_free). The
 * host source has no protect operation (no guard pages); a kernel that can protect pages
 * installs an ops table of its own with .protect set. */
typedef struct strata_page_host {
	void *(*vm_map)(void *arg, size_t size, size_t align);   /* NULL on failure */
	void (*vm_unmap)(void *arg, void *addr, size_t size);    /* may be NULL */
	void *arg;
} strata_page_host_t;
STRATA_API extern const strata_page_ops_t strata_page_host;   /* ctx: strata_page_host_t * */

/* Fault injection: forwards to `inner` until `fail_after` maps succeeded, then fails
 * every map (persistent), or only that one map when `transient` is set (the next one
 * succeeds again); a remap that grows counts as a map; unmap, purge and protect always
 * forward. fail_after < 0 never fails.
 * `maps` counts the successful maps so far, `failed` the maps made to fail. */
typedef struct strata_page_faulty {
	strata_page_source_t inner;
	long fail_after;
	long maps;
	int transient;
	long failed;
} strata_page_faulty_t;
STRATA_API extern const strata_page_ops_t strata_page_faulty; /* ctx: strata_page_faulty_t * */

/* Start libstrata's core on `source` (copied). Hosted programs need not call this: the
 * core starts itself on STRATA_PAGE_SOURCE (mmap by default) at first use. Returns 0, or
 * -1 when the core already runs on another source (use strata_page_source_switch). */
STRATA_API int strata_init(const strata_page_source_t *source);

/* Switch the source that future growth comes from (boot hand-off). Memory already handed
 * out stays valid and can be freed (each block goes back to the source that mapped it).
 * Starts the core when it is not running. Returns 0; -1 for a source without a map
 * operation, or for a fifth distinct source (the core remembers four; misuse reported). */
STRATA_API int strata_page_source_switch(const strata_page_source_t *source);

#ifdef __cplusplus
}
#endif
#endif /* STRATA_PAGE_H */

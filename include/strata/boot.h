/*
 * strata/boot.h: the early-boot face.
 *
 * Before any platform exists, strata_boot_init() starts the same engine on a static
 * region (no libc, no locks beyond a spin lock). From then on the kalloc face
 * (strata/kalloc.h) works, and so do the boot face's malloc/realloc/free, which the
 * original bootstrap allocator only stubbed out (free and realloc panicked). kget_space
 * grows the boot heap through the host's vm_map callback once the static region is used
 * up (the host set here serves kget_space only; the engine itself grows through a host
 * after strata_page_source_switch to { &strata_page_host, host }).
 * strata_page_source_switch() hands off to the full platform; blocks obtained during
 * boot stay valid and can be freed afterwards.
 *
 * A kernel that wants the historical names for the boot malloc family defines
 * STRATA_BOOT_NAMES before including this header.
 */
#ifndef STRATA_BOOT_H
#define STRATA_BOOT_H

#include <strata/common.h>
#include <strata/page.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Start the engine on [region, region + size) through strata_page_static. Returns 0, or
 * -1 if already started (or the core already runs on another source). No libc call.
 * Size: the slab engine carves 1 MiB-aligned 1 MiB segments, so the kalloc, zone and boot
 * malloc faces need a region holding such a range plus a few pages of bookkeeping (2 MiB
 * aligned to 1 MiB is enough; 3 MiB at any page alignment is). A smaller region still
 * serves kget_space; those faces return NULL until strata_page_source_switch (hand-off)
 * brings pages. */
STRATA_API int strata_boot_init(void *region, size_t size);
/* Where kget_space grows once the region is used up (NULL: it fails instead). */
STRATA_API void strata_boot_host_set(const strata_page_host_t *host);
/* Bump-allocate `size` bytes of boot heap (16-byte aligned), growing from the region's
 * pages and then through the host's vm_map (never holding a lock across that call); NULL
 * when neither the region nor the host has room. Never freed individually: passing such
 * a block to strata_boot_free is reported to the error sink. */
STRATA_API void *kget_space(size_t size);

/* The boot malloc family, on the one engine: malloc(0) gives a unique minimal block;
 * realloc(NULL, n) is malloc(n), realloc(p, 0) frees p and returns NULL, a failed realloc
 * leaves p valid; free(NULL) is a no-op and free takes any block of the engine (boot
 * malloc/realloc, kalloc) before or after hand-off. */
STRATA_API void *strata_boot_malloc(size_t size) STRATA_MALLOC STRATA_ALLOC_SIZE(1);
STRATA_API void *strata_boot_realloc(void *ptr, size_t size) STRATA_ALLOC_SIZE(2);
STRATA_API void strata_boot_free(void *ptr);

/* What the boot face did so far (kget_space's bump space and its growth). */
typedef struct strata_boot_info {
	size_t space_used;          /* bytes kget_space handed out (rounded to 16) */
	size_t space_reserved;      /* bytes of every region kget_space took */
	size_t space_wasted;        /* remainders abandoned when growth was not contiguous */
	unsigned long core_grows;   /* growth regions taken from the engine's pages */
	unsigned long host_grows;   /* growth regions taken from the host's vm_map */
	unsigned long host_returns; /* regions given back to the host after a growth race */
	unsigned long failures;     /* kget_space calls that found no room anywhere */
} strata_boot_info_t;
STRATA_API void strata_boot_info(strata_boot_info_t *out);

#ifdef STRATA_BOOT_NAMES
#define malloc(n) strata_boot_malloc(n)
#define realloc(p, n) strata_boot_realloc((p), (n))
#define free(p) strata_boot_free(p)
#endif

#ifdef __cplusplus
}
#endif
#endif /* STRATA_BOOT_H */

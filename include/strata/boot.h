/*
 * strata/boot.h: the early-boot face.
 *
 * Before any platform exists, strata_boot_init() starts the same engine on a static
 * region (no libc, no locks beyond a spin lock). From then on the kalloc face
 * (strata/kalloc.h) works, and so do the boot face's malloc/realloc/free, which the
 * original bootstrap allocator only stubbed out (free and realloc panicked). kget_space
 * grows the boot heap through the host's vm_map callback once the static region is used
 * up. strata_page_source_switch() hands off to the full platform; blocks obtained during
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

/* Start the engine on [region, region + size). Returns 0, or -1 if already started. */
STRATA_API int strata_boot_init(void *region, size_t size);
/* Where kget_space grows once the region is used up (NULL: it fails instead). */
STRATA_API void strata_boot_host_set(const strata_page_host_t *host);
/* Bump-allocate `size` bytes of boot heap, growing through the host's vm_map; NULL when
 * neither the region nor the host has room. Never freed individually. */
STRATA_API void *kget_space(size_t size);

STRATA_API void *strata_boot_malloc(size_t size) STRATA_MALLOC STRATA_ALLOC_SIZE(1);
STRATA_API void *strata_boot_realloc(void *ptr, size_t size) STRATA_ALLOC_SIZE(2);
STRATA_API void strata_boot_free(void *ptr);

#ifdef STRATA_BOOT_NAMES
#define malloc(n) strata_boot_malloc(n)
#define realloc(p, n) strata_boot_realloc((p), (n))
#define free(p) strata_boot_free(p)
#endif

#ifdef __cplusplus
}
#endif
#endif /* STRATA_BOOT_H */

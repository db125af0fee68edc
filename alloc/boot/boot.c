/*
 * alloc/boot/boot.c: the early-boot face (strata/boot.h).
 *
 * Theory. A kernel, boot loader or firmware needs memory before any platform exists: no
 * libc, no threads package, no page allocator. The Mach bootstrap task solved this with a
 * second allocator of its own (kfree_list power-of-two buckets fed by kget_space, a bump
 * region grown by vm_map), and stubbed its malloc family: malloc called kalloc, realloc
 * and free panicked ("not implemented"; Hurd's serverboot made free a silent no-op).
 * libstrata keeps no second allocator. strata_boot_init() starts the ONE engine (slab
 * size classes, zones, kalloc: alloc/zone, alloc/kalloc) on the caller's static region,
 * through the static page source (strata_page_static via strata_init). From then on:
 *
 *   - kalloc/kget/kfree/krealloc (strata/kalloc.h) and the zone face work unchanged: the
 *     boot kalloc IS the kernel kalloc, so the bootstrap's kfree(addr, size) arity and its
 *     "size recomputed from the object" callers (the default pager) are served and checked.
 *   - strata_boot_malloc/realloc/free are thin adapters on the slab engine and WORK:
 *     realloc keeps the contents (in place while the block's class still fits and is not
 *     more than twice too big), free takes any block of the engine. Before or after the
 *     hand-off makes no difference: the engine finds a block's slab by address, whatever
 *     page source the slab came from.
 *   - kget_space (alloc/boot/space.c) is the bump space of the original, with its
 *     lock-drop-and-retry growth through the host's vm_map (strata_boot_host_set).
 *   - Hand-off: strata_page_source_switch() (alloc/core.c) points future growth at the
 *     full platform or at the host; nothing here changes, blocks stay valid.
 *
 * Locking: strata_boot_init turns the lock mode from mutex into spin (before a scheduler
 * exists nothing can sleep; STRATA_THREADS=none stays none; the freestanding default is
 * spin anyway) for the engine's locks and the space's; no lock is held across a host
 * call. Start-up is made once by a compare-and-swap on the `started` word, so two CPUs
 * racing into strata_boot_init cannot both start it.
 *
 * Failure: NULL from the allocating calls (out of region and host), -1 from a second
 * init. Misuse (freeing kget_space memory, realloc of a foreign pointer) goes to the
 * error sink, which names the pointer; the call is then a no-op (realloc returns NULL).
 *
 * Counted: CNT_BOOT_MALLOC, CNT_BOOT_REALLOC, CNT_BOOT_FREE, CNT_KGET_SPACE ("boot" face).
 */
#include <stdatomic.h>
#include <strata/boot.h>

#include "alloc/boot/space.h"
#include "alloc/core.h"
#include "alloc/error.h"
#include "alloc/stats/stats.h"
#include "alloc/sync/sync.h"
#include "alloc/zone/slab.h"

/* The face's module state: the region the engine starts on must outlive the call. */
static struct boot_state {
	atomic_int started;             /* 0 until strata_boot_init succeeded once */
	strata_page_region_t region;    /* the static region's bump state (page source ctx) */
	strata_page_source_t source;    /* { &strata_page_static, &region } */
} boot;

/* Claim the start-up, hand the region to the static page source, start the core on it. */
int strata_boot_init(void *region, size_t size)
{
	int expected = 0;

	if (region == NULL || size == 0)
		return -1;
	if (!atomic_compare_exchange_strong(&boot.started, &expected, 1))
		return -1;
	/* Before a scheduler exists nothing can sleep on a lock: spin (none stays none). */
	if (sync_mode_get() == SYNC_MUTEX)
		sync_mode_set(SYNC_SPIN);
	strata_page_region_init(&boot.region, region, size);
	boot.source.ops = &strata_page_static;
	boot.source.ctx = &boot.region;
	if (strata_init(&boot.source) != 0) {
		atomic_store(&boot.started, 0);
		return -1;
	}
	return 0;
}

/* Forward to the space, which copies the host. */
void strata_boot_host_set(const strata_page_host_t *host)
{
	boot_space_host_set(host);
}

/* The historical name: count, then bump. */
void *kget_space(size_t size)
{
	stats_count(CNT_KGET_SPACE);
	return boot_space_alloc(size);
}

/* malloc on the engine's size classes (large sizes: whole pages, still the engine's). */
void *strata_boot_malloc(size_t size)
{
	stats_count(CNT_BOOT_MALLOC);
	return slab_alloc(size);
}

/* Refuse what the engine cannot free: kget_space memory. Returns 1 when p may go on. */
static int boot_block_check(const void *p, const char *call)
{
	if (!boot_space_contains(p))
		return 1;
	error_report(STRATA_ERR_INVALID_FREE, p,
	             "boot %s: %p is kget_space memory, which is never freed individually",
	             call, p);
	return 0;
}

/* realloc that works: grow or shrink, keep min(old, new) bytes, leave p valid on failure. */
void *strata_boot_realloc(void *p, size_t size)
{
	stats_count(CNT_BOOT_REALLOC);
	if (p == NULL)
		return slab_alloc(size);
	if (!boot_block_check(p, "realloc"))
		return NULL;
	if (size == 0) {
		slab_free(p);
		return NULL;
	}
	int misuse;
	return slab_realloc(p, size, &misuse);   /* misuse is reported by the engine */
}

/* free that works: any engine block, NULL ignored, kget_space memory refused. */
void strata_boot_free(void *p)
{
	stats_count(CNT_BOOT_FREE);
	if (p == NULL || !boot_block_check(p, "free"))
		return;
	slab_free(p);
}

/* Translate the space's counters into the public struct. */
void strata_boot_info(strata_boot_info_t *out)
{
	struct boot_space_usage u;

	boot_space_usage_get(&u);
	out->space_used = u.used;
	out->space_reserved = u.reserved;
	out->space_wasted = u.wasted;
	out->core_grows = u.core_grows;
	out->host_grows = u.host_grows;
	out->host_returns = u.host_returns;
	out->failures = u.failures;
}

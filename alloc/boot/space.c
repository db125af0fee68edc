/*
 * alloc/boot/space.c: kget_space, the boot face's bump space.
 *
 * The Mach bootstrap allocator carved every small block out of one bump region,
 * [kalloc_next_space, kalloc_end_of_space), guarded by a spin lock; when a request did not
 * fit it dropped the lock, asked the VM for round_page(size) more bytes (vm_map with the
 * current end as the hint, so growth was contiguous when possible), took the lock again
 * and retried. A region that did not continue the old one made the old remainder waste;
 * a thread that lost the race (someone else grew the space meanwhile) gave its region
 * back with vm_deallocate. This file keeps that shape:
 *
 *   - The space is one bump range [next, end) plus a small table of the regions it ever
 *     adopted (so that the boot free can refuse kget_space memory with a clear message
 *     instead of handing it to the slab engine). Blocks are rounded to BOOT_SPACE_GRAIN
 *     (16) bytes, which is also their alignment: better than the original's 4, and what
 *     every C object needs on LP64.
 *   - Growth asks the engine's page layer first (core_pages_alloc: during boot that is the
 *     static boot region, after hand-off the full platform), then the host's vm_map
 *     callback (strata_boot_host_set). Growth steps are whole pages, at least
 *     round_page(size), as in the original.
 *   - Locking: one sync lock (a spin lock in boot and freestanding builds). It is NEVER
 *     held across a page or host call: the lock is dropped, the call made, the lock
 *     re-taken and the space re-checked. A surplus region from a lost race goes back to
 *     where it came from (core_pages_free, or the host's vm_unmap when it has one). A host
 *     without vm_unmap keeps it: the range with more room becomes the bump range and the
 *     other is counted as waste (it stays recorded, so the boot free still knows it).
 *   - Failure: NULL when neither the pages nor the host have room (a host answer that
 *     is not page aligned counts as no room, and goes back to it); nothing prints.
 *   - The table of regions holds BOOT_SPACE_CHUNKS entries; contiguous growth extends the
 *     last entry. If it ever overflows, boot_space_contains() answers 0 for the rest, which
 *     only weakens a diagnostic: the slab engine then reports the pointer as foreign.
 */
#include "alloc/boot/space.h"

#include "alloc/assert.h"
#include "alloc/core.h"
#include "alloc/error.h"
#include "alloc/sync/sync.h"

/* Where a new region came from, so that a surplus goes back to the same place. */
enum boot_space_origin { BOOT_FROM_CORE, BOOT_FROM_HOST };

/* One adopted region [base, end). */
struct boot_space_chunk {
	uintptr_t base;  /* first byte */
	uintptr_t end;   /* one past the last byte */
};

/* The module state: one struct, so that a test or a fork handler resets it at once. */
static struct boot_space_state {
	sync_lock_t lock;                  /* guards every field below */
	uintptr_t next;                    /* first free byte of the bump range */
	uintptr_t end;                     /* one past the bump range */
	strata_page_host_t host;           /* copy of the installed host (vm_map NULL: none) */
	struct boot_space_chunk chunks[BOOT_SPACE_CHUNKS];  /* adopted regions, in order */
	unsigned nchunks;                  /* entries used in chunks[] */
	struct boot_space_usage usage;     /* counters for strata_boot_info */
} space = { .lock = SYNC_LOCK_INITIALIZER };

/* Round n up to a multiple of the power of two a (the caller checked for overflow). */
static size_t boot_space_round(size_t n, size_t a)
{
	return (n + a - 1) & ~(a - 1);
}

/* Record [base, base + size) as adopted; extends the entry that holds the bump range when
 * the region continues it (called before the bump range moves). */
static void boot_space_chunk_insert_locked(uintptr_t base, size_t size)
{
	ASSERT(sync_lock_held(&space.lock));
	for (unsigned i = 0; base == space.end && i < space.nchunks; i++) {
		if (space.chunks[i].end == base) {
			space.chunks[i].end = base + size;
			return;
		}
	}
	if (space.nchunks < BOOT_SPACE_CHUNKS) {
		space.chunks[space.nchunks].base = base;
		space.chunks[space.nchunks].end = base + size;
		space.nchunks++;
	}
}

/* Make [base, base + size) the bump range, abandoning the old remainder unless the new
 * region continues it (the caller holds the lock). */
static void boot_space_adopt_locked(uintptr_t base, size_t size)
{
	ASSERT(sync_lock_held(&space.lock));
	boot_space_chunk_insert_locked(base, size);
	if (base == space.end && space.end != 0) {
		space.end += size;
	} else {
		space.usage.wasted += space.end - space.next;
		space.next = base;
		space.end = base + size;
	}
	space.usage.reserved += size;
}

/* Give a surplus region back to its origin; called without the lock. */
static int boot_space_return(void *region, size_t size, enum boot_space_origin origin,
                             const strata_page_host_t *host)
{
	if (origin == BOOT_FROM_CORE) {
		core_pages_free(region, size);
		return 1;
	}
	if (host->vm_unmap != NULL) {
		host->vm_unmap(host->arg, region, size);
		return 1;
	}
	return 0;
}

/* Fast path: bump under the lock. Slow path: drop the lock, grow, re-take it, re-check. */
void *boot_space_alloc(size_t size)
{
	size_t page = core_page_size();

	if (size == 0)
		size = 1;
	if (size > SIZE_MAX - page - BOOT_SPACE_GRAIN)
		return NULL;
	size = boot_space_round(size, BOOT_SPACE_GRAIN);

	sync_lock_acquire(&space.lock);
	for (;;) {
		if (space.end - space.next >= size) {
			void *block = (void *)space.next;
			space.next += size;
			space.usage.used += size;
			sync_lock_release(&space.lock);
			return block;
		}

		/* Does not fit: grow with the lock dropped (the host may block). */
		strata_page_host_t host = space.host;
		sync_lock_release(&space.lock);

		size_t grow = boot_space_round(size, page);
		enum boot_space_origin origin = BOOT_FROM_CORE;
		void *region = core_pages_alloc(grow, 0);
		if (region == NULL && host.vm_map != NULL) {
			origin = BOOT_FROM_HOST;
			region = host.vm_map(host.arg, grow, page);
			if (region != NULL && ((uintptr_t)region & (page - 1)) != 0) {
				/* The host ignored the alignment: hand it back rather than misalign. */
				if (host.vm_unmap != NULL)
					host.vm_unmap(host.arg, region, grow);
				region = NULL;
			}
		}

		sync_lock_acquire(&space.lock);
		if (region == NULL) {
			space.usage.failures++;
			sync_lock_release(&space.lock);
			return NULL;
		}
		if (origin == BOOT_FROM_CORE)
			space.usage.core_grows++;
		else
			space.usage.host_grows++;

		if (space.end - space.next >= size) {
			/* Someone grew the space while the lock was dropped: ours is surplus. */
			sync_lock_release(&space.lock);
			int returned = boot_space_return(region, grow, origin, &host);
			sync_lock_acquire(&space.lock);
			if (returned) {
				space.usage.host_returns += origin == BOOT_FROM_HOST;
				continue;
			}
			/* A host that takes nothing back: keep whichever range has more room and
			 * count the other as waste (still recorded, so the boot free knows it). */
			if ((uintptr_t)region != space.end && grow <= space.end - space.next) {
				space.usage.reserved += grow;
				space.usage.wasted += grow;
				boot_space_chunk_insert_locked((uintptr_t)region, grow);
				continue;
			}
		}
		boot_space_adopt_locked((uintptr_t)region, grow);
	}
}

/* Install or clear the host under the lock; the copy outlives the caller's struct. */
void boot_space_host_set(const strata_page_host_t *host)
{
	sync_lock_acquire(&space.lock);
	if (host != NULL) {
		space.host = *host;
	} else {
		space.host.vm_map = NULL;
		space.host.vm_unmap = NULL;
		space.host.arg = NULL;
	}
	sync_lock_release(&space.lock);
}

/* Linear walk of the region table (at most BOOT_SPACE_CHUNKS entries). */
int boot_space_contains(const void *ptr)
{
	uintptr_t p = (uintptr_t)ptr;
	int found = 0;

	sync_lock_acquire(&space.lock);
	for (unsigned i = 0; i < space.nchunks && !found; i++)
		found = p >= space.chunks[i].base && p < space.chunks[i].end;
	sync_lock_release(&space.lock);
	return found;
}

/* Copy the counters under the lock. */
void boot_space_usage_get(struct boot_space_usage *out)
{
	sync_lock_acquire(&space.lock);
	*out = space.usage;
	sync_lock_release(&space.lock);
}

/* Peek at the lock word; only meaningful to the thread that would hold it. */
int boot_space_lock_held(void)
{
	return atomic_load_explicit(&space.lock.word, memory_order_relaxed) != 0;
}

/* Walk the space's invariants under the lock; report the first one broken. */
int boot_verify(void)
{
	const char *broken = NULL;

	sync_lock_acquire(&space.lock);
	uintptr_t at = space.next;
	if (space.next > space.end)
		broken = "bump pointer past the end of its range";
	else if (space.usage.used + space.usage.wasted > space.usage.reserved)
		broken = "more bytes used and wasted than reserved";
	else if (space.end != 0 && space.nchunks < BOOT_SPACE_CHUNKS) {
		int inside = 0;
		for (unsigned i = 0; i < space.nchunks && !inside; i++)
			inside = space.next >= space.chunks[i].base && space.end <= space.chunks[i].end;
		if (!inside)
			broken = "bump range outside every adopted region";
	}
	for (unsigned i = 0; i < space.nchunks && broken == NULL; i++) {
		if (space.chunks[i].base >= space.chunks[i].end)
			broken = "empty or inverted region";
		for (unsigned j = i + 1; j < space.nchunks && broken == NULL; j++)
			if (space.chunks[i].base < space.chunks[j].end &&
			    space.chunks[j].base < space.chunks[i].end)
				broken = "two adopted regions overlap";
	}
	sync_lock_release(&space.lock);
	if (broken == NULL)
		return 0;
	error_report(STRATA_ERR_CORRUPT, (void *)at, "boot verify: kget_space: %s", broken);
	return -1;
}

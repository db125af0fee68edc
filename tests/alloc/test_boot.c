/*
 * tests/alloc/test_boot.c: the boot face from boot to hand-off and after.
 *
 * One process boots libstrata once, so this program walks one boot story in order:
 *   1. strata_boot_init on an 8 MiB static region (a second init fails; the lock mode
 *      turns from mutex to spin);
 *   2. kalloc/kfree and zones work during boot, on the same engine;
 *   3. the boot malloc/realloc/free work: malloc(0) is unique, realloc keeps contents
 *      when growing and shrinking, realloc(NULL, n) and realloc(p, 0), free(NULL);
 *   4. kget_space: 16-byte aligned, no two blocks overlap, and once the region is used
 *      up it grows through the host's vm_map (a fake host that counts calls, checks that
 *      no boot lock is held during the call, and fails after a budget: then NULL);
 *   5. freeing kget_space memory is refused through the error sink, with a message
 *      naming the pointer;
 *   6. hand-off to the full platform (mmap): blocks from boot keep their contents and can
 *      be freed (boot free and kfree), new allocations come from the new source;
 *   7. a pointer strata never handed out goes to the error sink (free and realloc);
 *   8. out of pages (a faulty source after the hand-off): NULL answers, a failed realloc
 *      leaves its block valid;
 *   9. the boot counters match the calls made.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strata/boot.h>
#include <strata/error.h>
#include <strata/kalloc.h>
#include <strata/stats.h>
#include <strata/zone.h>

#include "alloc/boot/space.h"
#include "alloc/sync/sync.h"
#include "alloc/zone/slab.h"
#include "check.h"

#define REGION_SIZE (8u << 20)
static _Alignas(4096) unsigned char region[REGION_SIZE];

/* The fake host: a pool of pages handed out upward, at most `budget` maps. */
#define POOL_SIZE (4u << 20)
static _Alignas(4096) unsigned char pool[POOL_SIZE];
static struct fake_host {
	size_t next;             /* first unused byte of pool */
	unsigned long maps;      /* successful vm_map calls */
	unsigned long refused;   /* vm_map calls refused (budget spent) */
	unsigned long budget;    /* maps allowed */
	unsigned long locked;    /* calls made while the kget_space lock was held */
} host;

/* vm_map: page-aligned runs from the pool, counted; NULL once the budget is spent. */
static void *fake_vm_map(void *arg, size_t size, size_t align)
{
	(void)arg;
	if (boot_space_lock_held())
		host.locked++;
	if (host.maps >= host.budget) {
		host.refused++;
		return NULL;
	}
	size_t at = (host.next + align - 1) & ~(align - 1);
	if (at + size > POOL_SIZE) {
		host.refused++;
		return NULL;
	}
	host.next = at + size;
	host.maps++;
	return pool + at;
}

/* The error sink, captured. */
static struct captured {
	unsigned long count;
	strata_error_kind_t kind;
	const void *ptr;
	char message[256];
} cap;

/* Record the last error instead of aborting. */
static void capture_error(strata_error_kind_t kind, const void *ptr, const char *message, void *arg)
{
	(void)arg;
	cap.count++;
	cap.kind = kind;
	cap.ptr = ptr;
	snprintf(cap.message, sizeof cap.message, "%s", message);
}

/* Fill n bytes with a pattern keyed by `key`. */
static void fill(void *p, size_t n, unsigned key)
{
	unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		b[i] = (unsigned char)(key * 131u + i * 7u);
}

/* 1 when the n bytes at p still hold the pattern keyed by `key`. */
static int intact(const void *p, size_t n, unsigned key)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		if (b[i] != (unsigned char)(key * 131u + i * 7u))
			return 0;
	return 1;
}

/* A block of the boot story that outlives the hand-off. */
struct kept {
	void *p;
	size_t size;
	int kind;      /* 0 boot malloc, 1 kalloc */
	unsigned key;  /* the pattern it was filled with */
};

#define SPACE_MAX 256
static struct { uintptr_t a; size_t n; } spaces[SPACE_MAX];
static size_t nspaces;

/* qsort order by address. */
static int space_cmp(const void *x, const void *y)
{
	const uintptr_t a = *(const uintptr_t *)x, b = *(const uintptr_t *)y;
	return a < b ? -1 : a > b;
}

int main(void)
{
	struct kept kept[64];
	size_t nkept = 0;
	unsigned long mallocs = 0, reallocs = 0, frees = 0, kget_spaces = 0;

	strata_error_handler_set(capture_error, NULL);

	/* 1. boot: the hosted default lock mode (mutex) becomes spin (nothing may sleep yet) */
	CHECK_EQ(sync_mode_get(), SYNC_MUTEX);
	CHECK_EQ(strata_boot_init(region, sizeof region), 0);
	CHECK_EQ(sync_mode_get(), SYNC_SPIN);
	CHECK_EQ(strata_boot_init(region, sizeof region), -1);
	CHECK_EQ(strata_boot_init(NULL, 4096), -1);

	/* 2. kalloc and zones during boot */
	for (unsigned i = 0; i < 16; i++) {
		size_t n = 16u << (i % 8);
		void *p = kalloc(n);
		CHECK(p != NULL);
		CHECK((uintptr_t)p >= (uintptr_t)region && (uintptr_t)p < (uintptr_t)region + sizeof region);
		if (p == NULL)
			continue;
		fill(p, n, i);
		if (i % 2 == 0 && nkept < 64) {
			kept[nkept++] = (struct kept){ p, n, 1, i };
		} else {
			CHECK(intact(p, n, i));
			kfree(p, n);
		}
	}
	zone_t z = zinit(48, 64 * 48, 0, "boot.test");
	CHECK(z != NULL);
	void *zo = z ? zalloc(z) : NULL;
	CHECK(zo != NULL);
	if (zo)
		zfree(z, zo);

	/* 3. the boot malloc family */
	void *m0 = strata_boot_malloc(0), *m1 = strata_boot_malloc(0);
	mallocs += 2;
	CHECK(m0 != NULL && m1 != NULL && m0 != m1);
	strata_boot_free(m0);
	strata_boot_free(m1);
	strata_boot_free(NULL);
	frees += 3;

	size_t sz = 24;
	unsigned char *r = strata_boot_malloc(sz);
	mallocs++;
	CHECK(r != NULL);
	if (r)
		fill(r, sz, 99);
	for (int step = 0; step < 7 && r; step++) {
		size_t bigger = sz * 3 + 5;   /* crosses classes, ends on the page path */
		unsigned char *q = strata_boot_realloc(r, bigger);
		reallocs++;
		CHECK(q != NULL);
		if (!q)
			break;
		CHECK(intact(q, sz, 99));
		fill(q, bigger, 99);
		r = q;
		sz = bigger;
	}
	CHECK(sz > 16384);   /* the realloc chain reached the large path */
	if (r) {
		unsigned char *q = strata_boot_realloc(r, 100);   /* shrink: keeps 100 bytes */
		reallocs++;
		CHECK(q != NULL);
		if (q) {
			CHECK(intact(q, 100, 99));
			r = q;
			sz = 100;
		}
		CHECK(slab_usable_size(r) >= 100);
	}
	void *viaz = strata_boot_realloc(NULL, 40);
	reallocs++;
	CHECK(viaz != NULL);
	CHECK(strata_boot_realloc(viaz, 0) == NULL);   /* frees */
	reallocs++;
	if (r && nkept < 64)
		kept[nkept++] = (struct kept){ r, sz, 0, 99 };
	for (unsigned i = 0; i < 20 && nkept < 64; i++) {
		size_t n = 1 + i * 97;
		void *p = strata_boot_malloc(n);
		mallocs++;
		CHECK(p != NULL);
		if (p) {
			fill(p, n, 1000 + i);
			kept[nkept++] = (struct kept){ p, n, 0, 1000 + i };
		}
	}

	/* 4. kget_space: exhaust the region, then grow through the host */
	host.budget = 3;
	strata_boot_host_set(&(strata_page_host_t){ .vm_map = fake_vm_map, .vm_unmap = NULL, .arg = NULL });
	strata_boot_info_t bi;
	size_t from_pool = 0;
	for (unsigned i = 0; i < 400 && nspaces < SPACE_MAX; i++) {
		size_t n = i % 2 == 0 ? 200000 : 1 + (i * 37) % 3000;
		void *p = kget_space(n);
		kget_spaces++;
		if (p == NULL)
			break;
		CHECK((uintptr_t)p % 16 == 0);
		fill(p, n, 5000 + i);
		spaces[nspaces].a = (uintptr_t)p;
		spaces[nspaces++].n = n;
		from_pool += (uintptr_t)p >= (uintptr_t)pool && (uintptr_t)p < (uintptr_t)pool + POOL_SIZE;
	}
	strata_boot_info(&bi);
	CHECK(bi.core_grows > 0);                 /* first from the region's pages */
	CHECK_EQ(bi.host_grows, 3);               /* then the host, until its budget */
	CHECK_EQ(host.maps, 3);
	CHECK(host.refused >= 1);                 /* and then NULL */
	CHECK(bi.failures >= 1);
	CHECK_EQ(host.locked, 0);                 /* no lock held across vm_map */
	CHECK(from_pool >= 3);                    /* one block at least per host region */
	CHECK(kget_space(1u << 30) == NULL);       /* a request the host cannot meet */
	kget_spaces++;
	CHECK(bi.space_used <= bi.space_reserved);
	/* No two kget_space blocks overlap, and none lost its contents. */
	for (size_t i = 0; i < nspaces; i++)
		CHECK(intact((void *)spaces[i].a, spaces[i].n, 5000 + (unsigned)i));
	qsort(spaces, nspaces, sizeof spaces[0], space_cmp);
	size_t overlaps = 0;
	for (size_t i = 1; i < nspaces; i++)
		overlaps += spaces[i - 1].a + spaces[i - 1].n > spaces[i].a;
	CHECK_EQ(overlaps, 0);
	CHECK(nspaces > 10);
	CHECK_EQ(boot_verify(), 0);

	/* 5. kget_space memory is never freed: the error sink says so and names it */
	unsigned long before = cap.count;
	strata_boot_free((void *)spaces[0].a);
	frees++;
	CHECK_EQ(cap.count, before + 1);
	CHECK_EQ(cap.kind, STRATA_ERR_INVALID_FREE);
	CHECK(cap.ptr == (void *)spaces[0].a);
	CHECK(strstr(cap.message, "kget_space") != NULL);
	CHECK(strata_boot_realloc((void *)spaces[0].a, 10) == NULL);
	reallocs++;
	CHECK_EQ(cap.count, before + 2);

	/* 6. hand-off to the full platform */
	strata_page_source_t full = { &strata_page_mmap, NULL };
	CHECK_EQ(strata_page_source_switch(&full), 0);
	size_t big = 4u << 20;   /* more than the region: must come from mmap */
	void *after = kalloc(big);
	CHECK(after != NULL);
	if (after) {
		CHECK((uintptr_t)after + big <= (uintptr_t)region || (uintptr_t)after >= (uintptr_t)region + sizeof region);
		fill(after, big, 77);
		CHECK(intact(after, big, 77));
		kfree(after, big);
	}
	/* Verify the blocks kept from boot, then free them on the new platform. */
	size_t boot_blocks = nkept, bad = 0;
	for (size_t i = 0; i < nkept; i++) {
		struct kept *k = &kept[i];
		bad += !intact(k->p, k->size, k->key);
		if (k->kind == 1) {
			kfree(k->p, k->size);
		} else {
			strata_boot_free(k->p);
			frees++;
		}
	}
	CHECK_EQ(bad, 0);
	CHECK(boot_blocks >= 20);
	CHECK_EQ(cap.count, before + 2);   /* no error from any free after hand-off */
	CHECK_EQ(boot_verify(), 0);
	/* A block allocated after the hand-off frees as well. */
	void *late = strata_boot_malloc(300);
	mallocs++;
	CHECK(late != NULL);
	strata_boot_free(late);
	frees++;
	/* A pointer libstrata never handed out: the error sink, the call a no-op. */
	int local = 0;
	unsigned long errs = cap.count;
	strata_boot_free(&local);
	frees++;
	CHECK_EQ(cap.count, errs + 1);
	CHECK(cap.kind == STRATA_ERR_INVALID_FREE && cap.ptr == &local);
	CHECK(strata_boot_realloc(&local, 64) == NULL);
	reallocs++;
	CHECK_EQ(cap.count, errs + 2);
	CHECK(cap.ptr == &local);

	/* 8. out of pages after the hand-off (a faulty source that never maps): the boot
	 * face answers NULL, a failed realloc leaves the block valid, nothing is corrupted. */
	static strata_page_faulty_t faulty = { .inner = { &strata_page_mmap, NULL } };
	strata_page_source_t dry = { &strata_page_faulty, &faulty };
	CHECK_EQ(strata_page_source_switch(&dry), 0);
	unsigned char *keep = strata_boot_malloc(200);   /* a class with room: no new page */
	mallocs++;
	CHECK(keep != NULL);
	if (keep) {
		fill(keep, 200, 42);
		CHECK(strata_boot_malloc(8u << 20) == NULL);
		mallocs++;
		CHECK(strata_boot_realloc(keep, 8u << 20) == NULL);
		reallocs++;
		CHECK(intact(keep, 200, 42));
		strata_boot_free(keep);
		frees++;
	}
	CHECK(kget_space(8u << 20) == NULL);   /* host budget spent, pages dry */
	kget_spaces++;
	CHECK_EQ(cap.count, errs + 2);         /* running dry is not misuse */
	CHECK_EQ(slab_verify(), 0);
	CHECK_EQ(boot_verify(), 0);

	/* 9. counters */
	CHECK_EQ(strata_stats_get("boot", "malloc"), mallocs);
	CHECK_EQ(strata_stats_get("boot", "realloc"), reallocs);
	CHECK_EQ(strata_stats_get("boot", "free"), frees);
	CHECK_EQ(strata_stats_get("boot", "kget_space"), kget_spaces);
	return check_done();
}

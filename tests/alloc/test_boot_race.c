/*
 * tests/alloc/test_boot_race.c: kget_space's lock-drop-and-retry growth.
 *
 * The original bootstrap dropped kget_space_lock around vm_map, re-took it and re-checked:
 * a thread that lost the race gave its region back (vm_deallocate). Races are made
 * deterministic here by a host whose vm_map re-enters kget_space once (legal only because
 * no lock is held across the call): the nested call grows the space first, so the outer
 * call finds room when it re-takes the lock and must give its own region back --
 *   A. through the host's vm_unmap when it has one (counted as a return), or
 *   B. by keeping the region when the host has no vm_unmap (recorded, counted as waste
 *      when the current range has more room; nothing handed back, nothing lost track of).
 * A host that answers with a misaligned region gets it back and the call fails. Then,
 * after hand-off to the host source, threads (argv[1], default 4) allocate from
 * kget_space and the boot malloc family at once; no two kget_space blocks may overlap and
 * every block keeps its contents. Seeded and deterministic in what it checks.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strata/boot.h>
#include <strata/error.h>
#include <strata/kalloc.h>
#include <strata/stats.h>

#include "alloc/boot/space.h"
#include "alloc/zone/slab.h"
#include "check.h"

#define REGION_SIZE (4u << 20)   /* the core imports 2 MiB chunks */
static _Alignas(4096) unsigned char region[REGION_SIZE];

/* The fake host's pool: pages handed out upward with an atomic bump (threads share it). */
#define POOL_SIZE (64u << 20)
static _Alignas(4096) unsigned char pool[POOL_SIZE];
static atomic_size_t pool_next;
static atomic_ulong maps, unmaps, locked_calls;
static int reenter;   /* vm_map re-enters kget_space(reenter_size) once when set */
/* While single-threaded, vm_map checks that the kget_space lock is not held: with one
 * thread, a held lock could only be its caller's. (With threads, another thread may hold
 * it legitimately while the core maps pages for this one.) */
static int single_threaded = 1;
static size_t reenter_size;
static atomic_uintptr_t last_unmapped;   /* vm_unmap may run on any thread */

/* vm_map: page-aligned runs from the pool; optionally re-enters kget_space once. */
static void *race_vm_map(void *arg, size_t size, size_t align)
{
	(void)arg;
	if (single_threaded && boot_space_lock_held())
		atomic_fetch_add(&locked_calls, 1);
	if (reenter) {
		reenter = 0;
		void *inner = kget_space(reenter_size);
		CHECK(inner != NULL);
	}
	size_t need = size + align;
	size_t at = atomic_fetch_add(&pool_next, need);
	if (at + need > POOL_SIZE)
		return NULL;
	uintptr_t p = ((uintptr_t)pool + at + align - 1) & ~(uintptr_t)(align - 1);
	atomic_fetch_add(&maps, 1);
	return (void *)p;
}

/* vm_unmap: counted; the pool never reuses (the test only needs to see the call). */
static void race_vm_unmap(void *arg, void *addr, size_t size)
{
	(void)arg;
	(void)size;
	atomic_store(&last_unmapped, (uintptr_t)addr);
	atomic_fetch_add(&unmaps, 1);
}

/* A host that ignores the alignment it is asked for (answers 8 bytes off a page). */
static void *skewed_vm_map(void *arg, size_t size, size_t align)
{
	unsigned char *p = race_vm_map(arg, size + align, align);
	return p ? p + 8 : NULL;
}

/* Use up what is left of the current bump range, so the next call must grow. */
static void drain(void)
{
	strata_boot_info_t bi;
	strata_boot_info(&bi);
	size_t left = bi.space_reserved - bi.space_used - bi.space_wasted;
	if (left > 0)
		CHECK(kget_space(left) != NULL);
	strata_boot_info(&bi);
	CHECK_EQ(bi.space_reserved - bi.space_used - bi.space_wasted, 0);
}

#define PER_THREAD 400
/* One thread's kget_space blocks. */
struct worker {
	pthread_t tid;
	unsigned seed;
	uintptr_t a[PER_THREAD];
	size_t n[PER_THREAD];
	unsigned long bad;
};

/* The pattern byte of block i of thread `seed`. */
static unsigned char pat(unsigned seed, size_t i, size_t k)
{
	return (unsigned char)(seed * 61u + i * 13u + k);
}

/* kget_space blocks and boot malloc/realloc/free churn, each block patterned. */
static void *worker_run(void *arg)
{
	struct worker *w = arg;
	unsigned s = w->seed;
	void *live[8] = { 0 };
	size_t live_n[8] = { 0 };
	for (size_t i = 0; i < PER_THREAD; i++) {
		s = s * 1103515245u + 12345u;
		size_t n = 1 + (s >> 8) % 2000;
		unsigned char *p = kget_space(n);
		w->a[i] = (uintptr_t)p;
		w->n[i] = p ? n : 0;
		if (p)
			for (size_t k = 0; k < n; k++)
				p[k] = pat(w->seed, i, k);
		size_t slot = i % 8;
		if (live[slot]) {
			unsigned char *q = live[slot];
			for (size_t k = 0; k < live_n[slot]; k++)
				w->bad += q[k] != (unsigned char)(slot + k);
			if (i % 3 == 0) {
				size_t grown = live_n[slot] * 2 + 1;
				q = strata_boot_realloc(q, grown);
				if (q) {
					for (size_t k = 0; k < live_n[slot]; k++)
						w->bad += q[k] != (unsigned char)(slot + k);
					for (size_t k = 0; k < grown; k++)
						q[k] = (unsigned char)(slot + k);
					live[slot] = q;
					live_n[slot] = grown;
					continue;
				}
			}
			strata_boot_free(live[slot]);
			live[slot] = NULL;
		}
		live_n[slot] = 1 + (s >> 4) % 500;
		unsigned char *q = strata_boot_malloc(live_n[slot]);
		if (q)
			for (size_t k = 0; k < live_n[slot]; k++)
				q[k] = (unsigned char)(slot + k);
		live[slot] = q;
	}
	for (size_t slot = 0; slot < 8; slot++)
		strata_boot_free(live[slot]);
	return NULL;
}

/* Addresses of every block of every thread, for the overlap check. */
struct span {
	uintptr_t a;
	size_t n;
};

/* qsort order by address. */
static int span_cmp(const void *x, const void *y)
{
	const struct span *a = x, *b = y;
	return a->a < b->a ? -1 : a->a > b->a;
}

int main(int argc, char **argv)
{
	int threads = argc > 1 ? atoi(argv[1]) : 4;
	if (threads < 1 || threads > 64)
		threads = 4;

	CHECK_EQ(strata_boot_init(region, sizeof region), 0);
	strata_page_host_t with_unmap = { .vm_map = race_vm_map, .vm_unmap = race_vm_unmap, .arg = NULL };
	strata_page_host_t without_unmap = { .vm_map = race_vm_map, .vm_unmap = NULL, .arg = NULL };
	strata_boot_host_set(&with_unmap);

	/* Use the region up a page at a time, so that any growth must go to the host. */
	strata_boot_info_t bi;
	for (int i = 0; i < 4000; i++) {
		strata_boot_info(&bi);
		if (bi.host_grows > 0)
			break;
		if (kget_space(4096) == NULL)
			break;
	}
	strata_boot_info(&bi);
	CHECK(bi.core_grows > 0);
	CHECK(bi.host_grows > 0);

	/* A. the loser gives its region back through vm_unmap */
	drain();
	strata_boot_info(&bi);
	unsigned long grows0 = bi.host_grows, returns0 = bi.host_returns;
	unsigned long unmaps0 = atomic_load(&unmaps);
	reenter = 1;
	reenter_size = 16;
	void *outer = kget_space(32);
	CHECK(outer != NULL);
	strata_boot_info(&bi);
	CHECK_EQ(bi.host_grows, grows0 + 2);           /* the nested and the outer growth */
	CHECK_EQ(bi.host_returns, returns0 + 1);       /* the outer one was surplus */
	CHECK_EQ(atomic_load(&unmaps), unmaps0 + 1);
	CHECK(atomic_load(&last_unmapped) != 0 && (uintptr_t)outer != atomic_load(&last_unmapped));
	CHECK_EQ(boot_verify(), 0);

	/* B. a host without vm_unmap: the surplus is kept (reserved) instead */
	strata_boot_host_set(&without_unmap);
	drain();
	strata_boot_info(&bi);
	size_t reserved0 = bi.space_reserved;
	grows0 = bi.host_grows;
	returns0 = bi.host_returns;
	unmaps0 = atomic_load(&unmaps);
	reenter = 1;
	reenter_size = 16;
	CHECK(kget_space(32) != NULL);
	strata_boot_info(&bi);
	CHECK_EQ(bi.host_grows, grows0 + 2);
	CHECK_EQ(bi.host_returns, returns0);
	CHECK_EQ(atomic_load(&unmaps), unmaps0);
	CHECK(bi.space_reserved >= reserved0 + 2 * 4096);   /* both regions kept */
	CHECK_EQ(boot_verify(), 0);
	CHECK_EQ(atomic_load(&locked_calls), 0);

	/* Without any host, growth fails with NULL once the region is gone. */
	strata_boot_host_set(NULL);
	drain();
	unsigned long failures0 = bi.failures;
	CHECK(kget_space(64) == NULL);
	strata_boot_info(&bi);
	CHECK_EQ(bi.failures, failures0 + 1);

	/* A host answer that is not page aligned is handed back, and the call fails. */
	strata_page_host_t skewed = { .vm_map = skewed_vm_map, .vm_unmap = race_vm_unmap, .arg = NULL };
	strata_boot_host_set(&skewed);
	unmaps0 = atomic_load(&unmaps);
	failures0 = bi.failures;
	CHECK(kget_space(64) == NULL);
	strata_boot_info(&bi);
	CHECK_EQ(bi.failures, failures0 + 1);
	CHECK_EQ(atomic_load(&unmaps), unmaps0 + 1);

	/* Threads after hand-off to the host source. */
	strata_boot_host_set(&with_unmap);
	strata_page_source_t src = { &strata_page_host, &with_unmap };
	CHECK_EQ(strata_page_source_switch(&src), 0);
	/* Boot is single-threaded: the engine has served a boot malloc before threads exist
	 * (so this test is about kget_space and the boot face under threads, not about the
	 * engine's lazy start racing with itself). */
	void *warm = strata_boot_malloc(32);
	CHECK(warm != NULL);
	strata_boot_free(warm);
	CHECK_EQ(atomic_load(&locked_calls), 0);
	single_threaded = 0;
	struct worker *w = calloc((size_t)threads, sizeof *w);
	CHECK(w != NULL);
	if (w == NULL)
		return check_done();
	for (int t = 0; t < threads; t++) {
		w[t].seed = 1234u + (unsigned)t;
		CHECK_EQ(pthread_create(&w[t].tid, NULL, worker_run, &w[t]), 0);
	}
	for (int t = 0; t < threads; t++)
		pthread_join(w[t].tid, NULL);

	size_t total = (size_t)threads * PER_THREAD, got = 0, bad = 0;
	struct span *all = calloc(total, sizeof *all);
	CHECK(all != NULL);
	if (all == NULL)
		return check_done();
	for (int t = 0; t < threads; t++) {
		bad += w[t].bad;
		for (size_t i = 0; i < PER_THREAD; i++) {
			if (w[t].a[i] == 0)
				continue;
			const unsigned char *p = (const unsigned char *)w[t].a[i];
			for (size_t k = 0; k < w[t].n[i]; k++)
				bad += p[k] != pat(w[t].seed, i, k);
			CHECK(w[t].a[i] % 16 == 0);
			all[got].a = w[t].a[i];
			all[got++].n = w[t].n[i];
		}
	}
	CHECK_EQ(got, total);
	CHECK_EQ(bad, 0);
	qsort(all, got, sizeof *all, span_cmp);
	size_t overlaps = 0;
	for (size_t i = 1; i < got; i++)
		overlaps += all[i - 1].a + all[i - 1].n > all[i].a;
	CHECK_EQ(overlaps, 0);
	CHECK_EQ(slab_verify(), 0);
	CHECK_EQ(boot_verify(), 0);
	CHECK_EQ(strata_error_count(), 0);
	free(all);
	free(w);
	return check_done();
}

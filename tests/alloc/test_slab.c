/*
 * tests/alloc/test_slab.c: the slab engine (alloc/zone/slab.h) through its own API.
 *
 * Every size class: alignment, usable size >= request, contents preserved, the class
 * table's waste bound; page-backed blocks; aligned allocation for every power of two up
 * to 64 KiB; nogrow; zeroing; misuse (invalid, interior and double frees) reported with
 * the pointer; trim; a seeded random churn. slab_verify() after each case.
 * argv[1]: churn operations (default 200000); argv[2]: seed.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "check.h"
#include "errcap.h"

#include "alloc/zone/slab.h"
#include "alloc/zone/slab_impl.h"

/* A deterministic generator (xorshift64*). */
static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static uint64_t rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dull;
}

/* Fill n bytes at p with a pattern derived from tag. */
static void fill(void *p, size_t n, unsigned tag)
{
	unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		b[i] = (unsigned char)(tag + i * 7);
}

/* Whether the pattern of fill() is intact. */
static int intact(const void *p, size_t n, unsigned tag)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		if (b[i] != (unsigned char)(tag + i * 7))
			return 0;
	return 1;
}

/* The class table: multiples of 16, increasing, waste <= 12.5% beyond 16-byte rounding. */
static void test_class_table(void)
{
	size_t prev = 0;
	int ok_mult = 1, ok_inc = 1, ok_waste = 1, ok_map = 1;
	for (unsigned c = 0; c < SLAB_NCLASS; c++) {
		size_t s = slab_class_sizes[c];
		if (s % 16)
			ok_mult = 0;
		if (s <= prev)
			ok_inc = 0;
		size_t worst = (prev + 1 + 15) & ~(size_t)15;   /* smallest request of this class, rounded */
		if ((s - worst) * 8 > s) {
			ok_waste = 0;
			fprintf(stderr, "class %u (%zu bytes) wastes %zu bytes on a %zu-byte request\n", c, s, s - worst, prev + 1);
		}
		if (slab_class_index(prev + 1) != c || slab_class_index(s) != c || slab_class_size(s) != s)
			ok_map = 0;
		prev = s;
	}
	/* Every request size maps to the smallest class that holds it. */
	int ok_all = 1;
	for (size_t n = 0; n <= slab_small_max(); n++) {
		unsigned c = slab_class_index(n);
		if (c >= SLAB_NCLASS || slab_class_sizes[c] < n || (c > 0 && slab_class_sizes[c - 1] >= n && n > 0))
			ok_all = 0;
	}
	CHECK(ok_all);
	CHECK(ok_mult);
	CHECK(ok_inc);
	CHECK(ok_waste);
	CHECK(ok_map);
	CHECK_EQ(prev, slab_small_max());
	CHECK_EQ(slab_class_index(0), 0);
	CHECK_EQ(slab_class_size(slab_small_max() + 1), 36864);   /* page-rounded */
}

/* Every class: three requests (smallest, middle, largest), a few magazines' worth each. */
static void test_every_class(void)
{
	enum { N = 150 };
	static void *ptrs[N];
	size_t prev = 0;
	int bad_align = 0, bad_usable = 0, bad_contents = 0, bad_kind = 0;
	for (unsigned c = 0; c < SLAB_NCLASS; c++) {
		size_t s = slab_class_sizes[c];
		size_t reqs[3] = { prev + 1, (prev + 1 + s) / 2, s };
		for (int r = 0; r < 3; r++) {
			size_t n = s > 8192 ? 20 : N;
			for (size_t i = 0; i < n; i++) {
				ptrs[i] = slab_alloc(reqs[r]);
				if (!ptrs[i] || ((uintptr_t)ptrs[i] & 15) != 0)
					bad_align++;
				/* debug >= 2 reports the request (the rest is a redzone) */
				size_t want = slab_debug_level() >= 2 && reqs[r] < s ? reqs[r] : s;
				if (ptrs[i] && (slab_usable_size(ptrs[i]) < reqs[r] || slab_usable_size(ptrs[i]) != want))
					bad_usable++;
				if (ptrs[i] && slab_kind_of(ptrs[i]) != 1)
					bad_kind++;
				if (ptrs[i])
					fill(ptrs[i], reqs[r], (unsigned)(c * 3 + r + i));
			}
			for (size_t i = 0; i < n; i++) {
				if (ptrs[i] && !intact(ptrs[i], reqs[r], (unsigned)(c * 3 + r + i)))
					bad_contents++;
				slab_free(ptrs[i]);
			}
		}
		prev = s;
	}
	CHECK_EQ(bad_align, 0);
	CHECK_EQ(bad_usable, 0);
	CHECK_EQ(bad_contents, 0);
	CHECK_EQ(bad_kind, 0);
	CHECK_EQ(slab_verify(), 0);
	slab_thread_flush();
	CHECK_EQ(slab_verify(), 0);
}

/* Page-backed blocks: page-aligned, usable page-rounded, freed through slab_free. */
static void test_large(void)
{
	size_t sizes[] = { 32769, 40000, 65536, 100000, 1u << 20, (3u << 20) + 5 };
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		char *p = slab_alloc(sizes[i]);
		CHECK(p != NULL);
		if (!p)
			continue;
		CHECK(((uintptr_t)p & 4095) == 0);
		CHECK(slab_usable_size(p) >= sizes[i]);
		CHECK_EQ(slab_kind_of(p), 2);
		p[0] = 1;
		p[sizes[i] - 1] = 2;
		slab_free(p);
		CHECK_EQ(slab_kind_of(p), 0);
	}
	/* A freed large block is kept and reused by the next request it fits (<= 1/8 spare),
	 * unless STRATA_PURGE_DECAY=0 asks for memory back at once. */
	void *big = slab_alloc(200000);
	struct slab_usage u0, u1;
	slab_free(big);
	slab_usage_get(&u0);
	void *again = slab_alloc(190000);
	slab_usage_get(&u1);
	if (slab_state.purge_decay != 0) {
		CHECK(again == big);
		CHECK_EQ(u1.mapped, u0.mapped);
	}
	void *other = slab_alloc(100000);       /* would waste half of a kept block: fresh */
	CHECK(other != NULL && other != big);
	slab_free(again);
	slab_free(other);
	CHECK(slab_state.purge_decay == 0 ? slab_state.lcache_n == 0 : slab_state.lcache_n >= 1);
	void *q = slab_alloc_pages(100, 0);
	CHECK(q && ((uintptr_t)q & 4095) == 0 && slab_usable_size(q) == 4096);
	slab_free(q);
	struct slab_usage u;
	slab_usage_get(&u);
	CHECK_EQ(u.large_blocks, 0);
	CHECK_EQ(slab_verify(), 0);
}

/* Aligned allocation: every power of two from 1 to 64 KiB, small and large sizes. */
static void test_aligned(void)
{
	size_t sizes[] = { 1, 24, 100, 1000, 5000, 20000, 40000 };
	int bad = 0;
	for (size_t align = 1; align <= 65536; align *= 2) {
		for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
			void *p = slab_alloc_aligned(sizes[i], align);
			if (!p || ((uintptr_t)p & (align - 1)) != 0 || slab_usable_size(p) < sizes[i]) {
				bad++;
				fprintf(stderr, "aligned(%zu, %zu) = %p\n", sizes[i], align, p);
			}
			if (p)
				memset(p, 0x5a, sizes[i]);
			slab_free(p);
		}
	}
	for (size_t align = (size_t)1 << 17; align <= ((size_t)4 << 20); align *= 4) {
		void *p = slab_alloc_aligned(100, align);   /* past every class: aligned pages */
		if (!p || ((uintptr_t)p & (align - 1)) != 0 || slab_kind_of(p) != 2)
			bad++;
		slab_free(p);
	}
	CHECK_EQ(bad, 0);
	CHECK(slab_alloc_aligned(64, 48) == NULL);   /* not a power of two */
	CHECK_EQ(slab_verify(), 0);
}

/* Colouring: the slabs of a class with slack start their objects at different cache-line
 * offsets, so that the objects of the class do not all fall on the same few lines of
 * their pages (4608-byte objects: 8 offsets of 64 in a page without colours); a
 * coloured class still serves alignments up to a cache line, and bigger ones come from
 * classes or pages that keep them. */
static void test_colors(void)
{
	enum { N = 200 };
	static void *v[N];
	static unsigned char seen[4096 / 64];
	unsigned distinct = 0;
	int bad = 0;
	memset(seen, 0, sizeof seen);
	for (int i = 0; i < N; i++) {
		v[i] = slab_alloc(4500);   /* class 4608: 14 a slab, 1024 bytes of slack */
		CHECK(v[i] != NULL);
		if (v[i] && !seen[((uintptr_t)v[i] & 4095) / 64]++)
			distinct++;
	}
	CHECK_MSG(distinct > 8, "4608-byte objects on %u line offsets of a page", distinct);
	for (int i = 0; i < N; i++)
		slab_free(v[i]);
	for (size_t align = 32; align <= 8192; align *= 2) {
		for (int i = 0; i < N; i++) {
			v[i] = slab_alloc_aligned(4500, align);
			if (!v[i] || ((uintptr_t)v[i] & (align - 1)) != 0)
				bad++;
		}
		for (int i = 0; i < N; i++)
			slab_free(v[i]);
	}
	CHECK_EQ(bad, 0);
	CHECK_EQ(slab_verify(), 0);
}

/* nogrow: NULL for a class never used and for large sizes; an object once one is held. */
static void test_nogrow(void)
{
	CHECK(slab_alloc_nogrow(30000) == NULL);       /* class 30720: never touched yet */
	CHECK(slab_alloc_nogrow(40000) == NULL);       /* large */
	void *p = slab_alloc(30000);
	CHECK(p != NULL);
	slab_free(p);
	void *q = slab_alloc_nogrow(30000);            /* the one just freed, from the magazine */
	CHECK(q == p);
	slab_free(q);
	CHECK_EQ(slab_verify(), 0);
}

/* Zeroed allocation over recycled, dirtied objects. */
static void test_zero(void)
{
	unsigned char *p = slab_alloc(200);
	memset(p, 0xff, 200);
	slab_free(p);
	unsigned char *q = slab_alloc_zero(200);
	int nz = 0;
	for (int i = 0; i < 200; i++)
		nz += q[i] != 0;
	CHECK(q == p);   /* LIFO: the dirty one came back */
	CHECK_EQ(nz, 0);
	slab_free(q);
	unsigned char *l = slab_alloc_zero(50000);
	CHECK(l && l[0] == 0 && l[49999] == 0);
	slab_free(l);
}

/* Misuse goes to the error sink, naming the pointer, and does nothing else. */
static void test_misuse(void)
{
	char buf[64];
	int local;
	errcap_start();
	slab_free(&local);
	CHECK_EQ(errcap.count, 1);
	CHECK_EQ(errcap.kind, STRATA_ERR_INVALID_FREE);
	CHECK(errcap.ptr == &local);
	snprintf(buf, sizeof buf, "%p", (void *)&local);
	CHECK_MSG(strstr(errcap.message, buf) != NULL, "message: %s", errcap.message);

	char *p = slab_alloc(48);
	slab_free(p + 16);   /* interior pointer */
	CHECK_EQ(errcap.count, 2);
	CHECK_EQ(errcap.kind, STRATA_ERR_INVALID_FREE);
	slab_free(p);
	slab_free(p);        /* double free: top of the magazine */
	CHECK_EQ(errcap.count, 3);
	CHECK_EQ(errcap.kind, STRATA_ERR_DOUBLE_FREE);
	snprintf(buf, sizeof buf, "%p", (void *)p);
	CHECK_MSG(strstr(errcap.message, buf) != NULL && strstr(errcap.message, "double free") != NULL,
	          "message: %s", errcap.message);
	CHECK_EQ(slab_usable_size(&local), 0);
	CHECK_EQ(slab_kind_of(&local), 0);
	if (slab_debug_level() >= 1) {
		/* Full double-free detection: not on top of the magazine. */
		void *x = slab_alloc(48), *y = slab_alloc(48);
		slab_free(x);
		slab_free(y);
		int before = errcap.count;
		slab_free(x);
		CHECK_EQ(errcap.count, before + 1);
		CHECK_EQ(errcap.kind, STRATA_ERR_DOUBLE_FREE);
		/* Fill patterns: 0xa5 on allocation. */
		unsigned char *f = slab_alloc(64);
		CHECK(f[0] == 0xa5 && f[63] == 0xa5);
		slab_free(f);
	}
	if (slab_debug_level() >= 2) {
		/* Redzones: a one-byte overflow into the slack is caught at free. */
		char *r = slab_alloc(20);
		CHECK_EQ(slab_usable_size(r), 20);
		int before = errcap.count;
		r[20] = 'x';
		slab_free(r);
		CHECK_EQ(errcap.count, before + 1);
		CHECK_EQ(errcap.kind, STRATA_ERR_CORRUPT);
		snprintf(buf, sizeof buf, "%p", (void *)r);
		CHECK_MSG(strstr(errcap.message, buf) && strstr(errcap.message, "redzone"), "message: %s", errcap.message);
		char *ok = slab_alloc(20);   /* an intact one frees silently */
		ok[19] = 'y';
		before = errcap.count;
		slab_free(ok);
		CHECK_EQ(errcap.count, before);
	}
	int seen = errcap.count;
	slab_free(NULL);
	CHECK_EQ(errcap.count, seen);
	strata_error_handler_set(NULL, NULL);
	CHECK_EQ(slab_verify(), 0);
}

/* Trim: after a burst is freed, empty slabs and pages go back. */
static void test_trim(void)
{
	enum { N = 40000 };
	void **v = malloc(N * sizeof *v);
	for (int i = 0; i < N; i++)
		v[i] = slab_alloc(96);
	struct slab_usage a, b;
	slab_usage_get(&a);
	CHECK(a.small_in_use >= (size_t)N * 96);
	size_t purged0 = slab_state.purged_bytes;
	for (int i = 0; i < N; i++)
		slab_free(v[i]);
	/* Lazy purging: freeing keeps the pages (up to the dirty cap), trim gives them back;
	 * STRATA_PURGE_DECAY=0 purges as slabs empty. */
	if (slab_state.purge_decay > 0)
		CHECK_EQ(slab_state.purged_bytes, purged0);
	else if (slab_state.purge_decay == 0)
		CHECK(slab_state.purged_bytes > purged0);
	size_t released = slab_trim(0);
	CHECK(released >= (size_t)N * 96 / 2);
	CHECK_EQ(slab_state.lcache_n, 0);   /* kept large blocks went back too */
	slab_usage_get(&b);
	CHECK(b.small_slabs < a.small_slabs);
	CHECK(b.small_in_use + (size_t)N * 96 <= a.small_in_use);
	free(v);
	CHECK_EQ(slab_verify(), 0);
}

/* Time decay: a step purges only what was already free at the previous step. */
static void test_decay(void)
{
	enum { N = 20000 };
	if (slab_state.purge_decay <= 0)
		return;   /* STRATA_PURGE_DECAY=0 purges at once; < 0 never */
	void **v = malloc(N * sizeof *v);
	slab_trim(0);
	CHECK_EQ(slab_decay_step(), 0);             /* nothing resident and free */
	for (int i = 0; i < N; i++)
		v[i] = slab_alloc(200);
	for (int i = 0; i < N; i++)
		slab_free(v[i]);
	slab_thread_flush();
	void *big = slab_alloc(300000);
	slab_free(big);                              /* a kept large block */
	CHECK_EQ(slab_decay_step(), 0);             /* freed just now: kept one more period */
	size_t second = slab_decay_step();
	CHECK(second >= 300000);                     /* now purged / given back */
	(void)slab_decay_step();   /* segments that emptied during the last period: unmapped now */
	CHECK_EQ(slab_decay_step(), 0);
	CHECK_EQ(slab_state.lcache_n, 0);
	free(v);
	CHECK_EQ(slab_verify(), 0);
}

/* Pages of [p, p + n) that are resident (mincore). */
static size_t resident_pages(const void *p, size_t n)
{
	static unsigned char vec[(64u << 20) / 4096];
	size_t pages = n / 4096, count = 0;
	if (pages > sizeof vec || mincore((void *)p, n, vec) != 0)
		return (size_t)-1;
	for (size_t i = 0; i < pages; i++)
		count += vec[i] & 1u;
	return count;
}

/* A kept block of 1 MiB and up serves a request down to a quarter of its size: no map,
 * its pages past the request purged, the user sees the request's pages only. */
static void test_large_loose(void)
{
	const size_t MiB = (size_t)1 << 20;
	if (slab_state.purge_decay == 0)
		return;   /* STRATA_PURGE_DECAY=0: nothing is kept */
	slab_trim(0);
	char *ballast = slab_alloc(48 * MiB);    /* untouched: mapped, so the budget keeps 16 MiB */
	char *big = slab_alloc(16 * MiB);
	CHECK(big != NULL);
	memset(big, 0x5a, 16 * MiB);
	slab_free(big);
	struct slab_usage u0, u1;
	slab_usage_get(&u0);
	char *p = slab_alloc(5 * MiB);
	slab_usage_get(&u1);
	CHECK(p == big);                         /* the kept block, not a fresh map */
	CHECK_EQ(u1.mapped, u0.mapped);
	CHECK_EQ(slab_usable_size(p), 5 * MiB);  /* only the request's pages */
	CHECK_EQ(resident_pages(p + 6 * MiB, 10 * MiB), 0);   /* the old tail was purged */
	CHECK_EQ(resident_pages(p, 5 * MiB), 5 * MiB / 4096); /* the rest kept its pages */
	char *q = slab_alloc(3 * MiB);           /* no kept block of at most 4x: fresh */
	CHECK(q != NULL && q != big);
	slab_free(q);
	char *r = slab_alloc(2 * MiB);           /* the kept 3 MiB block: within 4x */
	CHECK(r == q);
	slab_free(r);
	slab_free(p);
	slab_free(ballast);
	CHECK_EQ(slab_trim(0) >= 5 * MiB, 1);
	CHECK_EQ(slab_state.lcache_n, 0);
	CHECK_EQ(slab_verify(), 0);
}

/* While the time decay runs, segments that empty stay mapped until a step has seen them
 * free (a live set that swings back costs no map and no fault); two steps later they are
 * gone. Without a clock or with STRATA_PURGE_DECAY <= 0 they go as they empty. */
static void test_segments_wait(void)
{
	enum { N = 100000 };   /* 200-byte objects: ~20 MB, ~20 segments */
	if (slab_state.purge_decay <= 0 || atomic_load(&slab_state.decay_last) == 0)
		return;
	void **v = malloc(N * sizeof *v);
	slab_trim(0);
	for (int i = 0; i < N; i++)
		v[i] = slab_alloc(200);
	size_t peak = slab_state.nsegs;
	size_t purged0 = slab_state.purged_bytes;
	CHECK(peak >= 16);
	for (int i = 0; i < N; i++)
		slab_free(v[i]);
	slab_thread_flush();
	CHECK_EQ(slab_state.nsegs, peak);
	CHECK_EQ(slab_state.purged_bytes, purged0);
	for (int i = 0; i < 4; i++)
		(void)slab_decay_step();
	CHECK_MSG(slab_state.nsegs < peak / 4, "%zu segments at the peak, %zu after the decay", peak,
	          slab_state.nsegs);
	free(v);
	CHECK_EQ(slab_verify(), 0);
}

/* A seeded random churn over every size, contents checked at free. */
static void test_churn(long ops)
{
	enum { SLOTS = 4096 };
	static struct { char *p; size_t n; unsigned tag; } slot[SLOTS];
	int bad = 0, fails = 0;
	for (long i = 0; i < ops; i++) {
		unsigned k = (unsigned)(rng() % SLOTS);
		if (slot[k].p) {
			if (!intact(slot[k].p, slot[k].n < 64 ? slot[k].n : 64, slot[k].tag))
				bad++;
			slab_free(slot[k].p);
			slot[k].p = NULL;
		} else {
			uint64_t r = rng();
			size_t n = (r & 7) == 0 ? (size_t)(r >> 8) % 70000 : (size_t)(r >> 8) % 600;
			slot[k].p = slab_alloc(n);
			slot[k].n = n;
			slot[k].tag = (unsigned)i;
			if (!slot[k].p)
				fails++;
			else
				fill(slot[k].p, n < 64 ? n : 64, slot[k].tag);
		}
	}
	for (unsigned k = 0; k < SLOTS; k++) {
		slab_free(slot[k].p);
		slot[k].p = NULL;
	}
	CHECK_EQ(bad, 0);
	CHECK_EQ(fails, 0);
	CHECK_EQ(slab_verify(), 0);
}

int main(int argc, char **argv)
{
	long ops = argc > 1 ? atol(argv[1]) : 200000;
	if (argc > 2)
		rng_state = (uint64_t)strtoull(argv[2], NULL, 0) | 1;
	test_class_table();
	slab_free(slab_alloc(4000));   /* start the engine (class 4096: not used below) */
	if (getenv("STRATA_DEBUG"))   /* the debug run really runs in debug mode */
		CHECK_EQ(slab_debug_level(), atoi(getenv("STRATA_DEBUG")));
	/* The decay steps these tests check are their own calls of slab_decay_step: the
	 * clock's steps (every STRATA_PURGE_DECAY ms, run from inside the allocator's calls)
	 * are put off past the end of the run, so that none falls between a test's frees and
	 * its checks however slowly the run goes (a loaded machine once made test_trim's
	 * frees outlast the 1 s period; test_slab_decay1 runs with a 1 ms period). The clock
	 * itself still starts (test_segments_wait needs it). */
	if (slab_state.purge_decay > 0)
		slab_state.purge_decay = 1000L * 3600 * 24 * 365;
	test_nogrow();
	test_every_class();
	test_large();
	test_aligned();
	test_colors();
	test_zero();
	test_misuse();
	test_trim();
	test_decay();
	test_large_loose();
	test_segments_wait();
	test_churn(ops);
	return check_done();
}

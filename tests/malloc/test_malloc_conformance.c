/*
 * tests/malloc/test_malloc_conformance.c: the whole malloc family against its contract
 * (include/strata/malloc.h), through the standard names (this program links libstrata.a,
 * whose overrides replace the system malloc) and through the strata_* names.
 *
 * Usage: test_malloc_conformance [svr4]   (svr4: run with STRATA_SVR4=1 in the environment)
 * Built twice: against libstrata.a (with CONFORMANCE_INTERNALS: also checks what mallopt
 * sets in the option table) and against libstrata.so (linking -lstrata, no preload).
 * Compiled with -fno-builtin so the compiler cannot fold malloc/free pairs away.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <strata/malloc.h>
#include <strata/stats.h>

#ifdef CONFORMANCE_INTERNALS
#include "alloc/options.h"
#endif
#include "check.h"

/* SVR4's cfree: exported by libstrata, declared by no system header. */
void cfree(void *ptr, size_t count, size_t size);

/* x, hidden from the compiler's constant folding (so huge requests are not warned about). */
static size_t opaque(size_t x)
{
	volatile size_t v = x;
	return v;
}

/* A realloc the compiler cannot see free its argument (a failing realloc keeps it). */
static void *(*volatile realloc_opaque)(void *, size_t) = realloc;
static void *(*volatile reallocarray_opaque)(void *, size_t, size_t) = reallocarray;

/* Whether p is aligned to a (a power of two). */
static int aligned(const void *p, size_t a)
{
	return ((uintptr_t)p & (a - 1)) == 0;
}

/* Fill n bytes with a pattern derived from seed. */
static void fill(unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(seed + i * 131u + (i >> 8));
}

/* Whether n bytes hold fill()'s pattern. */
static int holds(const unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != (unsigned char)(seed + i * 131u + (i >> 8)))
			return 0;
	return 1;
}

/* The sizes every per-size check walks: each small size, class edges, large sizes. */
static size_t test_size(size_t i)
{
	static const size_t large[] = { 4095, 4096, 4097, 8191, 12289, 16384, 32769, 65536,
	                                100000, 262145, 1 << 20, (1 << 20) + 1, 3 << 20, 9 << 20 };
	if (i < 1100)
		return i;
	i -= 1100;
	return i < sizeof large / sizeof large[0] ? large[i] : 0;
}
#define TEST_SIZES (1100 + 14)

/* malloc and malloc_usable_size: 16-byte alignment and usable >= request for every size. */
static void test_malloc_sizes(void)
{
	size_t bad_align = 0, bad_usable = 0, bad_content = 0;
	void **blocks = strata_malloc(TEST_SIZES * sizeof *blocks);

	CHECK(blocks != NULL);
	for (size_t i = 0; i < TEST_SIZES; i++) {
		size_t n = test_size(i);
		unsigned char *p = malloc(n);
		blocks[i] = p;
		if ((p == NULL && n != 0) || !aligned(p, 16))
			bad_align++;
		if (p != NULL && malloc_usable_size(p) < n)
			bad_usable++;
		if (p != NULL)
			fill(p, n, (unsigned)i);
	}
	for (size_t i = 0; i < TEST_SIZES; i++) {
		if (blocks[i] != NULL && !holds(blocks[i], test_size(i), (unsigned)i))
			bad_content++;
		free(blocks[i]);
	}
	strata_free(blocks);
	CHECK_EQ(bad_align, 0);
	CHECK_EQ(bad_usable, 0);
	CHECK_EQ(bad_content, 0);
}

/* malloc(0) is a unique pointer (glibc) or NULL (SVR4). */
static void test_zero(int svr4)
{
	void *a = malloc(0), *b = malloc(0);

	if (svr4) {
		CHECK(a == NULL);
		CHECK(b == NULL);
		CHECK(calloc(0, 16) == NULL);
		CHECK(calloc(16, 0) == NULL);
		CHECK(memalign(64, 0) == NULL);
		CHECK(valloc(0) == NULL);
		void *p = (void *)1;
		CHECK_EQ(posix_memalign(&p, 64, 0), 0);
		CHECK(p == NULL);
	} else {
		CHECK(a != NULL && b != NULL && a != b);
		CHECK(aligned(a, 16) && aligned(b, 16));
		void *c = calloc(0, 16);
		CHECK(c != NULL);
		free(c);
		void *m = memalign(64, 0);
		CHECK(m != NULL && aligned(m, 64));
		free(m);
	}
	free(a);
	free(b);
	/* realloc(p, 0) frees p and returns NULL in both modes (glibc 2.36, SVR4). */
	void *p = malloc(100);
	errno = 0;
	CHECK(realloc(p, 0) == NULL);
	CHECK_EQ(errno, 0);
	/* realloc(NULL, n) is malloc(n). */
	p = realloc(NULL, 33);
	CHECK(p != NULL && malloc_usable_size(p) >= 33);
	free(p);
}

/* calloc zero-fills every size, including blocks recycled from dirty frees. */
static void test_calloc(void)
{
	size_t dirty = 0;

	for (size_t i = 0; i < TEST_SIZES; i += (i < 1100 ? 7 : 1)) {
		size_t n = test_size(i);
		unsigned char *p = malloc(n ? n : 1);
		if (p) {
			memset(p, 0xee, n ? n : 1);
			free(p);
		}
		unsigned char *z = calloc(1, n);
		if (n && z == NULL) {
			dirty++;
			continue;
		}
		for (size_t j = 0; j < n; j++)
			if (z[j] != 0) {
				dirty++;
				break;
			}
		free(z);
	}
	CHECK_EQ(dirty, 0);
	unsigned *arr = calloc(1000, sizeof *arr);
	CHECK(arr != NULL && arr[0] == 0 && arr[999] == 0);
	free(arr);
}

/* realloc keeps the contents when growing and shrinking across classes and to/from large. */
static void test_realloc_chain(void)
{
	size_t n = 1, bad = 0;
	unsigned char *p = malloc(n);

	fill(p, n, 7);
	while (n < (8u << 20)) {
		size_t next = n * 3 / 2 + 1;
		unsigned char *q = realloc(p, next);
		if (q == NULL || !holds(q, n, 7))
			bad++;
		if (q == NULL)
			break;
		p = q;
		fill(p, next, 7);
		n = next;
	}
	while (n > 1) {
		size_t next = n / 3;
		if (next == 0)
			next = 1;
		unsigned char *q = realloc(p, next);
		if (q == NULL || !holds(q, next, 7))
			bad++;
		if (q == NULL)
			break;
		p = q;
		n = next;
	}
	free(p);
	CHECK_EQ(bad, 0);

	/* A small shrink or a growth within the usable size stays in place. */
	p = malloc(1000);
	CHECK(realloc(p, 990) == p);
	size_t usable = malloc_usable_size(p);
	CHECK(realloc(p, usable) == p);
	free(p);

	/* reallocarray: an overflowing product fails with ENOMEM, the block intact. */
	p = malloc(64);
	fill(p, 64, 3);
	errno = 0;
	CHECK(reallocarray_opaque(p, opaque(SIZE_MAX / 2), 4) == NULL);
	CHECK_EQ(errno, ENOMEM);
	CHECK(holds(p, 64, 3));
	unsigned char *q = reallocarray(p, 100, 10);
	CHECK(q != NULL && holds(q, 64, 3) && malloc_usable_size(q) >= 1000);
	free(q);
}

/* Failure sets errno = ENOMEM; overflow is caught; a failed realloc keeps the block. */
static void test_errno(void)
{
	errno = 0;
	CHECK(malloc(opaque(SIZE_MAX)) == NULL);
	CHECK_EQ(errno, ENOMEM);
	errno = 0;
	CHECK(malloc(opaque((size_t)PTRDIFF_MAX + 1)) == NULL);
	CHECK_EQ(errno, ENOMEM);
	errno = 0;
	CHECK(calloc(opaque(SIZE_MAX / 8), 16) == NULL);
	CHECK_EQ(errno, ENOMEM);
	errno = 0;
	CHECK(calloc(opaque((size_t)1 << 32), opaque((size_t)1 << 32)) == NULL);
	CHECK_EQ(errno, ENOMEM);
	unsigned char *p = malloc(200);
	fill(p, 200, 9);
	errno = 0;
	CHECK(realloc_opaque(p, opaque(SIZE_MAX - 8)) == NULL);
	CHECK_EQ(errno, ENOMEM);
	CHECK(holds(p, 200, 9));
	free(p);
	errno = 0;
	CHECK(memalign(64, opaque(SIZE_MAX - 100)) == NULL);
	CHECK_EQ(errno, ENOMEM);
	errno = 0;
	CHECK(pvalloc(opaque(SIZE_MAX - 10)) == NULL);
	CHECK_EQ(errno, ENOMEM);

	/* free preserves errno, for small and for page-backed blocks; free(NULL) is a no-op. */
	void *small = malloc(24), *big = malloc(5 << 20);
	errno = EBADF;
	free(small);
	CHECK_EQ(errno, EBADF);
	free(big);
	CHECK_EQ(errno, EBADF);
	free(NULL);
	CHECK_EQ(errno, EBADF);
	cfree(malloc(10), 1, 10);
	CHECK_EQ(errno, EBADF);
}

/* memalign, aligned_alloc, posix_memalign, valloc, pvalloc: every alignment honoured. */
static void test_aligned(void)
{
	size_t bad = 0;

	for (size_t a = 1; a <= (4u << 20); a <<= 1) {
		static const size_t sizes[] = { 1, 7, 16, 100, 4096, 70000 };
		for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
			size_t n = sizes[k];
			unsigned char *m = memalign(a, n);
			unsigned char *c = aligned_alloc(a, n);
			void *pm = NULL;
			int rc = posix_memalign(&pm, a < sizeof(void *) ? sizeof(void *) : a, n);
			if (!m || !aligned(m, a) || !aligned(m, 16) || malloc_usable_size(m) < n)
				bad++;
			if (!c || !aligned(c, a) || malloc_usable_size(c) < n)
				bad++;
			if (rc != 0 || !pm || !aligned(pm, a) || malloc_usable_size(pm) < n)
				bad++;
			if (m)
				memset(m, 1, n);
			if (c)
				memset(c, 2, n);
			if (pm)
				memset(pm, 3, n);
			free(m);
			free(c);
			free(pm);
		}
	}
	CHECK_EQ(bad, 0);

	/* memalign rounds a non-power-of-two alignment up (glibc); 0 is EINVAL. */
	void *m = memalign(opaque(48), 10);
	CHECK(m != NULL && aligned(m, 64));
	free(m);
	errno = 0;
	CHECK(memalign(opaque(0), 10) == NULL);
	CHECK_EQ(errno, EINVAL);
	/* aligned_alloc: a non-power-of-two alignment is EINVAL (C17 DR 460). */
	errno = 0;
	CHECK(aligned_alloc(opaque(24), 48) == NULL);
	CHECK_EQ(errno, EINVAL);

	/* posix_memalign: EINVAL for bad alignments, errno and *memptr untouched. */
	static const size_t badalign[] = { 0, 1, 2, 4, 3, 12, 24, 100, 4097 };
	for (size_t i = 0; i < sizeof badalign / sizeof badalign[0]; i++) {
		void *sentinel = (void *)&bad;
		void *out = sentinel;
		errno = 1234;
		CHECK_EQ(posix_memalign(&out, badalign[i], 64), EINVAL);
		CHECK_EQ(errno, 1234);
		CHECK(out == sentinel);
	}
	void *out = NULL;
	errno = 1234;
	CHECK_EQ(posix_memalign(&out, 64, opaque(SIZE_MAX - 100)), ENOMEM);
	CHECK_EQ(errno, 1234);

	/* valloc and pvalloc: page alignment; pvalloc rounds the size to whole pages. */
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	void *v = valloc(100);
	CHECK(v != NULL && aligned(v, page) && malloc_usable_size(v) >= 100);
	free(v);
	void *pv = pvalloc(page + 1);
	CHECK(pv != NULL && aligned(pv, page) && malloc_usable_size(pv) >= 2 * page);
	free(pv);
	pv = pvalloc(0);
	CHECK(pv != NULL && aligned(pv, page) && malloc_usable_size(pv) >= page);
	free(pv);
}

/* mallopt's accepted and rejected parameters and return conventions; M_PERTURB fills. */
static void test_mallopt(int svr4)
{
	if (svr4) {
		/* SVID convention: 0 success, 1 error; frozen once small blocks exist. */
		if (mallinfo2().ordblks == 0)
			CHECK_EQ(mallopt(M_KEEP, 0), 0);   /* no small block yet: open */
		CHECK_EQ(mallopt(M_GRAIN, 0), 1);
		CHECK_EQ(mallopt(M_NLBLKS, 1), 1);
		CHECK_EQ(mallopt(99, 1), 1);
		void *p = malloc(10);
		CHECK_EQ(mallopt(M_GRAIN, 16), 1);   /* frozen: small blocks exist */
		free(p);
	} else {
		CHECK_EQ(mallopt(M_MXFAST, 64), 1);
		CHECK_EQ(mallopt(M_MXFAST, 1000), 0);
		CHECK_EQ(mallopt(M_MXFAST, -1), 0);
		CHECK_EQ(mallopt(M_NLBLKS, 1), 0);
		CHECK_EQ(mallopt(M_NLBLKS, 48), 1);
#ifdef CONFORMANCE_INTERNALS
		CHECK_EQ(options_get(OPT_MAGAZINE), 48);   /* the magazine size, for caches made later */
#endif
		CHECK_EQ(mallopt(M_NLBLKS, 64), 1);
		CHECK_EQ(mallopt(M_GRAIN, 16), 1);
		CHECK_EQ(mallopt(M_GRAIN, 0), 0);
		CHECK_EQ(mallopt(M_KEEP, 0), 1);
		CHECK_EQ(mallopt(99, 1), 0);
	}
	CHECK_EQ(mallopt(M_TOP_PAD, 4096), 1);
	CHECK_EQ(mallopt(M_TOP_PAD, -1), 0);
	CHECK_EQ(mallopt(M_MMAP_THRESHOLD, 1 << 20), 1);
	CHECK_EQ(mallopt(M_MMAP_THRESHOLD, -5), 0);
	CHECK_EQ(mallopt(M_MMAP_MAX, 0), 1);
	CHECK_EQ(mallopt(M_ARENA_MAX, 0), 0);
	CHECK_EQ(mallopt(M_ARENA_MAX, 2), 1);
	CHECK_EQ(mallopt(M_ARENA_TEST, 8), 1);
	CHECK_EQ(mallopt(M_CHECK_ACTION, 3), 1);
#ifdef CONFORMANCE_INTERNALS
	CHECK_EQ(options_get(OPT_ERROR), 0);   /* bit 1 set: abort */
	CHECK_EQ(mallopt(M_CHECK_ACTION, 1), 1);
	CHECK_EQ(options_get(OPT_ERROR), 1);   /* print and continue */
	CHECK_EQ(mallopt(M_CHECK_ACTION, 2), 1);
	CHECK_EQ(options_get(OPT_ERROR), 0);
	long decay = options_get(OPT_PURGE_DECAY);
	CHECK_EQ(mallopt(M_TRIM_THRESHOLD, -1), 1);
	CHECK_EQ(options_get(OPT_PURGE_DECAY), -1);
	options_set(OPT_PURGE_DECAY, decay);
#endif
	CHECK_EQ(mallopt(-100, 1), 0);

	/* M_PERTURB: new blocks hold ~v, calloc still zeroes; 0 turns it off. */
	CHECK_EQ(mallopt(M_PERTURB, 0x5a), 1);
	unsigned char *p = malloc(100);
	size_t wrong = 0;
	for (size_t i = 0; i < 100; i++)
		wrong += p[i] != 0xa5;
	CHECK_EQ(wrong, 0);
	unsigned char *z = calloc(1, 100);
	CHECK(z != NULL && z[0] == 0 && z[99] == 0);
	free(z);
	free(p);
	CHECK_EQ(mallopt(M_PERTURB, 0), 1);
}

/* mallinfo2/mallinfo report real usage; malloc_trim and malloc_stats answer. */
static void test_mallinfo(void)
{
	struct mallinfo2 before = mallinfo2();
	size_t big = 4u << 20;
	void *p = malloc(big);
	memset(p, 1, big);
	struct mallinfo2 during = mallinfo2();
	CHECK(during.uordblks >= before.uordblks + big);
	CHECK(during.hblks >= 1);
	CHECK(during.hblkhd >= big);
	CHECK(during.arena >= during.uordblks);
	CHECK(during.usmblks >= during.arena);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
	struct mallinfo old = mallinfo();
#pragma GCC diagnostic pop
	CHECK(old.uordblks > 0 && (size_t)old.uordblks <= during.uordblks);
	free(p);
	struct mallinfo2 after = mallinfo2();
	CHECK(after.uordblks + big <= during.uordblks);
	int trimmed = malloc_trim(0);
	CHECK(trimmed == 0 || trimmed == 1);

	/* malloc_stats writes glibc's summary to stderr: capture it in a file. */
	char path[] = "/tmp/strata-malloc-stats-XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	if (fd >= 0) {
		int saved = dup(2);
		fflush(stderr);
		dup2(fd, 2);
		malloc_stats();
		dup2(saved, 2);
		close(saved);
		char text[1024] = { 0 };
		ssize_t n = pread(fd, text, sizeof text - 1, 0);
		CHECK(n > 0 && strstr(text, "system bytes") && strstr(text, "in use bytes"));
		close(fd);
		unlink(path);
	}
}

/* The strata_* names are the same allocator, and every face call is counted. */
static void test_counted(void)
{
	unsigned long m0 = strata_stats_get("malloc", "malloc");
	unsigned long f0 = strata_stats_get("malloc", "free");
	unsigned long c0 = strata_stats_get("malloc", "calloc");
	unsigned long r0 = strata_stats_get("malloc", "realloc");
	unsigned long a0 = strata_stats_get("malloc", "memalign");
	for (int i = 0; i < 100; i++) {
		void *p = malloc(32);
		p = realloc(p, 64);
		free(p);
		free(calloc(2, 8));
		free(aligned_alloc(64, 64));
	}
	CHECK(strata_stats_get("malloc", "malloc") >= m0 + 100);
	CHECK(strata_stats_get("malloc", "free") >= f0 + 300);
	CHECK(strata_stats_get("malloc", "calloc") >= c0 + 100);
	CHECK(strata_stats_get("malloc", "realloc") >= r0 + 100);
	CHECK(strata_stats_get("malloc", "memalign") >= a0 + 100);

	void *p = strata_malloc(40);
	CHECK(p != NULL && malloc_usable_size(p) >= 40);
	free(p);   /* a strata_malloc block freed by the standard name: one allocator */
	p = malloc(40);
	CHECK(strata_malloc_usable_size(p) >= 40);
	strata_free(p);
}

/* Entry: all cases; "svr4" selects the SVR4 expectations (STRATA_SVR4=1 must be set). */
int main(int argc, char **argv)
{
	int svr4 = argc > 1 && strcmp(argv[1], "svr4") == 0;

	if (svr4)
		test_mallopt(svr4);   /* first: SVID parameters are open before any small block */
	test_malloc_sizes();
	test_zero(svr4);
	test_calloc();
	test_realloc_chain();
	test_errno();
	test_aligned();
	if (!svr4)
		test_mallopt(svr4);
	test_mallinfo();
	test_counted();
	return check_done();
}

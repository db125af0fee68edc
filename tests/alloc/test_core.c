/*
 * tests/alloc/test_core.c: the core's page interface on the hosted default source --
 * alignment, no overlap, reuse, direct maps for big blocks, mapped/peak accounting,
 * purge, freed heap ranges kept resident until the decay or a trim (and never purged once
 * handed out again), bad frees reported, and the topology / stats writers naming the source.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <strata/stats.h>

#include "alloc/core.h"
#include "alloc/stats/stats.h"
#include "check.h"
#include "errcap.h"
#include "xorshift.h"

#define NBLOCKS 200

/* The page source under test (STRATA_PAGE_SOURCE), and whether it can unmap. */
static const char *source_name = "mmap";
static int source_unmaps = 1;

static uint64_t rng_state = 0x5eed1234abcdull;
/* The seeded random numbers of this test. */
static uint64_t rng(void)
{
	return xorshift64(&rng_state);
}

/* Many page blocks of random sizes and alignments: aligned, disjoint, contents kept. */
static void test_blocks(void)
{
	size_t ps = core_page_size();
	static unsigned char *blk[NBLOCKS];
	static size_t len[NBLOCKS];
	for (int round = 0; round < 3; round++) {
		for (int i = 0; i < NBLOCKS; i++) {
			len[i] = (1 + rng() % 40) * ps - (rng() % ps);
			size_t align = (rng() % 4 == 0) ? ps << (rng() % 6) : 0;
			blk[i] = core_pages_alloc(len[i], align);
			CHECK(blk[i] != NULL);
			if (!blk[i])
				continue;
			CHECK_EQ((uintptr_t)blk[i] % (align ? align : ps), 0);
			memset(blk[i], i & 0xff, len[i]);
		}
		for (int i = 0; i < NBLOCKS; i++)
			for (int j = i + 1; j < NBLOCKS; j++)
				if (blk[i] && blk[j])
					CHECK(blk[i] + len[i] <= blk[j] || blk[j] + len[j] <= blk[i]);
		for (int i = 0; i < NBLOCKS; i++) {
			if (!blk[i])
				continue;
			CHECK(blk[i][0] == (i & 0xff) && blk[i][len[i] - 1] == (i & 0xff));
			core_pages_free(blk[i], len[i]);
		}
	}
}

/* Big blocks are mapped directly and given back on free; small ones come from chunks. */
static void test_direct_and_accounting(void)
{
	size_t ps = core_page_size();
	size_t before = core_pages_mapped();
	unsigned char *big = core_pages_alloc((size_t)8 << 20, 0);
	CHECK(big != NULL);
	CHECK(core_pages_mapped() >= before + ((size_t)8 << 20));
	CHECK(core_pages_peak() >= core_pages_mapped());
	if (big) {
		big[0] = 1;
		big[((size_t)8 << 20) - 1] = 2;
		core_pages_free(big, (size_t)8 << 20);
	}
	if (source_unmaps) {
		CHECK_EQ(core_pages_mapped(), before);   /* went straight back to the system */
	} else {
		/* sbrk cannot unmap: the block stays in the heap and is reused. */
		size_t after = core_pages_mapped();
		void *again = core_pages_alloc((size_t)8 << 20, 0);
		CHECK(again != NULL);
		CHECK_EQ(core_pages_mapped(), after);
		core_pages_free(again, (size_t)8 << 20);
	}

	/* One-page requests: 100 of them map at most one or two chunks. */
	unsigned long maps0 = stats_read(CNT_PAGE_MAP);
	void *p[100];
	for (int i = 0; i < 100; i++)
		p[i] = core_pages_alloc(ps, 0);
	CHECK(stats_read(CNT_PAGE_MAP) - maps0 <= 2);
	for (int i = 0; i < 100; i++)
		core_pages_free(p[i], ps);

	/* Purge: the range stays usable and reads back as zeros (mmap source). */
	unsigned char *q = core_pages_alloc(4 * ps, 0);
	CHECK(q != NULL);
	if (q) {
		memset(q, 0x5a, 4 * ps);
		core_pages_purge(q, 4 * ps);
		CHECK(q[0] == 0 && q[4 * ps - 1] == 0);
		q[10] = 3;
		CHECK(q[10] == 3);
		core_pages_free(q, 4 * ps);
	}
	/* Bad arguments: NULL, never a crash. */
	CHECK(core_pages_alloc(0, 0) == NULL);
	CHECK(core_pages_alloc(ps, 3 * ps) == NULL);
	CHECK(core_pages_alloc(SIZE_MAX - 10, 0) == NULL);
}

/* Pages of [p, p + n) that are resident (mincore). */
static size_t resident_pages(const void *p, size_t n)
{
	static unsigned char vec[1024];
	size_t ps = core_page_size(), pages = (n + ps - 1) / ps, count = 0;
	if (pages > sizeof vec || mincore((void *)p, n, vec) != 0)
		return (size_t)-1;
	for (size_t i = 0; i < pages; i++)
		count += vec[i] & 1;
	return count;
}

/* Whether all n bytes at p are c. */
static int all_bytes(const unsigned char *p, size_t n, unsigned char c)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != c)
			return 0;
	return 1;
}

/* A freed heap range keeps its pages until the second decay step after its free, or a
 * trim (STRATA_PURGE_DECAY=0: purged at once); a range handed out again is never purged
 * by a later step, wholly or in part. A one-page block stays allocated in the same chunk
 * throughout, so the chunk is never released (unmapped) under the test. */
static void test_freed_ranges(void)
{
	size_t ps = core_page_size(), n = 16 * ps;
	const char *env = getenv("STRATA_PURGE_DECAY");
	int at_once = env && strtol(env, NULL, 0) == 0;
	(void)core_pages_trim();   /* start with no freed range noted */
	unsigned char *keep = core_pages_alloc(ps, 0);
	unsigned char *a = core_pages_alloc(n, 0);
	CHECK(keep != NULL && a != NULL);
	if (!keep || !a)
		return;
	memset(a, 0x5a, n);
	core_pages_free(a, n);
	if (at_once) {
		CHECK_EQ(resident_pages(a, n), 0);
	} else {
		CHECK_EQ(resident_pages(a, n), 16);   /* kept for reuse */
		CHECK_EQ(core_pages_decay(), 0);      /* the first step only notes it */
		CHECK_EQ(resident_pages(a, n), 16);
		CHECK_EQ(core_pages_decay(), n);      /* the second purges it */
		CHECK_EQ(resident_pages(a, n), 0);
	}

	/* Handed out again: the whole range, then a part of one. */
	unsigned char *b = core_pages_alloc(n, 0);
	CHECK(b == a);
	memset(b, 0x77, n);
	core_pages_free(b, n);
	unsigned char *c = core_pages_alloc(n, 0);
	CHECK(c == a);
	if (c) {
		memset(c, 0x33, n);
		(void)core_pages_decay();
		(void)core_pages_decay();
		CHECK(all_bytes(c, n, 0x33));         /* in use: not purged */
		core_pages_free(c, n);
	}
	/* A part of it: 4-page blocks until one lands in the freed range (smaller holes the
	 * heap's own bookkeeping left elsewhere are taken first). */
	unsigned char *d[64] = { NULL }, *in = NULL;
	int nd = 0;
	while (nd < 64 && !in) {
		d[nd] = core_pages_alloc(4 * ps, 0);
		CHECK(d[nd] != NULL);
		if (!d[nd])
			break;
		memset(d[nd], 0x44, 4 * ps);
		if (d[nd] >= a && d[nd] < a + n)
			in = d[nd];
		nd++;
	}
	CHECK(in != NULL);
	(void)core_pages_decay();
	(void)core_pages_decay();
	for (int i = 0; i < nd; i++)
		CHECK(all_bytes(d[i], 4 * ps, 0x44));   /* in use: not purged */
	if (in) {
		CHECK_EQ(resident_pages(a, (size_t)(in - a)), 0);                    /* the rest was purged */
		CHECK_EQ(resident_pages(in + 4 * ps, (size_t)(a + n - in) - 4 * ps), 0);
	}
	for (int i = 0; i < nd; i++)
		core_pages_free(d[i], 4 * ps);

	/* A trim purges at once. */
	unsigned char *e = core_pages_alloc(n, 0);
	CHECK(e != NULL);
	if (e) {
		memset(e, 0x11, n);
		core_pages_free(e, n);
		(void)core_pages_trim();
		CHECK_EQ(resident_pages(e, n), 0);
	}
	core_pages_free(keep, ps);
}

/* Frees of ranges the core never handed out, or twice, go to the error sink. */
static void test_bad_free(void)
{
	size_t ps = core_page_size();
	errcap_start();
	unsigned char *p = core_pages_alloc(2 * ps, 0);
	CHECK(p != NULL);
	core_pages_free(p, 2 * ps);
	CHECK_EQ(errcap.count, 0);
	core_pages_free(p, 2 * ps);
	CHECK_EQ(errcap.count, 1);
	CHECK_EQ(errcap.kind, STRATA_ERR_DOUBLE_FREE);
	CHECK(errcap.ptr == p);
	CHECK(strstr(errcap.message, "already free") != NULL);

	static char not_ours[64];
	core_pages_free(not_ours, 64);
	CHECK_EQ(errcap.count, 2);
	CHECK_EQ(errcap.kind, STRATA_ERR_INVALID_FREE);
	CHECK(errcap.ptr == not_ours);

	unsigned char *r = core_pages_alloc(3 * ps, 0);
	core_pages_free(r, 2 * ps);
	CHECK_EQ(errcap.count, 3);
	CHECK_EQ(errcap.kind, STRATA_ERR_SIZE_MISMATCH);
	core_pages_free(r, 3 * ps);   /* the right size still works afterwards */
	CHECK_EQ(errcap.count, 3);

	unsigned char *big = core_pages_alloc((size_t)4 << 20, 0);
	core_pages_free(big, (size_t)4 << 20);
	core_pages_free(big, (size_t)4 << 20);
	CHECK_EQ(errcap.count, 4);
	/* A direct map is gone after its free (nothing left to call it "already free"). */
	CHECK_EQ(errcap.kind, source_unmaps ? STRATA_ERR_INVALID_FREE : STRATA_ERR_DOUBLE_FREE);
	strata_error_handler_set(NULL, NULL);
}

/* The writers name the page source and the core. */
static void test_writers(void)
{
	int fds[2];
	char buf[8192];
	CHECK(pipe(fds) == 0);
	strata_topology_dot(fds[1]);
	close(fds[1]);
	ssize_t n = read(fds[0], buf, sizeof buf - 1);
	close(fds[0]);
	CHECK(n > 0);
	buf[n > 0 ? n : 0] = '\0';
	CHECK(strstr(buf, "digraph") != NULL);
	char edge[64];
	snprintf(edge, sizeof edge, "\"core\" -> \"%s\"", source_name);
	CHECK(strstr(buf, edge) != NULL);
	CHECK(strstr(buf, "\"slab\" -> \"core\"") != NULL);
	CHECK(strstr(buf, "\"rmap\" -> \"vmem\"") != NULL);
	/* labels as strata dig names implementations and backends */
	CHECK(strstr(buf, "\"kalloc\" [label=\"kalloc @ alloc/kalloc/kalloc.c\\nkernel general\"") != NULL);
	CHECK(strstr(buf, "\"core\" [label=\"core_pages_alloc @ alloc/core.c\\npage-level\"]") != NULL);
	snprintf(edge, sizeof edge, "[label=\"%s\\n(backend)\", shape=box3d]", source_name);
	CHECK(strstr(buf, edge) != NULL);
	CHECK(strata_stats_get("core", "pages_alloc") > 0);
	CHECK(strata_stats_get("page", "map") > 0);
	CHECK_EQ(strata_stats_get("nosuch", "call"), 0);
}

/* The core on the hosted default source (or STRATA_PAGE_SOURCE=sbrk). */
int main(int argc, char **argv)
{
	if (argc > 1)
		rng_state = strtoull(argv[1], NULL, 0) | 1;
	const char *env = getenv("STRATA_PAGE_SOURCE");
	if (env && strcmp(env, "sbrk") == 0) {
		source_name = "sbrk";
		source_unmaps = 0;
	}
	CHECK_EQ(core_init(), 0);
	CHECK_EQ(core_init(), 0);
	test_blocks();
	test_direct_and_accounting();
	test_freed_ranges();
	test_bad_free();
	test_writers();
	return check_done();
}

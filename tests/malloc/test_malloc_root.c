/*
 * tests/malloc/test_malloc_root.c: the seed's root-wrapper mode, done right. The seed's
 * malloc called kalloc, whose library called the host malloc again: infinite recursion
 * when both were linked. In strata, malloc and kalloc are two faces of one engine: this
 * program (which defines no allocator of its own) uses both, frees each one's blocks
 * through the other, and checks by the face counters that neither face calls the other.
 * kfree takes the size a block was asked with whatever face made it: a malloc block of
 * 16..32 KiB is a size class even though kalloc would have used pages for that size.
 */
/* strata/malloc.h before <malloc.h>: both define the mallopt constants, identically. */
#include <strata/malloc.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <strata/error.h>
#include <strata/kalloc.h>
#include <strata/stats.h>

#include "check.h"

/* Entry: interleave the two faces and check counters, sizes and contents. */
int main(void)
{
	unsigned long errors0 = strata_error_count();
	unsigned long m0 = strata_stats_get("malloc", "malloc");
	unsigned long k0 = strata_stats_get("kalloc", "kalloc");
	static const size_t sizes[] = { 16, 24, 100, 1000, 5000, 9000, 16384, 20000, 32768, 100000 };
	enum { N = sizeof sizes / sizeof sizes[0] };
	char *k[N], *m[N];

	for (int i = 0; i < N; i++) {
		k[i] = kalloc(sizes[i]);
		CHECK(k[i] != NULL);
		/* a kalloc block is the engine's: the malloc face knows its size */
		CHECK(malloc_usable_size(k[i]) >= sizes[i]);
		memset(k[i], 'k', sizes[i]);
	}
	CHECK_EQ(strata_stats_get("malloc", "malloc"), m0);           /* kalloc did not call malloc */
	CHECK_EQ(strata_stats_get("kalloc", "kalloc"), k0 + N);
	for (int i = 0; i < N; i++) {
		m[i] = malloc(sizes[i]);
		CHECK(m[i] != NULL);
		memset(m[i], 'm', sizes[i]);
	}
	CHECK_EQ(strata_stats_get("kalloc", "kalloc"), k0 + N);       /* malloc did not call kalloc */
	CHECK_EQ(strata_stats_get("malloc", "malloc"), m0 + N);
	for (int i = 0; i < N; i++) {
		CHECK(k[i][sizes[i] - 1] == 'k' && m[i][sizes[i] - 1] == 'm');
		/* one engine: realloc takes a kalloc block, kfree takes a malloc block */
		char *grown = realloc(k[i], sizes[i] * 2);
		CHECK(grown != NULL && grown[0] == 'k' && grown[sizes[i] - 1] == 'k');
		free(grown);
		/* Mach kfree with the size malloc was asked: class and page blocks alike,
		 * including malloc's 16..32 KiB classes (kalloc's page band) */
		kfree(m[i], sizes[i]);
	}
	CHECK_EQ(strata_error_count(), errors0);
	return check_done();
}

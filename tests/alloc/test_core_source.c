/*
 * tests/alloc/test_core_source.c: the core started on a static region (as a boot loader
 * would), exhausted, switched to mmap (the hand-off), with the boot-time blocks still
 * valid and freeable afterwards; then a fault-injecting source failing after N maps.
 */
#include <stdint.h>
#include <string.h>

#include <strata/page.h>

#include "alloc/core.h"
#include "check.h"
#include "errcap.h"

static unsigned char region[(4 << 20) + 4096];

/* Boot on a static region, hand off to mmap, then a faulty source. */
int main(void)
{
	strata_page_region_t r;
	strata_page_region_init(&r, region, sizeof region);
	strata_page_source_t boot = { &strata_page_static, &r };
	CHECK_EQ(strata_init(&boot), 0);
	CHECK_EQ(strata_init(&boot), 0);                     /* same source: fine */
	strata_page_source_t other = { &strata_page_mmap, NULL };
	CHECK_EQ(strata_init(&other), -1);                   /* running on another */
	size_t ps = core_page_size();
	errcap_start();

	/* Boot-time blocks come from the region. */
	unsigned char *a = core_pages_alloc(ps, 0);
	unsigned char *b = core_pages_alloc(8 * ps, 8 * ps);
	CHECK(a && b);
	CHECK(a >= region && a + ps <= region + sizeof region);
	CHECK(b >= region && b + 8 * ps <= region + sizeof region && (uintptr_t)b % (8 * ps) == 0);
	memset(a, 1, ps);
	memset(b, 2, 8 * ps);

	/* Exhaust the region: NULL, not a crash; frees make room again. */
	void *held[64];
	int n = 0;
	while (n < 64 && (held[n] = core_pages_alloc(64 * 1024, 0)) != NULL)
		n++;
	CHECK(n > 10 && n < 64);
	CHECK(core_pages_alloc(64 * 1024, 0) == NULL);
	core_pages_free(held[--n], 64 * 1024);
	void *again = core_pages_alloc(64 * 1024, 0);
	CHECK(again != NULL);
	if (again)
		held[n++] = again;
	CHECK_EQ(errcap.count, 0);

	/* Hand-off: growth now comes from mmap; boot blocks stay valid and freeable. */
	CHECK_EQ(strata_page_source_switch(&other), 0);
	unsigned char *c = core_pages_alloc(16 * ps, 0);
	CHECK(c != NULL && (c < region || c >= region + sizeof region));
	unsigned char *big = core_pages_alloc((size_t)3 << 20, 0);
	CHECK(big != NULL && (big < region || big >= region + sizeof region));
	CHECK(a[ps - 1] == 1 && b[8 * ps - 1] == 2);
	core_pages_free(a, ps);
	core_pages_free(b, 8 * ps);
	for (int i = 0; i < n; i++)
		core_pages_free(held[i], 64 * 1024);
	core_pages_free(c, 16 * ps);
	core_pages_free(big, (size_t)3 << 20);
	CHECK_EQ(errcap.count, 0);

	/* Freed boot pages are reused (the heap keeps the region's chunks). */
	unsigned char *d = core_pages_alloc(ps, 0);
	CHECK(d != NULL);
	core_pages_free(d, ps);

	/* A faulty source: after its budget, big requests fail with NULL, cleanly. */
	strata_page_faulty_t f = { .inner = { &strata_page_mmap, NULL }, .fail_after = 2 };
	strata_page_source_t faulty = { &strata_page_faulty, &f };
	CHECK_EQ(strata_page_source_switch(&faulty), 0);
	void *x1 = core_pages_alloc((size_t)2 << 20, 0);
	void *x2 = core_pages_alloc((size_t)2 << 20, 0);
	void *x3 = core_pages_alloc((size_t)2 << 20, 0);
	CHECK(x1 && x2 && !x3);
	CHECK_EQ(f.maps, 2);
	core_pages_free(x1, (size_t)2 << 20);
	core_pages_free(x2, (size_t)2 << 20);
	CHECK_EQ(errcap.count, 0);
	/* Back to mmap (a known slot is reused). */
	CHECK_EQ(strata_page_source_switch(&other), 0);
	void *y = core_pages_alloc((size_t)2 << 20, 0);
	CHECK(y != NULL);
	core_pages_free(y, (size_t)2 << 20);

	/* The core remembers four sources (static, mmap, faulty, and one more); a fifth
	 * distinct one is refused with a report, and the source in force does not change. */
	strata_page_faulty_t f2 = { .inner = { &strata_page_mmap, NULL }, .fail_after = -1 };
	strata_page_faulty_t f3 = { .inner = { &strata_page_mmap, NULL }, .fail_after = -1 };
	strata_page_source_t fourth = { &strata_page_faulty, &f2 }, fifth = { &strata_page_faulty, &f3 };
	CHECK_EQ(strata_page_source_switch(&fourth), 0);
	CHECK_EQ(errcap.count, 0);
	CHECK_EQ(strata_page_source_switch(&fifth), -1);
	CHECK_EQ(errcap.count, 1);
	CHECK_EQ(errcap.kind, STRATA_ERR_MISUSE);
	void *z = core_pages_alloc((size_t)2 << 20, 0);   /* still from the fourth */
	CHECK(z != NULL);
	CHECK_EQ(f2.maps, 1);
	CHECK_EQ(f3.maps, 0);
	core_pages_free(z, (size_t)2 << 20);
	strata_page_source_t none = { NULL, NULL };
	CHECK_EQ(strata_page_source_switch(&none), -1);
	CHECK_EQ(strata_page_source_switch(NULL), -1);
	return check_done();
}

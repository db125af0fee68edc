/*
 * tests/alloc/test_kalloc.c: the Mach kalloc face (strata/kalloc.h).
 *
 * Sizes 1..kalloc_max-1 from size classes; the page path from kalloc_max up (counted as
 * kalloc_large, page-aligned), including Mach's 8193..16383 band (classes here); kfree's
 * size check (mismatch reported with the pointer, block untouched); kfree(NULL, n);
 * krealloc across classes and to and from the page path, contents preserved; kget never
 * growing and NULL for the page path; kalloc_zero; one krealloc counted once (no inner
 * kalloc/kfree counts); kfree of an engine class block of 16..32 KiB by the size asked.
 * slab_verify() after each case.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "errcap.h"

#include <strata/kalloc.h>
#include <strata/stats.h>
#include <strata/zone.h>

#include "alloc/zone/slab.h"

/* Whether the last report names p (as %p prints it) and the text `what`. */
static int reported(const void *p, const char *what)
{
	char buf[64];
	snprintf(buf, sizeof buf, "%p", p);
	return strstr(errcap.message, buf) != NULL && strstr(errcap.message, what) != NULL;
}

/* Every size below kalloc_max (stepping through each class) from a class. */
static void test_classes(void)
{
	CHECK_EQ(kalloc_max_size(), 16384);
	int bad = 0;
	errcap_start();
	for (size_t n = 1; n < kalloc_max_size(); n += (n < 512 ? 1 : 37)) {
		unsigned char *p = kalloc(n);
		if (!p || ((uintptr_t)p & 15) || slab_usable_size(p) < n || slab_kind_of(p) != 1 ||
		    (!getenv("STRATA_DEBUG") && slab_usable_size(p) != slab_class_size(n))) {
			bad++;
			continue;
		}
		p[0] = 1;
		p[n - 1] = 2;
		kfree(p, n);
	}
	CHECK_EQ(bad, 0);
	CHECK_EQ(errcap.count, 0);
	strata_error_handler_set(NULL, NULL);
	CHECK_EQ(slab_verify(), 0);
}

/* The page path starts exactly at kalloc_max; Mach's 8193..16383 band stays in classes. */
static void test_boundary(void)
{
	unsigned long large0 = strata_stats_get("kalloc", "kalloc_large");
	size_t band[] = { 8193, 9000, 12000, 16383 };
	for (size_t i = 0; i < 4; i++) {
		void *p = kalloc(band[i]);
		CHECK(p != NULL && slab_kind_of(p) == 1 && slab_usable_size(p) >= band[i]);
		CHECK(slab_usable_size(p) * 8 <= band[i] * 9);   /* <= 12.5% waste, not Mach's 2x */
		kfree(p, band[i]);
	}
	CHECK_EQ(strata_stats_get("kalloc", "kalloc_large"), large0);
	size_t big[] = { 16384, 16385, 20000, 100000, 1 << 20 };
	for (size_t i = 0; i < 5; i++) {
		char *p = kalloc(big[i]);
		CHECK(p != NULL && slab_kind_of(p) == 2 && ((uintptr_t)p & 4095) == 0);
		if (p) {
			p[big[i] - 1] = 7;
			kfree(p, big[i]);
		}
	}
	CHECK_EQ(strata_stats_get("kalloc", "kalloc_large") - large0, 5);
	CHECK_EQ(slab_verify(), 0);
}

/* kfree checks the size: a mismatch is reported, names the pointer, frees nothing. */
static void test_kfree_checks(void)
{
	errcap_start();
	unsigned char *p = kalloc(100);
	memset(p, 0x3c, 100);
	kfree(p, 200);
	CHECK_EQ(errcap.count, 1);
	CHECK_EQ(errcap.kind, STRATA_ERR_SIZE_MISMATCH);
	CHECK_MSG(reported(p, "size mismatch"), "message: %s", errcap.message);
	CHECK(p[0] == 0x3c && p[99] == 0x3c);   /* untouched: not freed */
	kfree(p, 20000);
	CHECK_EQ(errcap.count, 2);
	kfree(p, 110);                          /* same class (112): accepted */
	CHECK_EQ(errcap.count, 2);

	char *l = kalloc(20000);
	kfree(l, 100);
	CHECK_EQ(errcap.count, 3);
	CHECK_EQ(errcap.kind, STRATA_ERR_SIZE_MISMATCH);
	CHECK(reported(l, "page block"));
	kfree(l, 30000);                        /* 32 KiB of pages, not 20 KiB */
	CHECK_EQ(errcap.count, 4);
	kfree(l, 20480);                        /* the same pages: accepted */
	CHECK_EQ(errcap.count, 4);

	/* A kept page block reused for a smaller request: kfree takes the size asked. */
	void *k1 = kalloc(57344);
	kfree(k1, 57344);
	void *k2 = kalloc(49928);
	CHECK(k2 == k1);
	kfree(k2, 49928);
	CHECK_EQ(errcap.count, 4);

	int local;
	kfree(&local, 4);
	CHECK_EQ(errcap.count, 5);
	CHECK_EQ(errcap.kind, STRATA_ERR_INVALID_FREE);
	CHECK(reported(&local, "invalid free"));

	zone_t z = zinit(64, 1 << 16, 0, "zobj");
	void *o = zalloc(z);
	kfree(o, 64);
	CHECK_EQ(errcap.count, 6);
	CHECK_EQ(errcap.kind, STRATA_ERR_SIZE_MISMATCH);
	CHECK(reported(o, "zobj"));
	zfree(z, o);
	zdestroy(z);

	kfree(NULL, 100);                        /* a no-op */
	CHECK_EQ(errcap.count, 6);
	void *q = kalloc(64);
	kfree(q, 64);
	kfree(q, 64);                            /* double free */
	CHECK_EQ(errcap.count, 7);
	CHECK_EQ(errcap.kind, STRATA_ERR_DOUBLE_FREE);
	strata_error_handler_set(NULL, NULL);
	CHECK_EQ(slab_verify(), 0);
}

/* Fill n bytes with a pattern of seed. */
static void fill(unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(seed + i * 13);
}

/* Whether the first n bytes still hold seed's pattern. */
static int intact(const unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != (unsigned char)(seed + i * 13))
			return 0;
	return 1;
}

/* krealloc keeps contents across classes, onto and off the page path. */
static void test_krealloc(void)
{
	size_t chain[] = { 16, 100, 5000, 16000, 20000, 100000, 50, 16384, 9 };
	size_t old = 10;
	unsigned char *p = krealloc(NULL, 0, old);
	CHECK(p != NULL);
	fill(p, old, 5);
	size_t valid = old;
	int bad = 0;
	for (size_t i = 0; i < sizeof chain / sizeof chain[0]; i++) {
		unsigned char *q = krealloc(p, old, chain[i]);
		if (!q) {
			bad++;
			break;
		}
		size_t keep = valid < chain[i] ? valid : chain[i];
		if (!intact(q, keep, 5))
			bad++;
		fill(q, chain[i], 5);
		valid = chain[i];
		p = q;
		old = chain[i];
	}
	CHECK_EQ(bad, 0);
	void *same = krealloc(p, old, old + 3);   /* 9 -> 12: class 16 still */
	CHECK(same == p);
	errcap_start();
	CHECK(krealloc(p, 5000, 6000) == NULL);   /* wrong old size: reported, block kept */
	CHECK_EQ(errcap.kind, STRATA_ERR_SIZE_MISMATCH);
	CHECK(intact(p, old, 5));
	strata_error_handler_set(NULL, NULL);
	CHECK(krealloc(p, old + 3, 0) == NULL);   /* frees */
	CHECK_EQ(slab_verify(), 0);
}

/* One krealloc counts one CNT_KREALLOC and no kalloc or kfree, whatever path it takes
 * (NULL, same block, move across classes, onto and off pages, free by new size 0). */
static void test_krealloc_counts(void)
{
	unsigned long a0 = strata_stats_get("kalloc", "kalloc");
	unsigned long f0 = strata_stats_get("kalloc", "kfree");
	unsigned long r0 = strata_stats_get("kalloc", "krealloc");
	size_t chain[] = { 100, 104, 3000, 20000, 40000, 64, 0 };
	size_t old = 0;
	void *p = NULL;
	unsigned long calls = 0;
	for (size_t i = 0; i < sizeof chain / sizeof chain[0]; i++) {
		p = krealloc(p, old, chain[i]);
		calls++;
		CHECK(chain[i] == 0 ? p == NULL : p != NULL);
		CHECK_EQ(strata_stats_get("kalloc", "krealloc") - r0, calls);
		CHECK_EQ(strata_stats_get("kalloc", "kalloc"), a0);
		CHECK_EQ(strata_stats_get("kalloc", "kfree"), f0);
		old = chain[i];
	}
	CHECK_EQ(slab_verify(), 0);
}

/* kfree checks the size against where the block lives: a 16..32 KiB request through
 * the engine's class path (the malloc face's) is a class block, and kfree with the size
 * asked frees it; a wrong size for it is still a mismatch. */
static void test_kfree_class_band(void)
{
	size_t sizes[] = { 16384, 16385, 20000, 30000, 32768 };
	errcap_start();
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		void *p = slab_alloc(sizes[i]);   /* what malloc(sizes[i]) does */
		CHECK(p != NULL && slab_kind_of(p) == 1);
		kfree(p, sizes[i]);
		CHECK_EQ(errcap.count, 0);
		void *q = slab_alloc(sizes[i]);
		if (!getenv("STRATA_DEBUG"))
			CHECK(q == p);                /* it was freed: the same class hands it back */
		kfree(q, 100);                    /* the wrong class: reported, not freed */
		CHECK_EQ(errcap.count, 1);
		CHECK_EQ(errcap.kind, STRATA_ERR_SIZE_MISMATCH);
		CHECK(reported(q, "size mismatch"));
		void *r = krealloc(q, sizes[i], sizes[i] + 1);   /* krealloc accepts it too */
		CHECK(r != NULL);
		kfree(r, sizes[i] + 1);
		CHECK_EQ(errcap.count, 1);
		errcap.count = 0;
	}
	strata_error_handler_set(NULL, NULL);
	CHECK_EQ(slab_verify(), 0);
}

/* kget: NULL for page sizes and an empty class; an object once the class holds one. */
static void test_kget(void)
{
	CHECK(kget(16384) == NULL);
	CHECK(kget(40000) == NULL);
	CHECK(kget(13000) == NULL);     /* class 13312: never used */
	void *p = kalloc(13000);
	kfree(p, 13000);
	void *q = kget(13100);          /* same class, cached: no growth needed */
	CHECK(q == p);
	kfree(q, 13100);
	unsigned long before = strata_stats_get("kalloc", "kget");
	(void)kget(40000);
	CHECK_EQ(strata_stats_get("kalloc", "kget") - before, 1);
	CHECK_EQ(slab_verify(), 0);
}

/* kalloc_zero over dirtied memory. */
static void test_zero(void)
{
	unsigned char *p = kalloc(300);
	memset(p, 0x77, 300);
	kfree(p, 300);
	unsigned char *q = kalloc_zero(300);
	int nz = 0;
	for (int i = 0; i < 300; i++)
		nz += q[i] != 0;
	CHECK_EQ(nz, 0);
	kfree(q, 300);
	unsigned char *l = kalloc_zero(70000);
	CHECK(l && l[0] == 0 && l[69999] == 0);
	kfree(l, 70000);
}

/* kalloc(0): a unique, writable block of the smallest class (16 bytes, Mach's MINSIZE);
 * kfree(p, 0) frees it, as kfree(p, 16) would (strata/kalloc.h). */
static void test_kalloc_zero_size(void)
{
	errcap_start();
	/* laundered: the compiler takes kalloc(0)'s alloc_size for the object's size */
	unsigned char *volatile va = kalloc(0), *volatile vb = kalloc(0);
	unsigned char *a = va, *b = vb;
	CHECK(a != NULL && b != NULL && a != b);
	CHECK_EQ(slab_usable_size(a), 16);
	if (a && b) {
		memset(a, 1, 16);
		memset(b, 2, 16);
		CHECK(a[15] == 1 && b[0] == 2);
	}
	kfree(a, 0);
	kfree(b, 16);
	CHECK_EQ(errcap.count, 0);
	strata_error_handler_set(NULL, NULL);
}

int main(void)
{
	test_kget();                    /* first: needs classes nobody used */
	test_classes();
	test_boundary();
	test_kfree_checks();
	test_krealloc();
	test_krealloc_counts();
	test_kfree_class_band();
	test_zero();
	test_kalloc_zero_size();
	return check_done();
}

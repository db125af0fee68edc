/*
 * tests/alloc/test_slab_fault.c: fault injection at the page source for the engine and
 * the kernel faces.
 *
 * The core is started on strata_page_faulty over mmap. After a warm-up the source is made
 * to fail every further map; the core's remaining pages are used up; then each face must
 * show its documented failure and nothing else:
 *   slab_alloc / slab_alloc_pages / kalloc (both paths): NULL, nothing reported;
 *   kget / zget: NULL or an object already held, never a new slab;
 *   zalloc on an exhaustible zone: NULL, nothing reported;
 *   zalloc on an ordinary zone: NULL and STRATA_ERR_OOM naming the zone;
 * and slab_verify() stays clean. Then the source recovers and everything works again.
 * The failure point is "every map after the warm-up": how many maps that is depends on
 * the core's chunking, so the test sets fail_after from the source's own count.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "errcap.h"

#include <strata/kalloc.h>
#include <strata/page.h>
#include <strata/zone.h>

#include "alloc/zone/slab.h"

#define HOLD 20000

static strata_page_faulty_t faulty;
static void *held[HOLD];
static int nheld;

int main(void)
{
	faulty.inner.ops = &strata_page_mmap;
	faulty.inner.ctx = NULL;
	faulty.fail_after = -1;
	strata_page_source_t src = { &strata_page_faulty, &faulty };
	CHECK_EQ(strata_init(&src), 0);

	/* Warm-up: the engine, a few zones, some objects. */
	zone_t plain = zinit(96, 1 << 24, 0, "plain");
	zone_t exh = zinit(96, 1 << 24, 0, "exhaust");
	zone_change(exh, ZONE_EXHAUSTIBLE, 1);
	void *warm[3] = { slab_alloc(100), kalloc(5000), zalloc(plain) };
	CHECK(warm[0] && warm[1] && warm[2]);
	CHECK(faulty.maps > 0);

	/* From now on every map fails. Use up what the core still has. */
	__atomic_store_n(&faulty.fail_after, __atomic_load_n(&faulty.maps, __ATOMIC_SEQ_CST), __ATOMIC_SEQ_CST);
	errcap_start();
	while (nheld < HOLD && (held[nheld] = slab_alloc_pages(65536, 0)) != NULL)
		nheld++;
	CHECK(nheld < HOLD);
	while (nheld < HOLD && (held[nheld] = slab_alloc_pages(4096, 0)) != NULL)
		nheld++;
	CHECK(nheld < HOLD);
	/* Small objects of a fresh class until the held segments are full too. */
	int small = 0;
	while (nheld < HOLD && (held[nheld] = slab_alloc(30000)) != NULL) {
		nheld++;
		small++;
	}
	CHECK(nheld < HOLD);
	CHECK_EQ(errcap.count, 0);

	/* Each face's documented failure. */
	CHECK(slab_alloc(30000) == NULL);
	CHECK(slab_alloc(200000) == NULL);
	CHECK(slab_alloc_pages(8192, 0) == NULL);
	CHECK(kalloc(20000) == NULL);          /* page path */
	CHECK(kalloc(24000) == NULL);          /* class 24576: needs a new slab */
	CHECK(kget(24000) == NULL);
	CHECK_EQ(errcap.count, 0);
	int zn = 0;
	void *zv[4096];
	while (zn < 4096 && (zv[zn] = zalloc(exh)) != NULL)
		zn++;
	CHECK(zn < 4096);                      /* NULL came: its held slab ran out */
	CHECK_EQ(errcap.count, 0);             /* silently, as an exhaustible zone may */
	int pn = 0;
	void *pv[4096];
	while (pn < 4096 && (pv[pn] = zalloc(plain)) != NULL)
		pn++;
	CHECK(pn < 4096);
	CHECK_EQ(errcap.count, 1);
	CHECK_EQ(errcap.kind, STRATA_ERR_OOM);
	CHECK_MSG(strstr(errcap.message, "plain") != NULL, "message: %s", errcap.message);
	CHECK(zget(plain) == NULL);            /* nothing free, and zget does not grow */
	CHECK_EQ(errcap.count, 1);
	CHECK_EQ(slab_verify(), 0);

	/* Everything handed out is intact and can be freed. */
	for (int i = 0; i < zn; i++)
		zfree(exh, zv[i]);
	for (int i = 0; i < pn; i++)
		zfree(plain, pv[i]);
	for (int i = 0; i < nheld; i++) {
		memset(held[i], 0x11, 64);
		slab_free(held[i]);
	}
	void *g = zget(plain);                 /* the freed objects are held: zget has one */
	CHECK(g != NULL);
	zfree(plain, g);
	CHECK_EQ(slab_verify(), 0);

	/* Recovery: the source maps again. */
	__atomic_store_n(&faulty.fail_after, -1, __ATOMIC_SEQ_CST);
	void *again[4] = { slab_alloc(30000), slab_alloc(200000), kalloc(20000), kalloc(24000) };
	CHECK(again[0] && again[1] && again[2] && again[3]);
	slab_free(again[0]);
	slab_free(again[1]);
	kfree(again[2], 20000);
	kfree(again[3], 24000);
	slab_free(warm[0]);
	kfree(warm[1], 5000);
	zfree(plain, warm[2]);
	CHECK_EQ(errcap.count, 1);
	strata_error_handler_set(NULL, NULL);
	CHECK_EQ(slab_verify(), 0);
	return check_done();
}

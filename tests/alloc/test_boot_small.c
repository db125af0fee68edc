/*
 * tests/alloc/test_boot_small.c: booting on small static regions.
 *
 * usage: test_boot_small MIB   (one boot per process: a process boots once)
 *   1  a 1 MiB region (page aligned): no room for a 1 MiB-aligned slab segment beside the
 *      page heap's bookkeeping, so kalloc, the boot malloc and zinit return NULL, and
 *      nothing is reported, as strata/boot.h promises; kget_space still serves blocks
 *      from the region (the core imports less than its 2 MiB chunk when the source has
 *      no more);
 *   half  the same on 512 KiB;
 *   2  a 2 MiB region, 1 MiB aligned: every face works, and every block lies in the region.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strata/boot.h>
#include <strata/kalloc.h>
#include <strata/zone.h>

#include "check.h"
#include "errcap.h"

static _Alignas(1 << 20) unsigned char region[2u << 20];

/* 1 when [p, p + n) lies inside the first `size` bytes of the region. */
static int in_region(const void *p, size_t n, size_t size)
{
	uintptr_t a = (uintptr_t)p, lo = (uintptr_t)region;
	return p != NULL && a >= lo && a + n <= lo + size;
}

int main(int argc, char **argv)
{
	int half = argc > 1 && strcmp(argv[1], "half") == 0;
	int mib = half ? 1 : argc > 1 ? atoi(argv[1]) : 2;
	size_t size = half ? (size_t)512 << 10 : (size_t)mib << 20;
	CHECK(mib == 1 || mib == 2);
	if (mib != 1 && mib != 2)
		return check_done();
	errcap_start();
	CHECK_EQ(strata_boot_init(region, size), 0);

	/* kget_space serves from the region whatever its size. */
	void *s1 = kget_space(100), *s2 = kget_space(5000);
	CHECK(in_region(s1, 100, size));
	CHECK(in_region(s2, 5000, size));
	CHECK(((uintptr_t)s2 & 15) == 0);
	memset(s2, 0x5a, 5000);

	void *k = kalloc(64);
	void *m = strata_boot_malloc(200);
	if (mib == 1) {
		CHECK(k == NULL);
		CHECK(m == NULL);
		CHECK(zinit(48, 16 * 4096, 0, "too-small") == NULL);
		CHECK(kget_space(1000) != NULL);   /* the space still works after those */
		CHECK_EQ(errcap.count, 0);         /* NULL is the documented failure: no report */
		return check_done();
	}
	CHECK(in_region(k, 64, size));
	CHECK(in_region(m, 200, size));
	zone_t z = zinit(48, 16 * 4096, 0, "small-boot");
	CHECK(z != NULL);
	void *zo = z ? zalloc(z) : NULL;
	CHECK(in_region(zo, 48, size));
	memset(k, 1, 64);
	memset(m, 2, 200);
	void *m2 = strata_boot_realloc(m, 2000);
	CHECK(in_region(m2, 2000, size));
	CHECK(m2 != NULL && ((unsigned char *)m2)[199] == 2);
	kfree(k, 64);
	strata_boot_free(m2);
	if (z && zo)
		zfree(z, zo);
	CHECK_EQ(errcap.count, 0);
	return check_done();
}

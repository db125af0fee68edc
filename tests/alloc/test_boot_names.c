/*
 * tests/alloc/test_boot_names.c: the historical names of the boot malloc family.
 *
 * A kernel that defines STRATA_BOOT_NAMES before including <strata/boot.h> writes
 * malloc/realloc/free as the Mach bootstrap did, and gets the boot face -- where realloc
 * and free now work instead of panicking ("realloc not implemented", "free not
 * implemented"). The blocks must come from the boot region (so the names really reach
 * libstrata, not the host libc), realloc must keep contents, free must take them back,
 * and the boot face's counters must see every call.
 */
#include <stdint.h>
#include <strata/stats.h>

#include "alloc/boot/space.h"
#include "alloc/zone/slab.h"
#include "check.h"

/* Last, so that no libc header re-declares the names after the macros exist. */
#define STRATA_BOOT_NAMES
#include <strata/boot.h>

#define REGION_SIZE (8u << 20)
static _Alignas(4096) unsigned char region[REGION_SIZE];

/* 1 when [p, p + n) lies inside the boot region. */
static int in_region(const void *p, size_t n)
{
	uintptr_t a = (uintptr_t)p, lo = (uintptr_t)region;
	return a >= lo && a + n <= lo + sizeof region;
}

int main(void)
{
	CHECK_EQ(strata_boot_init(region, sizeof region), 0);

	char *s = malloc(6);
	CHECK(s != NULL && in_region(s, 6));
	if (s == NULL)
		return check_done();
	memcpy(s, "strata", 6);
	char *t = realloc(s, 5000);
	CHECK(t != NULL && in_region(t, 5000));
	if (t != NULL) {
		CHECK(memcmp(t, "strata", 6) == 0);
		s = t;
	}
	free(s);
	free(NULL);
	char *z = realloc(NULL, 0);   /* realloc(NULL, 0) is malloc(0): a unique block */
	CHECK(z != NULL && in_region(z, 1));
	free(z);
	CHECK_EQ(strata_stats_get("boot", "malloc"), 1);
	CHECK_EQ(strata_stats_get("boot", "realloc"), 2);
	CHECK_EQ(strata_stats_get("boot", "free"), 3);
	CHECK_EQ(slab_verify(), 0);
	CHECK_EQ(boot_verify(), 0);
	return check_done();
}

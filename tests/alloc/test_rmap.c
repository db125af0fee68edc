/*
 * tests/alloc/test_rmap.c: the resource-map face against V6 semantics -- first fit from
 * the low end, coalescing on both sides, unit 0 never handed out, size-0 conventions,
 * a full map reporting instead of losing space silently, double free and overlap
 * messages -- and a seeded random walk against a bitmap model of the V6 algorithm.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <strata/rmap.h>
#include <strata/stats.h>

#include "check.h"
#include "errcap.h"
#include "xorshift.h"

/* The V6 boot sequence: free core one click at a time, then use it first-fit. */
static void test_v6(void)
{
	static struct rmap coremap;
	static struct rmap_entry entries[10];
	rminit(&coremap, entries, 10, "coremap");
	for (unsigned long click = 1; click <= 100; click++)
		rmfree(&coremap, 1, click);
	CHECK_EQ(strata_rmap_runs(&coremap), 1);
	CHECK_EQ(strata_rmap_free_units(&coremap), 100);
	CHECK_EQ(rmalloc(&coremap, 10), 1);
	CHECK_EQ(rmalloc(&coremap, 10), 11);
	CHECK_EQ(rmalloc(&coremap, 10), 21);
	rmfree(&coremap, 10, 1);                /* [1,11) free again, below [31,101) */
	CHECK_EQ(strata_rmap_runs(&coremap), 2);
	CHECK_EQ(rmalloc(&coremap, 5), 1);      /* low end of the first run that fits */
	CHECK_EQ(rmalloc(&coremap, 6), 31);     /* [6,11) is too small: next run */
	CHECK_EQ(rmalloc(&coremap, 5), 6);      /* exactly empties the first run */
	CHECK_EQ(strata_rmap_runs(&coremap), 1);
	/* Coalescing both sides: free a, c, then b between them. */
	unsigned long a = rmalloc(&coremap, 4), b = rmalloc(&coremap, 4), c = rmalloc(&coremap, 4);
	CHECK(b == a + 4 && c == b + 4);
	size_t runs = strata_rmap_runs(&coremap);
	rmfree(&coremap, 4, a);
	rmfree(&coremap, 4, c);                 /* c touches the big run above: merges up */
	CHECK_EQ(strata_rmap_runs(&coremap), runs + 1);
	rmfree(&coremap, 4, b);                 /* joins a below and c above */
	CHECK_EQ(strata_rmap_runs(&coremap), runs);
	CHECK_EQ(strata_rmap_verify(&coremap), 0);
	/* expand() shrinking in place: free the tail of a block. */
	unsigned long blk = rmalloc(&coremap, 20);
	CHECK(blk != 0);
	rmfree(&coremap, 8, blk + 12);
	CHECK_EQ(rmalloc(&coremap, 8), blk + 12);
	/* Running out: 0, the V6 "no space". */
	CHECK_EQ(rmalloc(&coremap, 1000), 0);
	CHECK_EQ(strata_rmap_verify(&coremap), 0);
	CHECK(strata_stats_get("rmap", "rmalloc") >= 10);
	CHECK(strata_stats_get("rmap", "rmfree") >= 100);
}

/* Unit 0 is never handed out; size 0 conventions. */
static void test_zero(void)
{
	static struct rmap swapmap;
	static struct rmap_entry entries[4];
	rminit(&swapmap, entries, 4, "swapmap");
	errcap_start();
	rmfree(&swapmap, 10, 0);                /* units 0..9: 0 is not recorded */
	CHECK_EQ(strata_rmap_free_units(&swapmap), 9);
	CHECK_EQ(rmalloc(&swapmap, 10), 0);
	CHECK_EQ(rmalloc(&swapmap, 9), 1);
	rmfree(&swapmap, 0, 5);                 /* size 0: nothing, as V6 */
	CHECK_EQ(errcap.count, 0);
	CHECK_EQ(rmalloc(&swapmap, 0), 0);      /* size 0: misuse, reported */
	CHECK_EQ(errcap.count, 1);
	CHECK_EQ(errcap.kind, STRATA_ERR_MISUSE);
	CHECK(strstr(errcap.message, "swapmap") != NULL);
	rmfree(&swapmap, 2, (unsigned long)-1); /* wraps around */
	CHECK_EQ(errcap.count, 2);
	CHECK_EQ(errcap.kind, STRATA_ERR_MISUSE);
	strata_error_handler_set(NULL, NULL);
}

/* Double free and overlap are reported with the map's name and units; nothing changes. */
static void test_double_free(void)
{
	static struct rmap map;
	static struct rmap_entry entries[8];
	rminit(&map, entries, 8, "coremap");
	rmfree(&map, 100, 1);
	unsigned long a = rmalloc(&map, 10);
	errcap_start();
	rmfree(&map, 10, a);
	CHECK_EQ(errcap.count, 0);
	rmfree(&map, 10, a);
	CHECK_EQ(errcap.count, 1);
	CHECK_EQ(errcap.kind, STRATA_ERR_DOUBLE_FREE);
	CHECK(errcap.ptr == (void *)(uintptr_t)a);
	CHECK_STREQ(errcap.message, "rmfree coremap: units [1, 11) are already free (in run [1, 101))");
	unsigned long b = rmalloc(&map, 10);    /* [1, 11) */
	CHECK_EQ(b, 1);
	rmfree(&map, 20, 5);                    /* [5,25) straddles [11,101) */
	CHECK_EQ(errcap.count, 2);
	CHECK_EQ(errcap.kind, STRATA_ERR_OVERLAP);
	CHECK(strstr(errcap.message, "overlap free run [11, 101)") != NULL);
	CHECK_EQ(strata_rmap_free_units(&map), 90);
	CHECK_EQ(strata_rmap_verify(&map), 0);
	strata_error_handler_set(NULL, NULL);
}

/* A full map reports the units it cannot record, counts them, and stays consistent. */
static void test_map_full(void)
{
	static struct rmap map;
	static struct rmap_entry entries[3];
	rminit(&map, entries, 3, "tinymap");
	errcap_start();
	rmfree(&map, 5, 10);
	rmfree(&map, 5, 20);
	rmfree(&map, 5, 30);
	CHECK_EQ(strata_rmap_runs(&map), 3);
	CHECK_EQ(strata_rmap_room(&map), 0);
	CHECK_EQ(errcap.count, 0);
	rmfree(&map, 5, 40);                    /* a fourth run: no room */
	CHECK_EQ(errcap.count, 1);
	CHECK_EQ(errcap.kind, STRATA_ERR_MAP_FULL);
	CHECK_STREQ(errcap.message, "rmfree tinymap: map full (3 runs): units [40, 45) not recorded");
	CHECK_EQ(strata_rmap_lost(&map), 5);
	CHECK_EQ(strata_rmap_free_units(&map), 15);
	rmfree(&map, 5, 15);                    /* joins [10,15) and [20,25): frees an entry */
	CHECK_EQ(errcap.count, 1);
	CHECK_EQ(strata_rmap_runs(&map), 2);
	rmfree(&map, 5, 40);                    /* now there is room: the caller recovers */
	CHECK_EQ(errcap.count, 1);
	CHECK_EQ(strata_rmap_free_units(&map), 25);
	CHECK_EQ(rmalloc(&map, 15), 10);
	CHECK_EQ(strata_rmap_verify(&map), 0);
	strata_error_handler_set(NULL, NULL);
}

/* ---- random walk against a model of V6 first fit -------------------------------------- */

#define UNITS 2000
static unsigned char freebits[UNITS];   /* 1 = free in the model */

/* V6 first fit on the model: the start of the first run (from unit 1) holding size. */
static unsigned long model_first_fit(size_t size)
{
	for (unsigned long a = 1; a < UNITS;) {
		if (!freebits[a]) {
			a++;
			continue;
		}
		unsigned long e = a;
		while (e < UNITS && freebits[e])
			e++;
		if (e - a >= size)
			return a;
		a = e;
	}
	return 0;
}

/* Runs in the model. */
static size_t model_runs(void)
{
	size_t n = 0;
	for (int a = 1; a < UNITS; a++)
		n += freebits[a] && !freebits[a - 1];
	return n;
}

/* A seeded walk of rmalloc and (partial) rmfree, every result checked against the model. */
static void test_walk(uint64_t seed, int steps)
{
	static struct rmap map;
	static struct rmap_entry entries[400];
	static struct { unsigned long addr; size_t size; } held[1000];
	int nheld = 0, bad = 0;
	rminit(&map, entries, 400, "walk");
	rmfree(&map, UNITS - 1, 1);
	memset(freebits, 1, sizeof freebits);
	freebits[0] = 0;
	for (int s = 0; s < steps; s++) {
		xorshift64(&seed);
		if (nheld < 1000 && (nheld == 0 || seed % 100 < 60)) {
			size_t size = 1 + (seed >> 8) % 40;
			unsigned long want = model_first_fit(size), got = rmalloc(&map, size);
			if (got != want) {
				bad++;
				continue;
			}
			if (got) {
				memset(freebits + got, 0, size);
				held[nheld].addr = got;
				held[nheld].size = size;
				nheld++;
			}
		} else {
			int k = (int)((seed >> 16) % (uint64_t)nheld);
			/* Sometimes free only a part, as expand() did. */
			size_t part = (seed >> 24) % 3 == 0 && held[k].size > 1 ? held[k].size / 2 : held[k].size;
			rmfree(&map, part, held[k].addr + (held[k].size - part));
			memset(freebits + held[k].addr + (held[k].size - part), 1, part);
			held[k].size -= part;
			if (held[k].size == 0)
				held[k] = held[--nheld];
		}
		if (strata_rmap_verify(&map) != 0 || strata_rmap_runs(&map) != model_runs())
			bad++;
	}
	CHECK_EQ(bad, 0);
	CHECK_EQ(strata_rmap_lost(&map), 0);
}

/* ---- threads sharing one map ---------------------------------------------------------- */

#define TUNITS 4096
static struct rmap tmap;
static struct rmap_entry tentries[2048];
static atomic_int owner[TUNITS];     /* 0 free, else the thread (1-based) holding the unit */
static atomic_int tbad;

/* A thread: allocate runs, claim every unit (a unit held twice is a failure), free them. */
static void *rmap_worker(void *arg)
{
	int me = (int)(intptr_t)arg;
	uint64_t s = 0x2545F4914F6CDD1Dull * (uint64_t)me;
	unsigned long held[16] = { 0 };
	size_t len[16] = { 0 };
	for (int i = 0; i < 4000; i++) {
		xorshift64(&s);
		int k = (int)(s % 16);
		if (held[k]) {
			for (size_t u = 0; u < len[k]; u++) {
				int expected = me;
				if (!atomic_compare_exchange_strong(&owner[held[k] + u], &expected, 0))
					atomic_fetch_add(&tbad, 1);
			}
			rmfree(&tmap, len[k], held[k]);
			held[k] = 0;
		} else {
			len[k] = 1 + (s >> 20) % 12;
			held[k] = rmalloc(&tmap, len[k]);
			for (size_t u = 0; held[k] && u < len[k]; u++) {
				int expected = 0;
				if (!atomic_compare_exchange_strong(&owner[held[k] + u], &expected, me))
					atomic_fetch_add(&tbad, 1);
			}
		}
	}
	for (int k = 0; k < 16; k++)
		if (held[k]) {
			for (size_t u = 0; u < len[k]; u++)
				atomic_store(&owner[held[k] + u], 0);
			rmfree(&tmap, len[k], held[k]);
		}
	return NULL;
}

/* Four threads on one map: no unit handed out twice, everything back at the end. */
static void test_threads(void)
{
	pthread_t t[4];
	rminit(&tmap, tentries, 2048, "shared");
	rmfree(&tmap, TUNITS - 1, 1);
	for (int i = 0; i < 4; i++)
		CHECK(pthread_create(&t[i], NULL, rmap_worker, (void *)(intptr_t)(i + 1)) == 0);
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	CHECK_EQ(atomic_load(&tbad), 0);
	CHECK_EQ(strata_rmap_free_units(&tmap), TUNITS - 1);
	CHECK_EQ(strata_rmap_runs(&tmap), 1);
	CHECK_EQ(strata_rmap_lost(&tmap), 0);
	CHECK_EQ(strata_rmap_verify(&tmap), 0);
}

/* argv[1]: seed of the random walk. */
int main(int argc, char **argv)
{
	uint64_t seed = argc > 1 ? strtoull(argv[1], NULL, 0) | 1 : 0x1234567ull;
	test_v6();
	test_zero();
	test_double_free();
	test_map_full();
	test_walk(seed, 4000);
	test_threads();
	return check_done();
}

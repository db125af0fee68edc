/*
 * tests/alloc/test_zone.c: the Mach zone face (strata/zone.h).
 *
 * zinit's rounding; zalloc/zfree; an exhaustible zone's NULL at max (also with objects
 * freed by another, still running thread); an expandable zone
 * raising max by half (counted); a fixed zone's OOM report; zget never growing; zfree to
 * the wrong zone, of a foreign pointer and twice, each reported with pointer and zone;
 * ZONE_ZERO; object caching with constructors and destructors (zinit_ctor); zone_gc
 * returning bytes; zdestroy; more zones than per-thread slots. Issue 13: max bounds a
 * zone's memory in slabs of its alloc; ZONE_COLLECTABLE as Mach meant it (a zone without
 * it keeps every slab; zone_gc returns exactly what the zones lost); per-thread slots of
 * destroyed zones serve new zones, safely across threads.
 * slab_verify() after each case.
 */
#include <pthread.h>
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
#include "alloc/zone/slab_impl.h"

/* Whether the last report names p (as %p prints it) and the text `what`. */
static int reported(const void *p, const char *what)
{
	char buf[64];
	snprintf(buf, sizeof buf, "%p", p);
	return strstr(errcap.message, buf) != NULL && strstr(errcap.message, what) != NULL;
}

/* zinit's rounding rules (Mach: size 0, pointer multiples, pages for max and alloc). */
static void test_rounding(void)
{
	zone_info_t zi;
	zone_t a = zinit(0, 0, 0, "zero");
	CHECK(a != NULL);
	CHECK_EQ(zone_info(a, &zi), 0);
	CHECK_EQ(zi.elem_size, sizeof(void *));
	CHECK_EQ(zi.alloc_size, 4096);
	CHECK_EQ(zi.max_size, 4096);          /* max at least alloc */
	CHECK_EQ(zi.flags, ZONE_EXPANDABLE);  /* Mach's default */
	CHECK_STREQ(zi.name, "zero");
	zone_t b = zinit(13, 10000, 5000, "thirteen");
	CHECK_EQ(zone_info(b, &zi), 0);
	CHECK_EQ(zi.elem_size, 16);
	CHECK_EQ(zi.alloc_size, 8192);
	CHECK_EQ(zi.max_size, 12288);
	CHECK_EQ(zi.count, 0);
	CHECK_EQ(zi.cur_size, 0);
	zone_t c = zinit(20, 1, 0, "twenty");
	CHECK_EQ(zone_info(c, &zi), 0);
	CHECK_EQ(zi.elem_size, 24);
	/* Objects bigger than a slab unit: multi-unit slabs. */
	zone_t big = zinit(100000, 1 << 22, 0, "big");
	CHECK(big != NULL);
	char *o1 = zalloc(big), *o2 = zalloc(big);
	CHECK(o1 && o2 && o1 != o2 && slab_usable_size(o1) >= 100000);
	if (o1 && o2) {
		memset(o1, 1, 100000);
		memset(o2, 2, 100000);
		CHECK(o1[99999] == 1 && o2[0] == 2);
	}
	zfree(big, o1);
	zfree(big, o2);
	zdestroy(big);
	/* Objects too big for any slab: refused with a message. */
	errcap_start();
	CHECK(zinit((size_t)2 << 20, 0, 0, "huge") == NULL);
	CHECK_EQ(errcap.count, 1);
	CHECK_EQ(errcap.kind, STRATA_ERR_MISUSE);
	strata_error_handler_set(NULL, NULL);
	zdestroy(a);
	zdestroy(b);
	zdestroy(c);
	CHECK_EQ(slab_verify(), 0);
}

/* zalloc/zfree: distinct, aligned, writable objects; counts. */
static void test_basic(void)
{
	enum { N = 3000 };
	static char *v[N];
	zone_t z = zinit(40, N * 40, 0, "basic");
	unsigned long before = strata_stats_get("zone", "zalloc");
	int bad = 0;
	for (int i = 0; i < N; i++) {
		v[i] = zalloc(z);
		if (!v[i] || ((uintptr_t)v[i] & 7))
			bad++;
		else
			memset(v[i], i & 0xff, 40);
	}
	for (int i = 0; i < N; i++)
		for (int k = 0; k < 40 && v[i]; k++)
			if ((unsigned char)v[i][k] != (i & 0xff))
				bad++;
	CHECK_EQ(bad, 0);
	CHECK_EQ(strata_stats_get("zone", "zalloc") - before, N);
	zone_info_t zi;
	zone_info(z, &zi);
	CHECK_EQ(zi.count, N);
	CHECK_EQ(zi.allocs, N);
	CHECK(zi.cur_size >= (size_t)N * 40);
	CHECK(zi.slabs >= 1);
	for (int i = 0; i < N; i++)
		zfree(z, v[i]);
	zone_info(z, &zi);
	CHECK_EQ(zi.count, 0);
	CHECK_EQ(zi.frees, N);
	CHECK_EQ(slab_verify(), 0);
	zdestroy(z);
}

/* An exhaustible zone returns NULL at max, silently; a freed object can be had again. */
static void test_exhaustible(void)
{
	static void *v[100];
	zone_t z = zinit(64, 4096, 0, "exhaust");   /* 64 objects */
	zone_change(z, ZONE_EXHAUSTIBLE, 1);
	errcap_start();
	int got = 0;
	for (int i = 0; i < 100; i++)
		if ((v[i] = zalloc(z)) != NULL)
			got++;
	CHECK_EQ(got, 64);
	CHECK(v[64] == NULL);
	CHECK_EQ(errcap.count, 0);
	zfree(z, v[0]);
	void *again = zalloc(z);
	CHECK(again != NULL);
	CHECK(zalloc(z) == NULL);
	zone_info_t zi;
	zone_info(z, &zi);
	CHECK_EQ(zi.max_size, 4096);
	CHECK_EQ(zi.expansions, 0);
	zfree(z, again);
	for (int i = 1; i < 64; i++)
		zfree(z, v[i]);
	CHECK_EQ(errcap.count, 0);
	strata_error_handler_set(NULL, NULL);
	CHECK_EQ(slab_verify(), 0);
	zdestroy(z);
}

/* Exhaustible across threads: objects freed by a thread that is still running (so its
 * magazines are not flushed by thread exit) count as free for another thread's zalloc. */
static struct {
	zone_t z;
	void *v[64];
	pthread_barrier_t freed, done;
} xt;

static void *exhaust_freer(void *arg)
{
	(void)arg;
	for (int i = 0; i < 64; i++)
		zfree(xt.z, xt.v[i]);
	pthread_barrier_wait(&xt.freed);   /* main allocates again while we still live */
	pthread_barrier_wait(&xt.done);
	return NULL;
}

static void test_exhaustible_threads(void)
{
	xt.z = zinit(64, 4096, 0, "exhaust-mt");   /* 64 objects */
	zone_change(xt.z, ZONE_EXHAUSTIBLE, 1);
	for (int i = 0; i < 64; i++)
		CHECK((xt.v[i] = zalloc(xt.z)) != NULL);
	CHECK(zalloc(xt.z) == NULL);
	pthread_barrier_init(&xt.freed, NULL, 2);
	pthread_barrier_init(&xt.done, NULL, 2);
	pthread_t t;
	CHECK_EQ(pthread_create(&t, NULL, exhaust_freer, NULL), 0);
	pthread_barrier_wait(&xt.freed);
	int got = 0;
	for (int i = 0; i < 64; i++)
		if ((xt.v[i] = zalloc(xt.z)) != NULL)
			got++;
	CHECK_EQ(got, 64);
	CHECK(zalloc(xt.z) == NULL);
	zone_info_t zi;
	zone_info(xt.z, &zi);
	CHECK_EQ(zi.count, 64);
	pthread_barrier_wait(&xt.done);
	pthread_join(t, NULL);
	for (int i = 0; i < 64; i++)
		zfree(xt.z, xt.v[i]);
	pthread_barrier_destroy(&xt.freed);
	pthread_barrier_destroy(&xt.done);
	CHECK_EQ(slab_verify(), 0);
	zdestroy(xt.z);
}

/* Object caching (zinit_ctor): constructed once, handed out again constructed, destroyed
 * when the zone gives its slabs back; with STRATA_DEBUG, destroyed at every free. */
struct ctor_counts {
	int ctors, dtors;
};

static void obj_ctor(void *obj, size_t size, void *arg)
{
	struct ctor_counts *c = arg;
	memset(obj, 0xc7, size);
	((uint32_t *)obj)[0] = 0x0b1ec7u;   /* "constructed" mark */
	c->ctors++;
}

static void obj_dtor(void *obj, size_t size, void *arg)
{
	struct ctor_counts *c = arg;
	(void)size;
	if (((uint32_t *)obj)[0] == 0x0b1ec7u)   /* only constructed objects are destroyed */
		c->dtors++;
	((uint32_t *)obj)[0] = 0;
}

static void test_ctor(void)
{
	enum { N = 200 };
	static void *v[N];
	struct ctor_counts cc = { 0, 0 };
	int debug = slab_debug_level() != 0;
	zone_t z = zinit_ctor(40, 64 * 4096, 0, "ctor", obj_ctor, obj_dtor, &cc);
	CHECK(z != NULL);
	zone_change(z, ZONE_COLLECTABLE, 1);
	for (int i = 0; i < N; i++) {
		v[i] = zalloc(z);
		CHECK(v[i] != NULL && ((uintptr_t)v[i] & 15) == 0);
		CHECK(v[i] != NULL && ((uint32_t *)v[i])[0] == 0x0b1ec7u);
		CHECK(v[i] != NULL && ((unsigned char *)v[i])[39] == 0xc7);
	}
	CHECK_EQ(cc.ctors, N);
	CHECK_EQ(cc.dtors, 0);
	/* the caller hands objects back in their constructed state */
	for (int i = 0; i < N; i++)
		zfree(z, v[i]);
	CHECK_EQ(cc.dtors, debug ? N : 0);
	for (int i = 0; i < N; i++) {
		v[i] = zalloc(z);
		CHECK(v[i] != NULL && ((uint32_t *)v[i])[0] == 0x0b1ec7u);
	}
	CHECK_EQ(cc.ctors, debug ? 2 * N : N);   /* cached: no second construction */
	/* misuse is reported with the caller's pointer */
	errcap_start();
	zfree(z, (char *)v[0] + 8);
	CHECK_EQ(errcap.count, 1);
	CHECK(reported((char *)v[0] + 8, "invalid free"));
	strata_error_handler_set(NULL, NULL);
	zone_info_t zi;
	CHECK_EQ(zone_info(z, &zi), 0);
	CHECK_EQ(zi.count, N);
	CHECK_EQ(zi.elem_size, 40);
	for (int i = 0; i < N; i++)
		zfree(z, v[i]);
	CHECK_EQ(slab_verify(), 0);
	/* zone_gc gives the empty slabs back: every constructed object is destroyed once */
	CHECK(zone_gc() > 0);
	int built = cc.ctors, gone = cc.dtors;
	CHECK(gone > 0);
	CHECK(gone <= built);
	zdestroy(z);
	CHECK_EQ(cc.dtors, cc.ctors);   /* zdestroy destroyed the rest */
	(void)built;
	CHECK_EQ(slab_verify(), 0);
	/* ZONE_ZERO: zeroed before construction; zget hands out constructed objects only */
	struct ctor_counts c2 = { 0, 0 };
	zone_t y = zinit_ctor(24, 16 * 4096, 0, "ctor-zget", NULL, obj_dtor, &c2);
	CHECK(y != NULL);
	zone_change(y, ZONE_ZERO, 1);
	void *a = zalloc(y);
	CHECK(a != NULL && ((unsigned char *)a)[0] == 0 && ((unsigned char *)a)[23] == 0);
	if (a)
		zfree(y, a);
	void *b = zget(y);
	CHECK(b != NULL);
	if (b)
		zfree(y, b);
	zdestroy(y);
	CHECK_EQ(c2.ctors, 0);
	CHECK_EQ(c2.dtors, 0);   /* no constructor: the mark was never set, nothing counted */
	CHECK(zinit_ctor(16, 4096, 0, "plain", NULL, NULL, NULL) != NULL);
}

/* An expandable zone raises max by 50% at the limit (counted); a fixed one reports OOM. */
static void test_expand_and_fixed(void)
{
	static void *v[200];
	zone_t z = zinit(64, 4096, 0, "expand");
	zone_info_t zi;
	for (int i = 0; i < 65; i++)
		v[i] = zalloc(z);
	CHECK(v[64] != NULL);
	zone_info(z, &zi);
	CHECK_EQ(zi.expansions, 1);
	CHECK_EQ(zi.max_size, 6144);
	for (int i = 65; i < 97; i++)
		v[i] = zalloc(z);
	zone_info(z, &zi);
	CHECK(v[96] != NULL);
	CHECK_EQ(zi.expansions, 2);
	CHECK_EQ(zi.max_size, 9216);
	for (int i = 0; i < 97; i++)
		zfree(z, v[i]);
	zdestroy(z);

	zone_t f = zinit(64, 4096, 0, "fixed");
	zone_change(f, ZONE_EXPANDABLE, 0);
	errcap_start();
	for (int i = 0; i < 64; i++)
		v[i] = zalloc(f);
	CHECK_EQ(errcap.count, 0);
	void *over = zalloc(f);
	CHECK(over == NULL);
	CHECK_EQ(errcap.count, 1);
	CHECK_EQ(errcap.kind, STRATA_ERR_OOM);
	CHECK_MSG(strstr(errcap.message, "fixed") != NULL, "message: %s", errcap.message);
	strata_error_handler_set(NULL, NULL);
	for (int i = 0; i < 64; i++)
		zfree(f, v[i]);
	zdestroy(f);
	CHECK_EQ(slab_verify(), 0);
}

/* zget: NULL on a zone with nothing, objects the zone holds, never a new slab. */
static void test_zget(void)
{
	zone_t z = zinit(128, 1 << 20, 0, "zget");
	zone_info_t zi;
	CHECK(zget(z) == NULL);
	zone_info(z, &zi);
	CHECK_EQ(zi.slabs, 0);
	CHECK_EQ(zi.cur_size, 0);
	void *a = zalloc(z);
	zfree(z, a);
	void *b = zget(z);
	CHECK(b == a);
	zone_info(z, &zi);
	size_t slabs = zi.slabs, cur = zi.cur_size;
	CHECK_EQ(slabs, 1);
	/* Take everything the one slab holds: zget must stop with NULL, not grow. */
	static void *v[4096];
	int n = 0;
	while (n < 4096 && (v[n] = zget(z)) != NULL)
		n++;
	zone_info(z, &zi);
	CHECK(n > 0 && n < 4096);
	CHECK_EQ(zi.slabs, slabs);
	CHECK_EQ(zi.cur_size, cur);
	CHECK((size_t)n + 1 == cur / 128);   /* the slab's other objects (alloc bytes of them) */
	void *c = zalloc(z);   /* zalloc grows */
	CHECK(c != NULL);
	zone_info(z, &zi);
	CHECK_EQ(zi.slabs, slabs + 1);
	zfree(z, c);
	zfree(z, b);
	for (int i = 0; i < n; i++)
		zfree(z, v[i]);
	CHECK_EQ(slab_verify(), 0);
	zdestroy(z);
}

/* zfree misuse: wrong zone, kalloc block, foreign pointer, double free; all reported with
 * the pointer and the zone, none corrupting. */
static void test_zfree_misuse(void)
{
	zone_t z1 = zinit(48, 1 << 20, 0, "alpha");
	zone_t z2 = zinit(48, 1 << 20, 0, "beta");
	int local = 0;
	errcap_start();
	void *a = zalloc(z1);
	zfree(z2, a);
	CHECK_EQ(errcap.count, 1);
	CHECK_EQ(errcap.kind, STRATA_ERR_SIZE_MISMATCH);
	CHECK_MSG(reported(a, "beta") && strstr(errcap.message, "alpha"), "message: %s", errcap.message);
	void *k = kalloc(48);
	zfree(z1, k);
	CHECK_EQ(errcap.count, 2);
	CHECK_EQ(errcap.kind, STRATA_ERR_SIZE_MISMATCH);
	CHECK(reported(k, "alpha"));
	kfree(k, 48);
	zfree(z1, &local);
	CHECK_EQ(errcap.count, 3);
	CHECK_EQ(errcap.kind, STRATA_ERR_INVALID_FREE);
	CHECK(reported(&local, "alpha"));
	zfree(z1, (char *)a + 8);   /* interior */
	CHECK_EQ(errcap.count, 4);
	CHECK_EQ(errcap.kind, STRATA_ERR_INVALID_FREE);
	zfree(z1, a);
	CHECK_EQ(errcap.count, 4);
	zfree(z1, a);                /* double free */
	CHECK_EQ(errcap.count, 5);
	CHECK_EQ(errcap.kind, STRATA_ERR_DOUBLE_FREE);
	CHECK_MSG(reported(a, "double free") && strstr(errcap.message, "alpha"), "message: %s", errcap.message);
	if (slab_debug_level()) {
		/* Full detection: a double free that is not on top of the magazine. */
		void *x = zalloc(z1), *y = zalloc(z1);
		zfree(z1, x);
		zfree(z1, y);
		zfree(z1, x);
		CHECK_EQ(errcap.count, 6);
		CHECK_EQ(errcap.kind, STRATA_ERR_DOUBLE_FREE);
		CHECK(reported(x, "double free"));
	}
	zalloc(NULL);
	CHECK_EQ(errcap.kind, STRATA_ERR_MISUSE);
	strata_error_handler_set(NULL, NULL);
	zone_info_t zi;
	zone_info(z1, &zi);
	CHECK_EQ(zi.count, 0);
	CHECK_EQ(slab_verify(), 0);
	zdestroy(z1);
	zdestroy(z2);
}

/* ZONE_ZERO hands out zeroed objects even when recycled. */
static void test_zero(void)
{
	zone_t z = zinit(200, 1 << 20, 0, "zeroed");
	unsigned char *p = zalloc(z);
	memset(p, 0xee, 200);
	zfree(z, p);
	zone_change(z, ZONE_ZERO, 1);
	unsigned char *q = zalloc(z);
	int nz = 0;
	for (int i = 0; i < 200; i++)
		nz += q[i] != 0;
	CHECK(q == p);
	CHECK_EQ(nz, 0);
	zfree(z, q);
	zdestroy(z);
}

/* zone_gc returns a collectable zone's empty slabs, and leaves other zones alone. */
static void test_gc(void)
{
	enum { N = 5000 };
	static void *v[N], *w[N];
	zone_t c = zinit(256, 8 << 20, 65536, "collect");
	zone_t k = zinit(256, 8 << 20, 65536, "keep");
	zone_change(c, ZONE_COLLECTABLE, 1);
	for (int i = 0; i < N; i++) {
		v[i] = zalloc(c);
		w[i] = zalloc(k);
	}
	for (int i = 0; i < N; i++) {
		zfree(c, v[i]);
		zfree(k, w[i]);
	}
	zone_info_t ci, ki0, ki1;
	zone_info(k, &ki0);
	size_t bytes = zone_gc();
	zone_info(c, &ci);
	zone_info(k, &ki1);
	CHECK(bytes >= 65536);
	CHECK_EQ(ci.slabs, 0);
	CHECK_EQ(ci.cur_size, 0);
	CHECK_EQ(ki1.slabs, ki0.slabs);
	CHECK(zalloc(c) != NULL);   /* a collected zone grows again */
	CHECK_EQ(slab_verify(), 0);
	slab_thread_flush();
	CHECK_EQ(slab_verify(), 0);
}

/* zdestroy refuses a zone with objects in use; many zones (past the per-thread slots)
 * work and can all be destroyed. */
static void test_destroy_and_many(void)
{
	zone_t z = zinit(32, 4096, 0, "busy");
	void *p = zalloc(z);
	errcap_start();
	zdestroy(z);
	CHECK_EQ(errcap.count, 1);
	CHECK_EQ(errcap.kind, STRATA_ERR_MISUSE);
	zfree(z, p);
	zdestroy(z);
	CHECK_EQ(errcap.count, 1);
	zalloc(z);                  /* a destroyed zone */
	CHECK_EQ(errcap.count, 2);
	CHECK_EQ(errcap.kind, STRATA_ERR_MISUSE);
	strata_error_handler_set(NULL, NULL);

	enum { Z = 160 };
	static zone_t zs[Z];
	static void *objs[Z][3];
	int bad = 0;
	for (int i = 0; i < Z; i++) {
		zs[i] = zinit((size_t)(16 + 8 * (i % 40)), 1 << 16, 0, "many");
		for (int j = 0; j < 3; j++) {
			objs[i][j] = zalloc(zs[i]);
			if (!objs[i][j])
				bad++;
			else
				memset(objs[i][j], i, 16);
		}
	}
	for (int i = 0; i < Z; i++) {
		for (int j = 0; j < 3; j++) {
			if (objs[i][j] && *(unsigned char *)objs[i][j] != (unsigned char)i)
				bad++;
			zfree(zs[i], objs[i][j]);
		}
	}
	CHECK_EQ(bad, 0);
	CHECK_EQ(slab_verify(), 0);
	for (int i = 0; i < Z; i++)
		zdestroy(zs[i]);
	CHECK_EQ(slab_verify(), 0);
}

/* max bounds a zone's memory, in slabs of its alloc: a 4 KiB zone of 64-byte objects
 * holds one 4 KiB slab (not a 64 KiB one), and alloc sizes the slabs it takes. */
static void test_max_bounds_memory(void)
{
	static void *v[80];
	zone_t z = zinit(64, 4096, 4096, "small-max");
	zone_change(z, ZONE_EXHAUSTIBLE, 1);
	int n = 0;
	while (n < 80 && (v[n] = zalloc(z)) != NULL)
		n++;
	CHECK_EQ(n, 64);
	zone_info_t zi;
	zone_info(z, &zi);
	CHECK_EQ(zi.cur_size, 4096);
	CHECK(zi.cur_size <= zi.max_size);
	CHECK_EQ(zi.slabs, 1);
	for (int i = 0; i < n; i++)
		zfree(z, v[i]);
	zdestroy(z);

	/* alloc = 16 KiB: the first object takes a 16 KiB slab; 150 more take one more. */
	zone_t a = zinit(104, 1 << 20, 16384, "alloc-16k");
	static void *w[200];
	for (int i = 0; i < 200; i++)
		w[i] = zalloc(a);
	zone_info(a, &zi);
	CHECK_EQ(zi.alloc_size, 16384);
	CHECK_EQ(zi.cur_size % 16384, 0);
	CHECK_EQ(zi.cur_size, zi.slabs * 16384);
	CHECK_EQ(zi.slabs, (200 + 16384 / 112 - 1) / (16384 / 112));   /* 112-byte objects */
	for (int i = 0; i < 200; i++)
		zfree(a, w[i]);
	zdestroy(a);

	/* An expandable zone grows one alloc at a time with its max. */
	zone_t e = zinit(64, 8192, 4096, "grow");
	for (int i = 0; i < 200; i++)
		w[i] = zalloc(e);
	zone_info(e, &zi);
	CHECK(zi.cur_size <= ((zi.max_size + 4095) / 4096) * 4096);
	for (int i = 0; i < 200; i++)
		zfree(e, w[i]);
	zdestroy(e);
	CHECK_EQ(slab_verify(), 0);
}

/* ZONE_COLLECTABLE as Mach meant it: a zone without it keeps every slab it took (free,
 * malloc_trim and zone_gc leave them); a collectable one keeps its empty slabs until
 * zone_gc, which returns exactly the bytes the zones' cur_size lost -- the slabs that
 * empty as this thread's cached objects go home included. */
static void test_collectable(void)
{
	enum { N = 3000 };
	static void *v[N];
	(void)zone_gc();   /* earlier cases' collectable zones: start from nothing to collect */
	zone_t k = zinit(256, 8 << 20, 65536, "never-collected");
	for (int i = 0; i < N; i++)
		v[i] = zalloc(k);
	zone_info_t ki0, ki1;
	zone_info(k, &ki0);
	for (int i = 0; i < N; i++)
		zfree(k, v[i]);
	(void)slab_trim(0);   /* malloc_trim's engine call: every cache it may reclaim */
	CHECK_EQ(zone_gc(), 0);
	zone_info(k, &ki1);
	CHECK_EQ(ki1.cur_size, ki0.cur_size);
	CHECK_EQ(ki1.slabs, ki0.slabs);
	CHECK(ki1.slabs > 1);

	zone_t c = zinit(256, 8 << 20, 65536, "collected");
	zone_change(c, ZONE_COLLECTABLE, 1);
	for (int i = 0; i < N; i++)
		v[i] = zalloc(c);
	for (int i = 0; i < N; i++)
		zfree(c, v[i]);   /* the last ones stay in this thread's magazine */
	zone_info_t c0, c1;
	zone_info(c, &c0);
	CHECK(c0.slabs > 1);   /* kept, empty, until zone_gc */
	size_t bytes = zone_gc();
	zone_info(c, &c1);
	CHECK_EQ(bytes, c0.cur_size - c1.cur_size);
	CHECK_EQ(c1.slabs, 0);
	zone_info(k, &ki1);
	CHECK_EQ(ki1.slabs, ki0.slabs);   /* the other zone kept its slabs */
	zdestroy(c);
	zdestroy(k);
	CHECK_EQ(slab_verify(), 0);
}

/* A thread that caches objects of a zone, and then of the zone that gets its slot. */
static struct {
	zone_t z;
	pthread_barrier_t step;
	void *got;
} sr;

static void *slot_user(void *arg)
{
	(void)arg;
	void *p[8];
	for (int i = 0; i < 8; i++)
		p[i] = zalloc(sr.z);
	for (int i = 0; i < 8; i++)
		zfree(sr.z, p[i]);            /* cached in this thread's magazine */
	pthread_barrier_wait(&sr.step);   /* main destroys the zone and makes another */
	pthread_barrier_wait(&sr.step);
	sr.got = zalloc(sr.z);            /* the new zone, through the reused slot */
	pthread_barrier_wait(&sr.step);
	return NULL;
}

/* Per-thread slots of destroyed zones serve new zones: after many zinit/zdestroy cycles a
 * new zone still has one; a thread whose magazine held the old zone's objects gets the
 * new zone's objects from it. */
static void test_slot_reuse(void)
{
	for (int i = 0; i < 300; i++) {
		zone_t z = zinit(48, 1 << 16, 0, "cycle");
		void *p = zalloc(z);
		zfree(z, p);
		zdestroy(z);
	}
	zone_t z = zinit(48, 1 << 16, 0, "after-cycles");
	int slotted = 0;
	for (unsigned s = 0; s < slab_state.nslots; s++)
		slotted |= slab_state.slots[s] && strcmp(slab_state.slots[s]->name, "after-cycles") == 0;
	CHECK_MSG(slotted, "a zone made after 300 zinit/zdestroy cycles has no per-thread slot (%u used)",
	          slab_state.nslots);
	zdestroy(z);

	errcap_start();
	sr.z = zinit(80, 1 << 16, 0, "old-slot");
	pthread_barrier_init(&sr.step, NULL, 2);
	pthread_t t;
	CHECK_EQ(pthread_create(&t, NULL, slot_user, NULL), 0);
	pthread_barrier_wait(&sr.step);
	zdestroy(sr.z);
	sr.z = zinit(80, 1 << 16, 0, "new-slot");
	void *mine = zalloc(sr.z);
	pthread_barrier_wait(&sr.step);
	pthread_barrier_wait(&sr.step);
	pthread_join(t, NULL);
	CHECK(sr.got != NULL && sr.got != mine);
	zfree(sr.z, sr.got);   /* one of the new zone's: no report */
	zfree(sr.z, mine);
	CHECK_EQ(errcap.count, 0);
	zone_info_t zi;
	zone_info(sr.z, &zi);
	CHECK_EQ(zi.count, 0);
	zdestroy(sr.z);
	CHECK_EQ(errcap.count, 0);
	strata_error_handler_set(NULL, NULL);
	pthread_barrier_destroy(&sr.step);
	CHECK_EQ(slab_verify(), 0);
}

int main(void)
{
	test_rounding();
	if (getenv("STRATA_DEBUG"))   /* the debug run really runs in debug mode */
		CHECK_EQ(slab_debug_level(), atoi(getenv("STRATA_DEBUG")));
	test_basic();
	test_exhaustible();
	test_exhaustible_threads();
	test_ctor();
	test_expand_and_fixed();
	test_zget();
	test_zfree_misuse();
	test_zero();
	test_gc();
	test_destroy_and_many();
	test_max_bounds_memory();
	test_collectable();
	test_slot_reuse();
	return check_done();
}

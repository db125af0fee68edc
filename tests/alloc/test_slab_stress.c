/*
 * tests/alloc/test_slab_stress.c: seeded multi-threaded stress of the engine and the
 * kernel faces with cross-thread frees.
 *
 * THREADS (4) threads in a ring: thread i allocates objects (slab_alloc of random sizes
 * up to 40 KiB, kalloc/kfree of random sizes, zalloc from one shared zone), writes a
 * pattern derived from (thread, sequence), and hands each to thread i+1 through a
 * bounded producer/consumer queue; the consumer checks the pattern and frees it with the
 * matching call. A full queue makes the producer free its own object. Each thread also
 * keeps a few objects of its own for a while. At the end: every pattern intact, zone
 * count 0, no error reported, slab_verify() clean.
 * argv[1]: operations per thread (default 40000); argv[2]: seed.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "errcap.h"

#include <strata/kalloc.h>
#include <strata/zone.h>

#include "alloc/zone/slab.h"
#include "alloc/zone/slab_impl.h"

#define THREADS 4
#define QCAP 256
#define LOCAL 64
#define ZSIZE 72

/* One object in flight: which API made it, its size and its pattern's seed. */
struct item {
	unsigned char *p;
	size_t n;
	int api;          /* 0 slab, 1 kalloc, 2 zone */
	unsigned tag;
};

/* A bounded queue between a producer and a consumer. */
struct queue {
	pthread_mutex_t lock;
	struct item v[QCAP];
	unsigned head, tail;   /* tail - head items */
	int done;              /* the producer has finished */
};

static struct queue queues[THREADS];
static zone_t shared_zone;
static long ops_per_thread = 40000;
static uint64_t seed = 0x5eed;
static unsigned long bad_pattern[THREADS];
static unsigned long fails[THREADS];

/* xorshift64* step. */
static uint64_t rng(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dull;
}

/* Write / check the pattern over the first min(n, 48) bytes and the last byte. */
static void stamp(const struct item *it)
{
	size_t k = it->n < 48 ? it->n : 48;
	for (size_t i = 0; i < k; i++)
		it->p[i] = (unsigned char)(it->tag + i);
	it->p[it->n - 1] = (unsigned char)(it->tag ^ 0x5a);
}

static int stamped(const struct item *it)
{
	size_t k = it->n < 48 ? it->n : 48;
	if (it->n > 48 && it->p[it->n - 1] != (unsigned char)(it->tag ^ 0x5a))
		return 0;
	for (size_t i = 0; i < k; i++)
		if (it->p[i] != (unsigned char)(it->tag + i) && !(i == it->n - 1))
			return 0;
	return 1;
}

/* Allocate an item with a random API and size. */
static int make(struct item *it, uint64_t *s, unsigned tag)
{
	uint64_t r = rng(s);
	it->api = (int)(r % 3);
	it->tag = tag;
	if (it->api == 0)
		it->n = 1 + ((r >> 8) & 15 ? (size_t)(r >> 16) % 1024 : (size_t)(r >> 16) % 40000);
	else if (it->api == 1)
		it->n = 1 + ((r >> 8) & 15 ? (size_t)(r >> 16) % 2048 : (size_t)(r >> 16) % 20000);
	else
		it->n = ZSIZE;
	it->p = it->api == 0 ? slab_alloc(it->n) : it->api == 1 ? kalloc(it->n) : zalloc(shared_zone);
	if (!it->p)
		return 0;
	stamp(it);
	return 1;
}

/* Check and free an item with the call matching its API. */
static void consume(struct item *it, int self)
{
	if (!stamped(it))
		bad_pattern[self]++;
	if (it->api == 0)
		slab_free(it->p);
	else if (it->api == 1)
		kfree(it->p, it->n);
	else
		zfree(shared_zone, it->p);
}

/* Take everything queued for thread `self`; returns whether its producer is done. */
static int drain(int self)
{
	struct queue *q = &queues[self];
	struct item batch[QCAP];
	unsigned n = 0;
	pthread_mutex_lock(&q->lock);
	while (q->head != q->tail)
		batch[n++] = q->v[q->head++ % QCAP];
	int done = q->done;
	pthread_mutex_unlock(&q->lock);
	for (unsigned i = 0; i < n; i++)
		consume(&batch[i], self);
	return done && n == 0;
}

/* One ring member. */
static void *worker(void *arg)
{
	int self = (int)(intptr_t)arg;
	struct queue *next = &queues[(self + 1) % THREADS];
	uint64_t s = seed + (uint64_t)self * 0x9e3779b97f4a7c15ull;
	struct item local[LOCAL];
	memset(local, 0, sizeof local);
	for (long i = 0; i < ops_per_thread; i++) {
		struct item it;
		if (!make(&it, &s, (unsigned)(self * 131 + i))) {
			fails[self]++;
			continue;
		}
		if (rng(&s) % 4 == 0) {
			/* Keep it a while: replace a random local slot. */
			unsigned k = (unsigned)(rng(&s) % LOCAL);
			if (local[k].p)
				consume(&local[k], self);
			local[k] = it;
		} else {
			pthread_mutex_lock(&next->lock);
			int full = next->tail - next->head == QCAP;
			if (!full)
				next->v[next->tail++ % QCAP] = it;
			pthread_mutex_unlock(&next->lock);
			if (full)
				consume(&it, self);
		}
		if ((i & 31) == 0)
			(void)drain(self);
	}
	for (unsigned k = 0; k < LOCAL; k++)
		if (local[k].p)
			consume(&local[k], self);
	pthread_mutex_lock(&next->lock);
	next->done = 1;
	pthread_mutex_unlock(&next->lock);
	while (!drain(self))
		;
	return NULL;
}

int main(int argc, char **argv)
{
	if (argc > 1)
		ops_per_thread = atol(argv[1]);
	if (argc > 2)
		seed = strtoull(argv[2], NULL, 0);
	errcap_start();
	shared_zone = zinit(ZSIZE, (size_t)1 << 30, 0, "stress");
	CHECK(shared_zone != NULL);
	pthread_t tid[THREADS];
	for (int t = 0; t < THREADS; t++)
		pthread_mutex_init(&queues[t].lock, NULL);
	for (int t = 0; t < THREADS; t++)
		pthread_create(&tid[t], NULL, worker, (void *)(intptr_t)t);
	/* Statistics read while the workers run (racy by nature, but no data race). */
	for (int i = 0; i < 200; i++) {
		zone_info_t live;
		struct slab_usage lu;
		CHECK_EQ(zone_info(shared_zone, &live), 0);
		slab_usage_get(&lu);
		CHECK(lu.mapped >= lu.small_in_use / 2);
	}
	for (int t = 0; t < THREADS; t++)
		pthread_join(tid[t], NULL);
	unsigned long bad = 0, failed = 0;
	for (int t = 0; t < THREADS; t++) {
		bad += bad_pattern[t];
		failed += fails[t];
	}
	CHECK_EQ(bad, 0);
	CHECK_EQ(failed, 0);
	CHECK_EQ(errcap.count, 0);
	if (errcap.count)
		fprintf(stderr, "last error: %s\n", errcap.message);
	zone_info_t zi;
	CHECK_EQ(zone_info(shared_zone, &zi), 0);
	CHECK_EQ(zi.count, 0);
	CHECK_EQ(zi.allocs, zi.frees);
	CHECK(zi.allocs > 0);
	CHECK_EQ(slab_verify(), 0);
	/* Thread exit gave every worker's cache back: only main's is registered, and the
	 * workers' caches wait for reuse. */
	int live = 0, pooled = 0;
	for (struct slab_tcache *tc = slab_state.tcaches; tc; tc = tc->next)
		live++;
	for (struct slab_tcache *tc = slab_state.tc_free; tc; tc = tc->next)
		pooled++;
	CHECK_EQ(live, 1);
	CHECK(pooled >= 1);
	slab_thread_flush();
	CHECK_EQ(slab_verify(), 0);
	struct slab_usage u;
	slab_usage_get(&u);
	CHECK_EQ(u.large_blocks, 0);
	CHECK(slab_trim(0) > 0);
	CHECK_EQ(slab_verify(), 0);
	zdestroy(shared_zone);
	CHECK_EQ(errcap.count, 0);
	return check_done();
}

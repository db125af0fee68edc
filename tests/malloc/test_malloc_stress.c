/*
 * tests/malloc/test_malloc_stress.c: seeded multi-threaded stress of the malloc face.
 *
 * Each thread churns its own slots (malloc, calloc, realloc chains, aligned blocks, sizes
 * mostly small, some page-backed), and hands blocks to the next thread through a queue,
 * which frees them: every free of a handed-over block is a remote free. Every block carries
 * a pattern derived from its tag and size, checked before each realloc and free, so lost
 * or overlapping blocks show as content errors. Per-thread random streams are seeded, so a
 * run is reproducible up to the interleaving (which no check depends on).
 *
 * Usage: test_malloc_stress [THREADS [ROUNDS [SEED [strata|libc]]]]
 *   strata (default) calls strata_malloc & co. and ends with slab_verify(); libc calls the
 *   standard names (for runs under LD_PRELOAD=libstrata.so). Scale comes from ROUNDS.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <strata/malloc.h>

#include "alloc/zone/slab.h"
#include "check.h"

#define SLOTS 512
#define QUEUE 256

/* The allocator under test, as function pointers (strata_* or the standard names). */
static struct {
	void *(*alloc)(size_t);
	void *(*zalloc)(size_t, size_t);
	void *(*resize)(void *, size_t);
	int (*aligned)(void **, size_t, size_t);
	void (*release)(void *);
} api;

/* A block: its tag and size, and the pattern they imply. */
struct block {
	unsigned char *p;
	size_t size;
	unsigned tag;
};

/* A bounded hand-over queue from one thread to the next. */
struct queue {
	pthread_mutex_t lock;
	struct block items[QUEUE];
	unsigned head, count;
};

static struct queue *queues;
static int nthreads;
static long rounds;
static unsigned long seed;
static unsigned long errors_total;
static pthread_mutex_t errors_lock = PTHREAD_MUTEX_INITIALIZER;

/* xorshift64*: one step of a thread's random stream. */
static uint64_t rnd(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ull;
}

/* A request size: 85% up to 256 B, 13% up to 8 KiB, 2% up to 512 KiB. */
static size_t rnd_size(uint64_t *s)
{
	uint64_t r = rnd(s);
	unsigned pick = (unsigned)(r % 100);

	r >>= 8;
	if (pick < 85)
		return (size_t)(r % 257);
	if (pick < 98)
		return (size_t)(r % 8192) + 1;
	return (size_t)(r % (512 * 1024)) + 1;
}

/* The next patterned offset after i: every byte of the first 512, then 8 bytes of every
 * 4 KiB page (the same offsets whatever the size, so a prefix can be checked). */
static size_t next_offset(size_t i)
{
	i++;
	if (i >= 512 && (i & 4095) >= 8)
		i = (i | 4095) + 1;
	return i;
}

/* Write the block's pattern. */
static void stamp(const struct block *b)
{
	for (size_t i = 0; i < b->size; i = next_offset(i))
		b->p[i] = (unsigned char)(b->tag + i);
}

/* Whether the first n bytes of the block still hold its pattern. */
static int intact(const struct block *b, size_t n)
{
	for (size_t i = 0; i < n; i = next_offset(i))
		if (b->p[i] != (unsigned char)(b->tag + i))
			return 0;
	return 1;
}

/* Allocate a block by one of four routes chosen at random; size 0 allowed. */
static int make(struct block *b, uint64_t *s, unsigned tag)
{
	unsigned route = (unsigned)(rnd(s) % 16);

	b->size = rnd_size(s);
	b->tag = tag;
	if (route == 0) {
		b->p = api.zalloc(1, b->size);
		for (size_t i = 0; b->p && i < b->size && i < 512; i++)
			if (b->p[i] != 0)
				return -1;
	} else if (route == 1) {
		void *p = NULL;
		size_t align = (size_t)16 << (rnd(s) % 9);
		if (api.aligned(&p, align, b->size) != 0 || ((uintptr_t)p & (align - 1)) != 0)
			return -1;
		b->p = p;
	} else {
		b->p = api.alloc(b->size);
	}
	if (b->p == NULL)
		return b->size == 0 ? 0 : -1;
	if (((uintptr_t)b->p & 15) != 0)
		return -1;
	stamp(b);
	return 0;
}

/* Push a block to queue q; 0 when it is full (the caller keeps the block: no waiting, so
 * a ring of full queues cannot deadlock). */
static int push(struct queue *q, struct block b)
{
	int done = 0;

	pthread_mutex_lock(&q->lock);
	if (q->count < QUEUE) {
		q->items[(q->head + q->count) % QUEUE] = b;
		q->count++;
		done = 1;
	}
	pthread_mutex_unlock(&q->lock);
	return done;
}

/* Pop one block from queue q; 0 when it is empty. */
static int pop(struct queue *q, struct block *out)
{
	int got = 0;

	pthread_mutex_lock(&q->lock);
	if (q->count > 0) {
		*out = q->items[q->head];
		q->head = (q->head + 1) % QUEUE;
		q->count--;
		got = 1;
	}
	pthread_mutex_unlock(&q->lock);
	return got;
}

/* Check and free a block handed over by another thread (a remote free). */
static unsigned long consume(struct block *b)
{
	unsigned long bad = 0;

	if (b->p && !intact(b, b->size))
		bad++;
	api.release(b->p);
	return bad;
}

/* One thread: local churn with realloc chains, plus hand-over to the next thread. */
static void *worker(void *arg)
{
	int id = (int)(intptr_t)arg;
	uint64_t s = seed * 0x9e3779b97f4a7c15ull + (uint64_t)id + 1;
	struct block *slots = api.zalloc(SLOTS, sizeof *slots);
	struct queue *mine = &queues[id], *next = &queues[(id + 1) % nthreads];
	unsigned long bad = 0;
	unsigned tag = (unsigned)id * 7919u;
	struct block b;

	if (slots == NULL)
		return (void *)1;
	for (long r = 0; r < rounds; r++) {
		struct block *slot = &slots[rnd(&s) % SLOTS];
		unsigned op = (unsigned)(rnd(&s) % 10);

		if (slot->p == NULL && op < 9) {
			bad += make(slot, &s, ++tag) != 0;
		} else if (op < 4) {
			/* realloc chain step: contents up to the smaller size survive */
			size_t n = rnd_size(&s) + 1;
			size_t keep = n < slot->size ? n : slot->size;
			if (slot->p && !intact(slot, slot->size))
				bad++;
			unsigned char *p = api.resize(slot->p, n);
			if (p == NULL) {
				bad++;
				continue;
			}
			slot->p = p;
			if (!intact(slot, keep))
				bad++;
			slot->size = n;
			stamp(slot);
		} else if (op < 7) {
			if (slot->p && !intact(slot, slot->size))
				bad++;
			api.release(slot->p);
			slot->p = NULL;
			slot->size = 0;
		} else {
			/* hand the block to the next thread, which frees it */
			if (slot->p && push(next, *slot)) {
				slot->p = NULL;
				slot->size = 0;
			}
		}
		if ((r & 15) == 0 && pop(mine, &b))
			bad += consume(&b);
	}
	for (int i = 0; i < SLOTS; i++) {
		if (slots[i].p && !intact(&slots[i], slots[i].size))
			bad++;
		api.release(slots[i].p);
	}
	api.release(slots);
	while (pop(mine, &b))
		bad += consume(&b);
	pthread_mutex_lock(&errors_lock);
	errors_total += bad;
	pthread_mutex_unlock(&errors_lock);
	return NULL;
}

/* Entry: parse the scale, run the threads twice (so exited threads' caches get reused),
 * drain the queues, check. */
int main(int argc, char **argv)
{
	int libc = argc > 4 && strcmp(argv[4], "libc") == 0;

	nthreads = argc > 1 ? atoi(argv[1]) : 4;
	rounds = argc > 2 ? atol(argv[2]) : 20000;
	seed = argc > 3 ? strtoul(argv[3], NULL, 10) : 42;
	if (nthreads < 1)
		nthreads = 1;
	if (libc) {
		api.alloc = malloc;
		api.zalloc = calloc;
		api.resize = realloc;
		api.aligned = posix_memalign;
		api.release = free;
	} else {
		api.alloc = strata_malloc;
		api.zalloc = strata_calloc;
		api.resize = strata_realloc;
		api.aligned = strata_posix_memalign;
		api.release = strata_free;
	}
	queues = api.zalloc((size_t)nthreads, sizeof *queues);
	CHECK(queues != NULL);
	if (queues == NULL)
		return check_done();
	for (int i = 0; i < nthreads; i++)
		pthread_mutex_init(&queues[i].lock, NULL);
	for (int pass = 0; pass < 2; pass++) {
		pthread_t *tids = api.alloc((size_t)nthreads * sizeof *tids);
		int started = 0;
		for (int i = 0; i < nthreads; i++)
			started += pthread_create(&tids[i], NULL, worker, (void *)(intptr_t)i) == 0;
		CHECK_EQ(started, nthreads);
		unsigned long failed = 0;
		for (int i = 0; i < started; i++) {
			void *ret = NULL;
			pthread_join(tids[i], &ret);
			failed += ret != NULL;
		}
		CHECK_EQ(failed, 0);
		api.release(tids);
	}
	/* Blocks pushed after their consumer drained for the last time. */
	struct block b;
	for (int i = 0; i < nthreads; i++)
		while (pop(&queues[i], &b))
			errors_total += consume(&b);
	api.release(queues);
	CHECK_EQ(errors_total, 0);
	if (!libc)
		CHECK_EQ(slab_verify(), 0);
	printf("stress: %d threads x %ld rounds x 2 passes, seed %lu, %s\n", nthreads, rounds, seed,
	       libc ? "standard names" : "strata_* names");
	return check_done();
}

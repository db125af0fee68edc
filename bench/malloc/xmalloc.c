/*
 * bench/malloc/xmalloc.c: xmalloc-style producer/consumer (after Lever & Boreham's
 * xmalloc-test): producer threads allocate blocks and hand them over in batches; consumer
 * threads free every block they receive. Every free is a remote free, the case that
 * defeats allocators with per-thread heaps and no return path.
 *
 * Usage: xmalloc PAIRS BLOCKS_PER_PRODUCER MAX_SIZE SEED
 */
#include <pthread.h>
#include <string.h>

#include "bench_util.h"

#define BATCH 256
#define RING 64

/* A hand-over ring of batches between one producer and one consumer. */
struct ring {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	void **batches[RING];
	int head, count, done;
};

struct pair {
	struct ring ring;
	long blocks;
	size_t max;
	uint64_t seed, sum;
};

/* Producer: allocate blocks, pass them on BATCH at a time. */
static void *produce(void *arg)
{
	struct pair *p = arg;
	uint64_t s = p->seed;
	long made = 0;

	while (made < p->blocks) {
		void **batch = malloc(BATCH * sizeof *batch);
		for (int i = 0; i < BATCH; i++) {
			size_t n = 8 + (size_t)(bench_rnd(&s) % p->max);
			unsigned char *b = malloc(n);
			b[0] = (unsigned char)i;
			batch[i] = b;
		}
		made += BATCH;
		pthread_mutex_lock(&p->ring.lock);
		while (p->ring.count == RING)
			pthread_cond_wait(&p->ring.cond, &p->ring.lock);
		p->ring.batches[(p->ring.head + p->ring.count) % RING] = batch;
		p->ring.count++;
		pthread_cond_broadcast(&p->ring.cond);
		pthread_mutex_unlock(&p->ring.lock);
	}
	pthread_mutex_lock(&p->ring.lock);
	p->ring.done = 1;
	pthread_cond_broadcast(&p->ring.cond);
	pthread_mutex_unlock(&p->ring.lock);
	return NULL;
}

/* Consumer: free every block of every batch received. */
static void *consume(void *arg)
{
	struct pair *p = arg;

	for (;;) {
		pthread_mutex_lock(&p->ring.lock);
		while (p->ring.count == 0 && !p->ring.done)
			pthread_cond_wait(&p->ring.cond, &p->ring.lock);
		if (p->ring.count == 0) {
			pthread_mutex_unlock(&p->ring.lock);
			return NULL;
		}
		void **batch = p->ring.batches[p->ring.head];
		p->ring.head = (p->ring.head + 1) % RING;
		p->ring.count--;
		pthread_cond_broadcast(&p->ring.cond);
		pthread_mutex_unlock(&p->ring.lock);
		for (int i = 0; i < BATCH; i++) {
			p->sum += ((unsigned char *)batch[i])[0];
			free(batch[i]);
		}
		free(batch);
	}
}

/* Entry: PAIRS producer/consumer pairs. */
int main(int argc, char **argv)
{
	int pairs = (int)bench_arg(argc, argv, 1, 1);
	long blocks = bench_arg(argc, argv, 2, 4000000);
	size_t max = (size_t)bench_arg(argc, argv, 3, 120);
	uint64_t seed = (uint64_t)bench_arg(argc, argv, 4, 1), sum = 0;
	struct pair *p = calloc((size_t)pairs, sizeof *p);
	pthread_t *t = calloc((size_t)pairs * 2, sizeof *t);

	for (int i = 0; i < pairs; i++) {
		pthread_mutex_init(&p[i].ring.lock, NULL);
		pthread_cond_init(&p[i].ring.cond, NULL);
		p[i].blocks = blocks;
		p[i].max = max;
		p[i].seed = seed + (uint64_t)i * 101;
		pthread_create(&t[2 * i], NULL, produce, &p[i]);
		pthread_create(&t[2 * i + 1], NULL, consume, &p[i]);
	}
	for (int i = 0; i < 2 * pairs; i++)
		pthread_join(t[i], NULL);
	for (int i = 0; i < pairs; i++)
		sum += p[i].sum;
	printf("xmalloc pairs=%d blocks=%ld checksum=%llu end_rss_kb=%ld\n", pairs, blocks * pairs,
	       (unsigned long long)sum, bench_rss_kb());
	free(p);
	free(t);
	return 0;
}

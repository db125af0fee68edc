/*
 * bench/malloc/larson.c: larson-style server churn (Larson & Krishnan, "Memory allocation
 * for long-running server applications", 1998). Each worker owns an array of slots and
 * repeatedly frees a random slot and fills it with a new block of random size; at the end
 * of a round its array passes to the worker of the next round (a new thread), which goes on
 * freeing blocks allocated by a thread that has exited: cross-thread frees and thread
 * turnover, as a server's connection threads do.
 *
 * Usage: larson THREADS ROUNDS OPS_PER_ROUND SLOTS MIN MAX SEED
 */
#include <pthread.h>
#include <string.h>

#include "bench_util.h"

struct worker {
	void **slots;
	long nslots, ops;
	size_t min, max;
	uint64_t seed;
	uint64_t sum;
};

/* One worker's round: replace random slots. */
static void *work(void *arg)
{
	struct worker *w = arg;
	uint64_t s = w->seed;

	for (long i = 0; i < w->ops; i++) {
		long k = (long)(bench_rnd(&s) % (uint64_t)w->nslots);
		size_t n = w->min + (size_t)(bench_rnd(&s) % (w->max - w->min + 1));
		free(w->slots[k]);
		unsigned char *p = malloc(n);
		p[0] = (unsigned char)n;
		p[n - 1] = (unsigned char)k;
		w->sum += p[0];
		w->slots[k] = p;
	}
	w->seed = s;
	return NULL;
}

/* Entry: rounds of THREADS workers, each inheriting the previous round's arrays. */
int main(int argc, char **argv)
{
	int threads = (int)bench_arg(argc, argv, 1, 2);
	long rounds = bench_arg(argc, argv, 2, 20);
	long ops = bench_arg(argc, argv, 3, 200000);
	long nslots = bench_arg(argc, argv, 4, 2000);
	size_t min = (size_t)bench_arg(argc, argv, 5, 16), max = (size_t)bench_arg(argc, argv, 6, 1000);
	uint64_t seed = (uint64_t)bench_arg(argc, argv, 7, 1);
	struct worker *w = calloc((size_t)threads, sizeof *w);
	pthread_t *t = calloc((size_t)threads, sizeof *t);
	uint64_t total = 0;

	for (int i = 0; i < threads; i++) {
		w[i].slots = calloc((size_t)nslots, sizeof(void *));
		w[i].nslots = nslots;
		w[i].ops = ops;
		w[i].min = min;
		w[i].max = max;
		w[i].seed = seed * 7919 + (uint64_t)i + 1;
	}
	for (long r = 0; r < rounds; r++) {
		for (int i = 0; i < threads; i++)
			pthread_create(&t[i], NULL, work, &w[i]);
		for (int i = 0; i < threads; i++)
			pthread_join(t[i], NULL);
		/* pass each array to the next worker: frees of blocks from another thread */
		void **first = w[0].slots;
		for (int i = 0; i + 1 < threads; i++)
			w[i].slots = w[i + 1].slots;
		w[threads - 1].slots = first;
	}
	for (int i = 0; i < threads; i++) {
		total += w[i].sum;
		for (long k = 0; k < nslots; k++)
			free(w[i].slots[k]);
		free(w[i].slots);
	}
	printf("larson threads=%d ops=%ld checksum=%llu end_rss_kb=%ld\n", threads, rounds * ops * threads,
	       (unsigned long long)total, bench_rss_kb());
	free(w);
	free(t);
	return 0;
}

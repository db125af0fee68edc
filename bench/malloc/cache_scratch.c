/*
 * bench/malloc/cache_scratch.c: passive false sharing (Berger et al., Hoard's
 * cache-scratch). Main allocates one small object per thread, back to back, and hands
 * each to a thread, which frees it and then loops: allocate an object of the same size,
 * write it many times, free it. An allocator that gives the freed neighbours to different
 * threads makes them share cache lines and the writes ping-pong between cores.
 *
 * Usage: cache_scratch THREADS ITERATIONS OBJSIZE REPETITIONS
 */
#include <pthread.h>

#include "bench_util.h"

struct job {
	char *first;
	long iterations, repetitions;
	size_t size;
	uint64_t sum;
};

/* One thread: free the handed object, then allocate-write-free in a loop. */
static void *scratch(void *arg)
{
	struct job *j = arg;

	free(j->first);
	for (long i = 0; i < j->iterations; i++) {
		volatile char *p = malloc(j->size);
		for (size_t k = 0; k < j->size; k++)
			p[k] = 0;
		for (long r = 0; r < j->repetitions; r++)
			for (size_t k = 0; k < j->size; k++)
				p[k] = (char)(p[k] + 1);
		j->sum += (unsigned char)p[0];
		free((void *)p);
	}
	return NULL;
}

/* Entry: THREADS threads, each starting from a neighbour object main allocated. */
int main(int argc, char **argv)
{
	int threads = (int)bench_arg(argc, argv, 1, 2);
	long iterations = bench_arg(argc, argv, 2, 200000);
	size_t size = (size_t)bench_arg(argc, argv, 3, 8);
	long reps = bench_arg(argc, argv, 4, 200);
	struct job *jobs = calloc((size_t)threads, sizeof *jobs);
	pthread_t *t = calloc((size_t)threads, sizeof *t);
	uint64_t sum = 0;

	for (int i = 0; i < threads; i++) {
		jobs[i].first = calloc(1, size);
		jobs[i].iterations = iterations;
		jobs[i].repetitions = reps;
		jobs[i].size = size;
	}
	for (int i = 0; i < threads; i++)
		pthread_create(&t[i], NULL, scratch, &jobs[i]);
	for (int i = 0; i < threads; i++) {
		pthread_join(t[i], NULL);
		sum += jobs[i].sum;
	}
	printf("cache-scratch threads=%d checksum=%llu end_rss_kb=%ld\n", threads, (unsigned long long)sum,
	       bench_rss_kb());
	free(jobs);
	free(t);
	return 0;
}

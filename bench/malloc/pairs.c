/*
 * bench/malloc/pairs.c: the fast path alone. One thread allocates a batch of blocks of one
 * size and frees them, over and over (LIFO), so every call is a per-thread cache hit: what
 * remains is the cost of the face, the counters and the cache push/pop. Prints CPU ns per
 * malloc+free pair (this workload times itself, because its point is that one number).
 *
 * Usage: pairs SIZE BATCH ROUNDS
 */
#include <time.h>

#include "bench_util.h"

/* Entry: ROUNDS x (BATCH mallocs, BATCH frees). */
int main(int argc, char **argv)
{
	size_t size = (size_t)bench_arg(argc, argv, 1, 64);
	long batch = bench_arg(argc, argv, 2, 100), rounds = bench_arg(argc, argv, 3, 200000);
	void **p = calloc((size_t)batch, sizeof *p);
	struct timespec t0, t1;
	uint64_t sum = 0;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
	for (long r = 0; r < rounds; r++) {
		for (long i = 0; i < batch; i++) {
			p[i] = malloc(size);
			*(char *)p[i] = (char)i;
		}
		for (long i = batch - 1; i >= 0; i--) {
			sum += *(unsigned char *)p[i];
			free(p[i]);
		}
	}
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t1);
	double ns = ((double)(t1.tv_sec - t0.tv_sec) * 1e9 + (double)(t1.tv_nsec - t0.tv_nsec)) / ((double)rounds * (double)batch);
	printf("pairs size=%zu checksum=%llu ns_per_pair=%.2f end_rss_kb=%ld\n", size, (unsigned long long)sum, ns,
	       bench_rss_kb());
	free(p);
	return 0;
}

/*
 * bench/malloc/frag.c: a long-running fragmentation test. The program moves through
 * PHASES phases; each phase allocates many blocks in its own size range (the ranges shift
 * from tiny to a few KiB and back, with a page-sized phase between), then frees a random
 * 90% of everything live, leaving long-lived survivors scattered over the pages of every
 * size class. An allocator that cannot reuse or return the holes left by one phase for the
 * next grows; the runner reports peak RSS, and the program prints its RSS at the end, after
 * freeing all but the survivors of the last phases and calling malloc_trim where it exists.
 *
 * Usage: frag PHASES BLOCKS_PER_PHASE SEED
 */
#include <malloc.h>
#include <string.h>

#include "bench_util.h"

/* The size range of phase k: [lo, hi]. */
static void phase_range(long k, size_t *lo, size_t *hi)
{
	static const size_t ranges[][2] = {
		{ 8, 64 }, { 64, 256 }, { 256, 1024 }, { 1024, 4096 }, { 2048, 6144 },
		{ 1024, 4096 }, { 256, 1024 }, { 64, 256 }, { 8, 64 }, { 100, 3000 },
	};
	*lo = ranges[k % 10][0];
	*hi = ranges[k % 10][1];
}

/* Entry: the phases, then the end-of-run RSS. */
int main(int argc, char **argv)
{
	long phases = bench_arg(argc, argv, 1, 30);
	long per = bench_arg(argc, argv, 2, 40000);
	uint64_t s = (uint64_t)bench_arg(argc, argv, 3, 1), sum = 0;
	size_t cap = (size_t)per * 2, live = 0;
	unsigned char **blocks = calloc(cap, sizeof *blocks);
	long peak_rss = 0;

	for (long k = 0; k < phases; k++) {
		size_t lo, hi;
		phase_range(k, &lo, &hi);
		for (long i = 0; i < per && live < cap; i++) {
			size_t n = lo + (size_t)(bench_rnd(&s) % (hi - lo + 1));
			unsigned char *p = malloc(n);
			memset(p, (int)(k + 1), n < 64 ? n : 64);
			blocks[live++] = p;
		}
		long rss = bench_rss_kb();
		if (rss > peak_rss)
			peak_rss = rss;
		/* free a random 90%, compacting the survivors to the front of the array */
		size_t kept = 0;
		for (size_t i = 0; i < live; i++) {
			if (bench_rnd(&s) % 10 == 0) {
				blocks[kept++] = blocks[i];
			} else {
				sum += blocks[i][0];
				free(blocks[i]);
			}
		}
		live = kept;
	}
	long before_trim = bench_rss_kb();
	malloc_trim(0);
	printf("frag phases=%ld live=%zu checksum=%llu phase_peak_rss_kb=%ld end_rss_kb=%ld untrimmed_rss_kb=%ld\n",
	       phases, live, (unsigned long long)sum, peak_rss, bench_rss_kb(), before_trim);
	for (size_t i = 0; i < live; i++)
		free(blocks[i]);
	free(blocks);
	return 0;
}

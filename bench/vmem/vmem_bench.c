/*
 * bench/vmem/vmem_bench.c: cost per operation of vmem against the historical first-fit
 * resource map, with 10^2, 10^4 and 10^6 live segments.
 *
 * Setup, identical for both: 2L segments of 1..8 units (seeded) laid out from the low end,
 * then every odd one freed -- L live segments and L holes. A round is M pairs of (free a
 * random live segment, allocate a new one of 1..8 units) on each allocator, the two
 * interleaved; cost per operation = round time / 2M. Rounds repeat and the median is
 * quoted. M is 200000 for vmem; for the linear baseline it shrinks as L grows (200000,
 * 20000, 400) so that it finishes in seconds. The choices (which segment, what size)
 * come from the same seed for both.
 * Usage: vmem_bench [rounds] [max_live]   (defaults 5 and 1000000)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <strata/vmem.h>

#include "firstfit.h"
#include "xorshift.h"

static uint64_t rng_state = 0x1234abcd5678ef01ull;
/* The seeded random numbers of the benchmark. */
static uint64_t rng(void)
{
	return xorshift64(&rng_state);
}

/* Monotonic time in ns. */
static double now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* qsort order for doubles. */
static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

struct seg {
	uintptr_t addr, size;
};

/* One live set size: returns medians in *vm_ns and *ff_ns. */
static int bench_level(size_t live, int rounds, double *vm_ns, double *ff_ns)
{
	size_t total = 2 * live;
	uintptr_t units = 20 * total + 64;
	struct seg *vs = malloc(live * sizeof *vs), *fs = malloc(live * sizeof *fs);
	struct ff_map ff = { malloc((total + 16) * sizeof(struct ff_run)), 0, total + 16 };
	strata_vmem_t *vm = strata_vmem_create("bench", 1, units, 1, NULL, 0);
	if (!vs || !fs || !ff.run || !vm) {
		fprintf(stderr, "vmem_bench: out of memory at %zu live\n", live);
		return -1;
	}
	/* Lay out 2L segments from the low end, then free the odd ones. */
	struct seg *all = malloc(total * sizeof *all);
	if (!all)
		return -1;
	uintptr_t cursor = 1;
	for (size_t i = 0; i < total; i++) {
		all[i].size = 1 + rng() % 8;
		all[i].addr = strata_vmem_alloc(vm, all[i].size, 0);
		if (all[i].addr != cursor) {
			fprintf(stderr, "vmem_bench: layout diverged at %zu\n", i);
			return -1;
		}
		cursor += all[i].size;
	}
	size_t k = 0;
	for (size_t i = 0; i < total; i++) {
		if (i % 2 == 0) {
			vs[k] = fs[k] = all[i];
			k++;
		} else {
			strata_vmem_free(vm, all[i].addr, all[i].size);
			ff.run[ff.n].addr = all[i].addr;
			ff.run[ff.n].size = all[i].size;
			ff.n++;
		}
	}
	free(all);
	ff.run[ff.n].addr = cursor;
	ff.run[ff.n].size = units + 1 - cursor;
	ff.n++;
	/* vmem: the same number of pairs at every size; the linear baseline: fewer as L
	 * grows, so that it finishes in seconds (each of its operations scans ~L runs). */
	long vpairs = 200000;
	long pairs = live <= 100 ? 200000 : live <= 10000 ? 20000 : 400;
	double *tv = malloc((size_t)rounds * sizeof *tv), *tf = malloc((size_t)rounds * sizeof *tf);
	for (int r = 0; r < rounds; r++) {
		uint64_t seed = rng();
		/* vmem */
		rng_state = seed;
		double t0 = now_ns();
		for (long p = 0; p < vpairs; p++) {
			size_t j = rng() % live;
			strata_vmem_free(vm, vs[j].addr, vs[j].size);
			vs[j].size = 1 + rng() % 8;
			vs[j].addr = strata_vmem_alloc(vm, vs[j].size, 0);
			if (!vs[j].addr)
				return -1;
		}
		tv[r] = (now_ns() - t0) / (2.0 * (double)vpairs);
		/* first-fit map, the same seed: the same choices for its (fewer) pairs */
		rng_state = seed;
		t0 = now_ns();
		for (long p = 0; p < pairs; p++) {
			size_t j = rng() % live;
			if (ff_free(&ff, fs[j].addr, fs[j].size) != 0)
				return -1;
			fs[j].size = 1 + rng() % 8;
			fs[j].addr = ff_alloc(&ff, fs[j].size);
			if (!fs[j].addr)
				return -1;
		}
		tf[r] = (now_ns() - t0) / (2.0 * (double)pairs);
	}
	if (live <= 10000 && strata_vmem_verify(vm) != 0)
		return -1;
	qsort(tv, (size_t)rounds, sizeof *tv, cmp_double);
	qsort(tf, (size_t)rounds, sizeof *tf, cmp_double);
	*vm_ns = tv[rounds / 2];
	*ff_ns = tf[rounds / 2];
	for (size_t j = 0; j < live; j++)
		strata_vmem_free(vm, vs[j].addr, vs[j].size);
	strata_vmem_destroy(vm);
	free(tv);
	free(tf);
	free(vs);
	free(fs);
	free(ff.run);
	return 0;
}

/* One line per live-set size: medians for vmem and the first-fit map, and their ratio. */
int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 5;
	size_t max_live = argc > 2 ? strtoull(argv[2], NULL, 10) : 1000000;
	if (rounds < 1)
		rounds = 1;
	printf("%-10s %14s %18s %10s\n", "live", "vmem ns/op", "first-fit ns/op", "ratio");
	for (size_t live = 100; live <= max_live; live *= 100) {
		double v, f;
		if (bench_level(live, rounds, &v, &f) != 0) {
			fprintf(stderr, "vmem_bench: failed at %zu live segments\n", live);
			return 1;
		}
		printf("%-10zu %14.1f %18.1f %10.1f\n", live, v, f, f / v);
		fflush(stdout);
	}
	return 0;
}

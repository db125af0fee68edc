/*
 * bench/malloc/bench_util.h: what every malloc workload shares: a seeded random stream,
 * argument parsing, a checksum line, and the process's current RSS (for end-of-run memory).
 * The workloads call only the standard malloc family, so bench/run-malloc can run each one
 * under any allocator with LD_PRELOAD; they never time themselves (the runner measures
 * wall time and peak RSS from outside).
 */
#ifndef STRATA_BENCH_UTIL_H
#define STRATA_BENCH_UTIL_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* xorshift64*: the next value of a seeded stream. */
static inline uint64_t bench_rnd(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ull;
}

/* argv[i] as a long, or def when absent. */
static inline long bench_arg(int argc, char **argv, int i, long def)
{
	return argc > i ? atol(argv[i]) : def;
}

/* Resident set size now, in KiB (from /proc/self/statm; 0 when unreadable). */
static inline long bench_rss_kb(void)
{
	long pages = 0, resident = 0;
	FILE *f = fopen("/proc/self/statm", "r");

	if (f == NULL)
		return 0;
	if (fscanf(f, "%ld %ld", &pages, &resident) != 2)
		resident = 0;
	fclose(f);
	return resident * 4;
}

#endif /* STRATA_BENCH_UTIL_H */

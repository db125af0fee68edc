/*
 * alloc/stats/stats.h: face-call counters, per thread, summed on read.
 *
 * stats_count() is an increment of a thread-local slot: no atomics, no locks (hosted:
 * _Thread_local blocks linked into a global list when first used; freestanding: one
 * block). Counters of exited threads are folded into a global block.
 */
#ifndef STRATA_ALLOC_STATS_H
#define STRATA_ALLOC_STATS_H

enum stats_counter {
#define COUNTER(id, face, call) id,
#include "alloc/stats/counters.def"
#undef COUNTER
	CNT_COUNT
};

void stats_count(enum stats_counter c);
void stats_add(enum stats_counter c, unsigned long n);
unsigned long stats_read(enum stats_counter c);   /* sum over all threads */

#endif /* STRATA_ALLOC_STATS_H */

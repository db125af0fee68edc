/*
 * alloc/stats/stats.h: face-call counters, per thread, summed on read.
 *
 * stats_count() is an increment of a thread-local slot: no atomics, no locks (hosted:
 * _Thread_local blocks linked into a global list when first used; freestanding: one
 * block). Counters of exited threads are folded into a global block.
 */
#ifndef STRATA_ALLOC_STATS_H
#define STRATA_ALLOC_STATS_H

#include <stdatomic.h>

enum stats_counter {
#define COUNTER(id, face, call) id,
#include "alloc/stats/counters.def"
#undef COUNTER
	CNT_COUNT
};

/* One thread's counters (or the global block). */
struct stats_block {
	atomic_ulong count[CNT_COUNT];   /* one slot per counter; stored only by the owner */
	struct stats_block *next;        /* next linked block (under the stats lock) */
	struct stats_block *prev;        /* previous linked block */
	int state;                       /* 0 unlinked, 1 linked, -1 thread exited */
};

void stats_add(enum stats_counter c, unsigned long n);

#if STRATA_HOSTED
/* The calling thread's block (alloc/stats/stats.c). */
extern _Thread_local struct stats_block stats_tls
	__attribute__((tls_model("initial-exec"), visibility("hidden")));

/* Count one call: inline on every face's path, so a linked thread pays one relaxed load
 * and store of its own slot and no call; anything else takes stats_add. */
static inline void stats_count(enum stats_counter c)
{
	struct stats_block *b = &stats_tls;
	if (__builtin_expect(b->state == 1, 1)) {
		unsigned long v = atomic_load_explicit(&b->count[c], memory_order_relaxed);
		atomic_store_explicit(&b->count[c], v + 1, memory_order_relaxed);
		return;
	}
	stats_add(c, 1);
}
#else
/* Count one call (freestanding: an atomic add to the global block). */
static inline void stats_count(enum stats_counter c)
{
	stats_add(c, 1);
}
#endif
unsigned long stats_read(enum stats_counter c);   /* sum over all threads */
/* A layer that counts calls itself reports its count of c (summed over its threads). */
typedef unsigned long (*stats_count_fn)(enum stats_counter c);
void stats_counts_register(stats_count_fn fn);

/* The face and call names of a counter (counters.def); NULL for a bad id. */
const char *stats_face_name(enum stats_counter c);
const char *stats_call_name(enum stats_counter c);

/* Usage sources: a layer registers one function that reports its usage as
 * (name, key, value) triples through `emit`, e.g. ("zone.vm_objects", "count", 12).
 * Names and keys are single words (spaces become '_' in the dump). strata_stats_print,
 * strata_stats_dump and strata_topology_dot (alloc/topology.c) call every source. At most STATS_USAGE_MAX
 * sources; registering the same function twice is a no-op. Returns 0, or -1 when full. */
#define STATS_USAGE_MAX 16
typedef void (*stats_emit_fn)(void *ctx, const char *name, const char *key, unsigned long value);
typedef void (*stats_usage_fn)(stats_emit_fn emit, void *ctx);
int stats_usage_register(stats_usage_fn fn);
/* Call every registered source with emit. */
void stats_usage_walk(stats_emit_fn emit, void *ctx);

/* The sum of every counter of `face` whose call is not `except` (NULL: all of them). */
unsigned long stats_face_sum(const char *face, const char *except);

/* The layer that owns the pages names the page source in force through fn (alloc/core.c
 * registers it when it starts); stats_backend_name() returns that name, "none" before. */
void stats_backend_set(const char *(*fn)(void));
const char *stats_backend_name(void);

/* Fork: hold the stats lock (prepare), release it (parent), re-initialise it (child). */
void stats_fork_prepare(void);
void stats_fork_parent(void);
void stats_fork_child(void);
/* Print the counters to fd 2 at exit when STRATA_STATS=1 (core_init calls it, hosted). */
void stats_exit_print_arm(void);

#endif /* STRATA_ALLOC_STATS_H */

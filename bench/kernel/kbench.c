/*
 * bench/kernel/kbench.c: fixed-size and churn timings of the kernel faces (zalloc/zfree,
 * kalloc/kfree, the engine's slab_alloc/slab_free) and, built without libstrata as
 * kbench_malloc, of malloc/free (whatever LD_PRELOAD puts under it: glibc, jemalloc,
 * mimalloc, tcmalloc).
 *
 * usage: kbench API WORKLOAD SIZE THREADS ITERS [SEED]
 *   API       zone | kalloc | slab (kbench)  or  malloc (kbench_malloc)
 *   WORKLOAD  pair   alloc one object, write its first word, free it (the LIFO case)
 *             batch  allocate 100 objects, write each, free them in allocation order
 *             churn  a seeded random replacement over 1000 slots, sizes 16..SIZE
 *   SIZE      object size in bytes (churn: the largest size)
 *   THREADS   threads running the workload at once, each ITERS operations
 * Prints one line: "API WORKLOAD SIZE THREADS ns_per_op" (an op = one alloc + one free),
 * the CPU time of the slowest thread divided by ITERS (thread CPU time, not wall time:
 * the machine is shared, and preemption is not the allocator's cost).
 * kbench table: bytes of metadata per object and slab waste per size class.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifdef KBENCH_STRATA
#include <strata/kalloc.h>
#include <strata/zone.h>
#include "alloc/zone/slab.h"
#include "alloc/zone/slab_impl.h"
#endif

/* The API under test. */
enum api { API_MALLOC, API_ZONE, API_KALLOC, API_SLAB };

/* What every thread needs. */
struct job {
	enum api api;
	int workload;            /* 0 pair, 1 batch, 2 churn */
	size_t size;
	long iters;
	uint64_t seed;
	double seconds;          /* out */
	unsigned long sink;      /* out: keeps the compiler honest */
#ifdef KBENCH_STRATA
	zone_t zone;
#endif
};

/* malloc and free through volatile pointers: the compiler may not pair and elide them. */
static void *(*volatile libc_malloc)(size_t) = malloc;
static void (*volatile libc_free)(void *) = free;

/* Allocate through the API under test. */
static inline void *bench_alloc(struct job *j, size_t n)
{
	switch (j->api) {
#ifdef KBENCH_STRATA
	case API_ZONE: return zalloc(j->zone);
	case API_KALLOC: return kalloc(n);
	case API_SLAB: return slab_alloc(n);
#endif
	default: return libc_malloc(n);
	}
}

/* Free through the API under test. */
static inline void bench_free(struct job *j, void *p, size_t n)
{
	switch (j->api) {
#ifdef KBENCH_STRATA
	case API_ZONE: zfree(j->zone, p); return;
	case API_KALLOC: kfree(p, n); return;
	case API_SLAB: slab_free(p); return;
#endif
	default: (void)n; libc_free(p); return;
	}
}

/* Seconds of this thread's CPU time: on a shared 2-core machine, time spent preempted by
 * other people's jobs is not the allocator's. */
static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* One thread's run of the workload. */
static void *bench_thread(void *arg)
{
	struct job *j = arg;
	unsigned long sink = 0;
	double t0 = now();
	if (j->workload == 0) {
		for (long i = 0; i < j->iters; i++) {
			void **p = bench_alloc(j, j->size);
			p[0] = (void *)(uintptr_t)i;
			sink += (uintptr_t)p[0];
			bench_free(j, p, j->size);
		}
	} else if (j->workload == 1) {
		void *v[100];
		for (long i = 0; i < j->iters; i += 100) {
			for (int k = 0; k < 100; k++) {
				v[k] = bench_alloc(j, j->size);
				*(long *)v[k] = k;
			}
			for (int k = 0; k < 100; k++) {
				sink += (unsigned long)*(long *)v[k];
				bench_free(j, v[k], j->size);
			}
		}
	} else {
		enum { SLOTS = 1000 };
		static _Thread_local struct { void *p; size_t n; } slot[SLOTS];
		uint64_t x = j->seed | 1;
		for (long i = 0; i < j->iters; i++) {
			x ^= x >> 12;
			x ^= x << 25;
			x ^= x >> 27;
			uint64_t r = x * 0x2545f4914f6cdd1dull;
			unsigned k = (unsigned)(r % SLOTS);
			if (slot[k].p)
				bench_free(j, slot[k].p, slot[k].n);
			size_t n = 16 + (size_t)((r >> 20) % (j->size - 15));
			slot[k].p = bench_alloc(j, n);
			slot[k].n = n;
			*(char *)slot[k].p = (char)i;
		}
		for (unsigned k = 0; k < SLOTS; k++) {
			if (slot[k].p)
				bench_free(j, slot[k].p, slot[k].n);
			slot[k].p = NULL;
		}
	}
	j->seconds = now() - t0;
	j->sink = sink;
	return NULL;
}

#ifdef KBENCH_STRATA
/* The memory table: per class, objects per slab, slab tail waste, metadata per object. */
static void bench_table(void)
{
	size_t seg_hdr = offsetof(struct slab_segment, bits);   /* touched without debug */
	printf("%-7s %-6s %-8s %-10s %-12s %-14s\n", "class", "units", "objects", "tail_waste", "waste_pct", "meta_bytes/obj");
	for (unsigned c = 0; c < SLAB_NCLASS; c++) {
		const struct slab_cache *k = &slab_state.classes[c];
		size_t slab = (size_t)k->units * SLAB_UNIT_SIZE;
		size_t waste = slab - (size_t)k->capacity * k->size;
		/* metadata: the slab's descriptors plus its share of the segment header */
		double meta = ((double)k->units * sizeof(struct slab) +
		               (double)seg_hdr * k->units / (SLAB_UNITS - 1)) / k->capacity;
		printf("%-7u %-6u %-8u %-10zu %-12.2f %-14.3f\n", (unsigned)k->size, (unsigned)k->units,
		       (unsigned)k->capacity, waste, 100.0 * (double)waste / (double)slab, meta);
	}
	printf("segment header: %zu bytes (+ %zu of debug bitmaps) per %zu-byte segment\n", seg_hdr,
	       sizeof(((struct slab_segment *)0)->bits), (size_t)SLAB_SEG_SIZE);
}
#endif

int main(int argc, char **argv)
{
#ifdef KBENCH_STRATA
	if (argc >= 2 && strcmp(argv[1], "table") == 0) {
		slab_free(slab_alloc(1));   /* start the engine */
		bench_table();
		return 0;
	}
#endif
	if (argc < 6) {
		fprintf(stderr, "usage: %s API WORKLOAD SIZE THREADS ITERS [SEED]\n", argv[0]);
		return 2;
	}
	struct job proto;
	memset(&proto, 0, sizeof proto);
	const char *api = argv[1], *wl = argv[2];
	proto.api = strcmp(api, "zone") == 0 ? API_ZONE : strcmp(api, "kalloc") == 0 ? API_KALLOC
	          : strcmp(api, "slab") == 0 ? API_SLAB : API_MALLOC;
	proto.workload = strcmp(wl, "pair") == 0 ? 0 : strcmp(wl, "batch") == 0 ? 1 : 2;
	proto.size = (size_t)atol(argv[3]);
	int threads = atoi(argv[4]);
	proto.iters = atol(argv[5]);
	proto.seed = argc > 6 ? strtoull(argv[6], NULL, 0) : 12345;
	if (proto.size < 16 || threads < 1 || threads > 64 || proto.iters < 100) {
		fprintf(stderr, "bad arguments\n");
		return 2;
	}
#ifdef KBENCH_STRATA
	if (proto.api == API_ZONE) {
		proto.zone = zinit(proto.size, (size_t)1 << 30, 0, "bench");
		if (!proto.zone)
			return 1;
	}
#else
	if (proto.api != API_MALLOC) {
		fprintf(stderr, "this build only measures malloc\n");
		return 2;
	}
#endif
	struct job jobs[64];
	pthread_t tid[64];
	for (int t = 0; t < threads; t++) {
		jobs[t] = proto;
		jobs[t].seed = proto.seed + (uint64_t)t * 7919;
		pthread_create(&tid[t], NULL, bench_thread, &jobs[t]);
	}
	double worst = 0;
	unsigned long sink = 0;
	for (int t = 0; t < threads; t++) {
		pthread_join(tid[t], NULL);
		if (jobs[t].seconds > worst)
			worst = jobs[t].seconds;
		sink += jobs[t].sink;
	}
	printf("%s %s %zu %d %.2f\n", api, wl, proto.size, threads, worst * 1e9 / (double)proto.iters);
	return sink == 42 ? 3 : 0;
}

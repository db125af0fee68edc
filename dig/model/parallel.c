/*
 * dig/model/parallel.c: a per-index loop run on the model's threads (model_parallel_for).
 *
 * Theory. Some stages do the same work once per file or once per call, each index reading
 * the model and writing only its own output slot: resolving one file's #includes, linking
 * one call. Such a loop splits across `model->jobs` threads with no change to its result,
 * as long as (1) what the indices read is built before the loop and not written during it,
 * (2) each index writes only its own slot, and (3) per-thread scratch is chosen by the
 * worker number the callback gets. The order in which indices run then cannot show in
 * the output: a run on one thread and on eight give the same bytes.
 *
 * Indices are handed out in chunks of MODEL_PAR_CHUNK from one atomic counter (one
 * atomic add per chunk; a chunk is small enough that a slow file at the end does not
 * leave the other threads idle for long). The caller's thread is worker 0; workers
 * 1..n-1 are threads made for this one loop and joined before it returns. When a thread
 * cannot be made, the workers there are do all the work.
 *
 * Failure: the loop returns -1 when any callback returned -1 (out of memory); the other
 * workers then stop at their next chunk. Nothing prints.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

#include "dig/model/model_impl.h"

#define MODEL_PAR_CHUNK 8u      /* indices taken per atomic add */
#define MODEL_PAR_MAX 64u       /* threads at most (as the scan's SCAN_MAX_THREADS) */

/* One loop's shared state. */
struct model_par {
	uint32_t n;                  /* indices 0 .. n-1 */
	atomic_uint next;            /* first index of the next chunk to take */
	atomic_int failed;           /* a callback returned -1: stop taking chunks */
	model_par_fn fn;
	void *arg;
};

/* A worker's argument: the loop and its number. */
struct model_par_worker {
	struct model_par *par;
	unsigned worker;
	int rc;
};

/* Take chunks until none is left (or another worker failed). */
static void *model_par_run(void *arg)
{
	struct model_par_worker *w = arg;
	struct model_par *par = w->par;

	while (!atomic_load_explicit(&par->failed, memory_order_relaxed)) {
		uint32_t at = atomic_fetch_add_explicit(&par->next, MODEL_PAR_CHUNK, memory_order_relaxed);
		if (at >= par->n)
			break;
		uint32_t end = par->n - at > MODEL_PAR_CHUNK ? at + MODEL_PAR_CHUNK : par->n;
		for (uint32_t i = at; i < end; i++)
			if (par->fn(par->arg, w->worker, i)) {
				w->rc = -1;
				atomic_store_explicit(&par->failed, 1, memory_order_relaxed);
				return NULL;
			}
	}
	return NULL;
}

/* How many workers the model's loops use: model->jobs, or (0) one per online CPU, at
 * most MODEL_PAR_MAX. */
unsigned model_parallel_workers(const struct model *model)
{
	long n = model->jobs ? (long)model->jobs : sysconf(_SC_NPROCESSORS_ONLN);
	if (n < 1)
		n = 1;
	return n > (long)MODEL_PAR_MAX ? MODEL_PAR_MAX : (unsigned)n;
}

/* Run fn(arg, worker, i) for every i in [0, n) on the model's workers (worker numbers
 * below model_parallel_workers). 0, or -1 when a callback returned -1. */
int model_parallel_for(const struct model *model, uint32_t n, model_par_fn fn, void *arg)
{
	struct model_par par = { .n = n, .fn = fn, .arg = arg };
	struct model_par_worker w[MODEL_PAR_MAX];
	pthread_t tid[MODEL_PAR_MAX];
	unsigned nw = model_parallel_workers(model), made = 1;
	int rc = 0;

	atomic_init(&par.next, 0);
	atomic_init(&par.failed, 0);
	if ((uint64_t)nw * MODEL_PAR_CHUNK > n)     /* no thread without a chunk to take */
		nw = n / MODEL_PAR_CHUNK + 1;
	for (unsigned k = 0; k < nw; k++)
		w[k] = (struct model_par_worker){ &par, k, 0 };
	for (; made < nw; made++)
		if (pthread_create(&tid[made], NULL, model_par_run, &w[made]) != 0)
			break;
	model_par_run(&w[0]);
	for (unsigned k = 1; k < made; k++)
		pthread_join(tid[k], NULL);
	for (unsigned k = 0; k < made; k++)
		rc |= w[k].rc;
	return rc;
}

/*
 * tests/alloc/test_core_threads.c: the core and a shared vmem arena under threads --
 * seeded random page allocations and frees (small, chunk-sized and direct) with contents
 * checked before every free, then the arena and the core's accounting checked at the end.
 * Exercises the tag pool refilling while other threads allocate. Also under TSan.
 * argv[1]: threads, argv[2]: operations per thread.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <strata/vmem.h>

#include "alloc/core.h"
#include "alloc/page/platform.h"
#include "check.h"
#include "xorshift.h"

#define SLOTS 64
static long ops = 3000;
static strata_vmem_t *shared;
static int failures[16];

/* One worker: its own slots of pages, plus ids from the shared arena. */
static void *worker(void *arg)
{
	intptr_t me = (intptr_t)arg;
	uint64_t s = 0x9e3779b97f4a7c15ull * (uint64_t)(me + 1);
	unsigned char *blk[SLOTS] = { 0 };
	size_t len[SLOTS] = { 0 };
	uintptr_t ids[SLOTS] = { 0 };
	size_t ps = core_page_size();
	for (long i = 0; i < ops; i++) {
		xorshift64(&s);
		int k = (int)(s % SLOTS);
		if (blk[k]) {
			if (blk[k][0] != (unsigned char)(me + k) || blk[k][len[k] - 1] != (unsigned char)(me + k))
				failures[me]++;
			core_pages_free(blk[k], len[k]);
			blk[k] = NULL;
		} else {
			len[k] = (s >> 8) % 50 == 0 ? ((size_t)3 << 19) : (1 + (s >> 16) % 16) * ps;
			blk[k] = core_pages_alloc(len[k], (s >> 24) % 4 == 0 ? 8 * ps : 0);
			if (!blk[k]) {
				failures[me]++;
				continue;
			}
			blk[k][0] = blk[k][len[k] - 1] = (unsigned char)(me + k);
		}
		if (ids[k]) {
			strata_vmem_free(shared, ids[k], 1 + k % 5);
			ids[k] = 0;
		} else if ((ids[k] = strata_vmem_alloc(shared, 1 + k % 5, 0)) == 0) {
			failures[me]++;
		}
	}
	for (int k = 0; k < SLOTS; k++) {
		if (blk[k])
			core_pages_free(blk[k], len[k]);
		if (ids[k])
			strata_vmem_free(shared, ids[k], 1 + k % 5);
	}
	return NULL;
}

static atomic_int churn_stop;

/* Background churn while the main thread forks: pages and ids, all the time. */
static void *churn(void *arg)
{
	(void)arg;
	size_t ps = core_page_size();
	while (!atomic_load(&churn_stop)) {
		void *p = core_pages_alloc(ps * 3, 0);
		uintptr_t id = strata_vmem_alloc(shared, 7, 0);
		if (p)
			core_pages_free(p, ps * 3);
		if (id)
			strata_vmem_free(shared, id, 7);
	}
	return NULL;
}

/* Fork while other threads allocate, with the core's fork handlers as pthread_atfork
 * would call them: the child must find consistent arenas and working locks. */
static void test_fork(int forks)
{
	pthread_t t[2];
	atomic_store(&churn_stop, 0);
	for (int i = 0; i < 2; i++)
		CHECK(pthread_create(&t[i], NULL, churn, NULL) == 0);
	int good = 0;
	for (int f = 0; f < forks; f++) {
		core_fork_prepare();
		pid_t pid = fork();
		if (pid == 0) {
			core_fork_child();
			alarm(10);   /* a deadlock fails the test instead of hanging it */
			void *p = core_pages_alloc(5 * core_page_size(), 0);
			uintptr_t id = strata_vmem_alloc(shared, 3, 0);
			int ok = p && id && strata_vmem_verify(shared) == 0;
			core_pages_free(p, 5 * core_page_size());
			strata_vmem_free(shared, id, 3);
			_exit(ok && strata_vmem_verify(shared) == 0 ? 0 : 1);
		}
		core_fork_parent();
		int status = 0;
		waitpid(pid, &status, 0);
		good += WIFEXITED(status) && WEXITSTATUS(status) == 0;
	}
	atomic_store(&churn_stop, 1);
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	CHECK_EQ(good, forks);
}

/* Start the workers, then check the arena and the accounting. */
int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 4;
	if (argc > 2)
		ops = atol(argv[2]);
	if (n < 1 || n > 16)
		n = 4;
	shared = strata_vmem_create("ids", 1, 1 << 20, 1, NULL, 0);
	CHECK(shared != NULL);
	size_t mapped0 = core_pages_mapped();
	pthread_t t[16];
	for (int i = 0; i < n; i++)
		CHECK(pthread_create(&t[i], NULL, worker, (void *)(intptr_t)i) == 0);
	for (int i = 0; i < n; i++)
		pthread_join(t[i], NULL);
	int bad = 0;
	for (int i = 0; i < n; i++)
		bad += failures[i];
	CHECK_EQ(bad, 0);
	CHECK_EQ(strata_vmem_size(shared, STRATA_VMEM_ALLOC), 0);
	CHECK_EQ(strata_vmem_verify(shared), 0);
	/* Direct maps were all given back; only heap chunks (and tag pages) remain. */
	CHECK(core_pages_mapped() >= mapped0);
	CHECK_EQ((core_pages_mapped() - mapped0) % ((size_t)2 << 20), 0);
	CHECK(core_pages_peak() >= core_pages_mapped());
	test_fork(20);
	CHECK_EQ(strata_vmem_verify(shared), 0);
	strata_vmem_destroy(shared);
	return check_done();
}

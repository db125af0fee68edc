/*
 * tests/malloc/preload_fork.c: fork and threads under LD_PRELOAD=libstrata.so.
 *
 * Run only with the preload (CTest sets LD_PRELOAD); it fails when strata is not the
 * process's malloc. Cases:
 *   threads   threads allocate, free most of it (filling their per-thread caches) and exit
 *             with live caches; blocks they leave behind are freed by main afterwards
 *   fork      while a busy thread allocates and frees continuously, main forks repeatedly;
 *             each child allocates, frees, starts and joins a thread, and exits 0. A lock
 *             left held across fork would hang the child: alarm() turns that into a kill
 * The program is linked against nothing of strata's; it looks strata up with dlsym only to
 * read the call counters.
 */
#include <dlfcn.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define THREADS 6
#define PER_THREAD 4000

typedef unsigned long (*stats_get_fn)(const char *, const char *);

static atomic_int stop_busy;
static void *leftovers[THREADS][64];

/* A thread that allocates and frees, leaving 64 blocks for main and a full cache behind. */
static void *churn(void *arg)
{
	int id = (int)(intptr_t)arg;
	void **blocks = malloc(PER_THREAD * sizeof *blocks);

	if (blocks == NULL)
		return (void *)1;
	for (int i = 0; i < PER_THREAD; i++) {
		blocks[i] = malloc((size_t)(16 + (i * 37 + id) % 700));
		if (blocks[i] == NULL)
			return (void *)1;
		memset(blocks[i], id, 16);
	}
	for (int i = 0; i < 64; i++)
		leftovers[id][i] = blocks[i];
	for (int i = 64; i < PER_THREAD; i++)
		free(blocks[i]);
	free(blocks);
	return NULL;
}

/* The busy thread of the fork case: malloc/free until told to stop. */
static void *busy(void *arg)
{
	(void)arg;
	unsigned n = 0;
	while (!atomic_load(&stop_busy)) {
		void *p = malloc(32 + (n++ % 2000));
		void *q = malloc(100000);
		free(p);
		free(q);
	}
	return NULL;
}

/* A child's thread: allocate a little and go. */
static void *child_thread(void *arg)
{
	(void)arg;
	for (int i = 0; i < 100; i++)
		free(malloc(64));
	return NULL;
}

/* What each forked child does; its exit status is 0 on success. */
static int child_main(void)
{
	alarm(20);   /* a lock held across fork would hang us: get killed instead */
	void *blocks[500];
	for (int i = 0; i < 500; i++) {
		blocks[i] = malloc((size_t)(i * 13 % 5000 + 1));
		if (blocks[i] == NULL)
			return 3;
	}
	for (int i = 0; i < 500; i++)
		free(blocks[i]);
	pthread_t t;
	if (pthread_create(&t, NULL, child_thread, NULL) != 0)
		return 4;
	pthread_join(t, NULL);
	return 0;
}

/* Entry: both cases in order. */
int main(void)
{
	stats_get_fn stats_get = (stats_get_fn)(uintptr_t)dlsym(RTLD_DEFAULT, "strata_stats_get");

	CHECK_MSG(stats_get != NULL, "strata is not loaded: run with LD_PRELOAD=libstrata.so");
	if (stats_get == NULL)
		return check_done();
	unsigned long before = stats_get("malloc", "malloc");

	/* threads exiting with live caches */
	for (int round = 0; round < 3; round++) {
		pthread_t t[THREADS];
		int failed = 0;
		for (int i = 0; i < THREADS; i++)
			pthread_create(&t[i], NULL, churn, (void *)(intptr_t)i);
		for (int i = 0; i < THREADS; i++) {
			void *ret;
			pthread_join(t[i], &ret);
			failed += ret != NULL;
		}
		CHECK_EQ(failed, 0);
		int bad = 0;
		for (int i = 0; i < THREADS; i++)
			for (int j = 0; j < 64; j++) {
				bad += ((unsigned char *)leftovers[i][j])[0] != i;
				free(leftovers[i][j]);   /* freed by another thread than its owner */
			}
		CHECK_EQ(bad, 0);
	}
	CHECK(stats_get("malloc", "malloc") >= before + 3 * THREADS * PER_THREAD);

	/* fork with a busy thread */
	pthread_t b;
	CHECK_EQ(pthread_create(&b, NULL, busy, NULL), 0);
	int ok = 0, forks = 40;
	for (int i = 0; i < forks; i++) {
		fflush(stdout);
		pid_t pid = fork();
		if (pid == 0)
			_exit(child_main());
		int status = 0;
		waitpid(pid, &status, 0);
		if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
			ok++;
		else
			fprintf(stderr, "child %d: status %#x\n", i, status);
	}
	atomic_store(&stop_busy, 1);
	pthread_join(b, NULL);
	CHECK_EQ(ok, forks);
	return check_done();
}

/*
 * tests/malloc/test_malloc_giveback.c: freed memory goes back (issue 13).
 *
 * Usage: test_malloc_giveback trim     a burst of every size (small objects, class objects
 *                                      of several pages, page blocks of 32 KiB to 1 MiB,
 *                                      direct blocks) freed in shuffled order, then
 *                                      malloc_trim(0): the resident set is back within
 *                                      2 MiB of where it started, and trim said it gave
 *                                      memory back
 *        test_malloc_giveback decay    the same without malloc_trim, STRATA_PURGE_DECAY=50:
 *                                      after two decay periods and a few allocator calls the
 *                                      resident set is within an eighth of the burst of its
 *                                      start (what this thread's caches still hold)
 *        test_malloc_giveback inside   free pages inside partly used slabs: 16 KiB blocks,
 *                                      every other one freed, then malloc_trim(0): the
 *                                      freed blocks' inner pages leave the resident set
 *        test_malloc_giveback ulimit   in a child under an address-space limit (RLIMIT_AS,
 *                                      what `ulimit -v` sets): fill most of it with 64 KiB
 *                                      blocks and then with 1 MiB blocks, free everything,
 *                                      and a block of most of the limit, then a thread,
 *                                      can still be had
 *        test_malloc_giveback remap    a big block grown by realloc keeps its contents and
 *                                      grows without a copy (its first pages stay where
 *                                      they were or move as a whole: the strace count of
 *                                      munmap calls is bench work; here, the contents and
 *                                      the resident set)
 */
#include <malloc.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

/* Resident bytes of this process (/proc/self/statm). */
static size_t rss_bytes(void)
{
	FILE *f = fopen("/proc/self/statm", "r");
	long size = 0, res = 0;
	if (f) {
		if (fscanf(f, "%ld %ld", &size, &res) != 2)
			res = 0;
		fclose(f);
	}
	return (size_t)res * (size_t)sysconf(_SC_PAGESIZE);
}

/* Virtual size of this process (/proc/self/statm). */
static size_t vsz_bytes(void)
{
	FILE *f = fopen("/proc/self/statm", "r");
	long size = 0;
	if (f) {
		if (fscanf(f, "%ld", &size) != 1)
			size = 0;
		fclose(f);
	}
	return (size_t)size * (size_t)sysconf(_SC_PAGESIZE);
}

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint64_t next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

enum { NBLOCKS = 30000 };
static void *blocks[NBLOCKS];
static size_t sizes[NBLOCKS];

/* A burst of every size, each block written in full; returns the bytes asked. */
static size_t burst(void)
{
	size_t total = 0;
	for (int i = 0; i < NBLOCKS; i++) {
		size_t n;
		unsigned r = (unsigned)(next_rand() % 10000);
		if (r < 9000)
			n = 16 + next_rand() % 1000;          /* small objects */
		else if (r < 9900)
			n = 8192 + next_rand() % 24000;       /* class objects of several pages */
		else if (r < 9950)
			n = 32768 + next_rand() % (1u << 20); /* page blocks, 32 KiB to 1 MiB */
		else if (r < 9953)
			n = (2u << 20) + next_rand() % (6u << 20);   /* direct blocks */
		else
			n = 64 + next_rand() % 200;
		blocks[i] = malloc(n);
		sizes[i] = n;
		if (blocks[i])
			memset(blocks[i], 0x5a, n);
		total += n;
	}
	return total;
}

/* Free the burst in shuffled order. */
static void free_all(void)
{
	for (int i = NBLOCKS - 1; i > 0; i--) {
		int j = (int)(next_rand() % (uint64_t)(i + 1));
		void *t = blocks[i];
		blocks[i] = blocks[j];
		blocks[j] = t;
	}
	for (int i = 0; i < NBLOCKS; i++)
		free(blocks[i]);
}

/* Sleep ms milliseconds. */
static void nap(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

static void test_trim(void)
{
	free(malloc(100));
	size_t rss0 = rss_bytes();
	size_t asked = burst();
	size_t peak = rss_bytes();
	CHECK(peak > rss0 + asked / 2);
	free_all();
	CHECK_EQ(malloc_trim(0), 1);
	size_t rss1 = rss_bytes();
	CHECK_MSG(rss1 <= rss0 + (2u << 20), "resident: %zu KiB at start, %zu KiB at the peak, %zu KiB after free and trim",
	          rss0 >> 10, peak >> 10, rss1 >> 10);
	printf("trim: %zu KiB at start, %zu KiB at the peak, %zu KiB after\n", rss0 >> 10, peak >> 10, rss1 >> 10);
}

static void test_decay(void)
{
	free(malloc(100));
	size_t rss0 = rss_bytes();
	size_t asked = burst();
	size_t peak = rss_bytes();
	free_all();
	/* Two decay periods, each followed by calls that reach the page level. */
	for (int round = 0; round < 4; round++) {
		nap(70);
		free(malloc(200000));
		void *s[200];
		for (int i = 0; i < 200; i++)
			s[i] = malloc(70000 + (size_t)i);
		for (int i = 0; i < 200; i++)
			free(s[i]);
	}
	size_t rss1 = rss_bytes();
	CHECK_MSG(rss1 <= rss0 + asked / 8, "resident: %zu KiB at start, %zu KiB at the peak, %zu KiB after the decay",
	          rss0 >> 10, peak >> 10, rss1 >> 10);
	printf("decay: %zu KiB at start, %zu KiB at the peak, %zu KiB after\n", rss0 >> 10, peak >> 10, rss1 >> 10);
}

static void test_inside(void)
{
	enum { N = 4000, SIZE = 16384 };
	static char *v[N];
	for (int i = 0; i < N; i++) {
		v[i] = malloc(SIZE);
		memset(v[i], 1, SIZE);
	}
	size_t full = rss_bytes();
	for (int i = 0; i < N; i += 2)
		free(v[i]);   /* half of every slab: no slab empties */
	CHECK_EQ(malloc_trim(0), 1);
	size_t after = rss_bytes();
	/* Each freed 16 KiB block has at least two whole pages inside it, past its first. */
	size_t want = (size_t)N / 2 * 2 * 4096;
	CHECK_MSG(full > after && full - after >= want, "resident: %zu KiB with all, %zu KiB after half freed and trim",
	          full >> 10, after >> 10);
	for (int i = 1; i < N; i += 2) {
		CHECK(v[i][0] == 1 && v[i][SIZE - 1] == 1);
		free(v[i]);
	}
	printf("inside: %zu KiB with all, %zu KiB after half were freed\n", full >> 10, after >> 10);
}

static void *thread_body(void *arg)
{
	return arg;
}

/* In a child: the limit, the fills, free, the big block and the thread; exit 0 when
 * everything worked (else the step that failed). */
static int ulimit_child(void)
{
	size_t limit = vsz_bytes() + ((size_t)320 << 20);
	struct rlimit rl = { limit, limit };
	if (setrlimit(RLIMIT_AS, &rl) != 0)
		return 10;
	static void *v[8000];
	int n = 0;
	/* 64 KiB blocks (the core's heap chunks) up to ~200 MiB. */
	while (n < 3200 && (v[n] = malloc(65536)) != NULL)
		memset(v[n++], 1, 4096);
	if (n < 3000)
		return 11;
	for (int i = 0; i < n; i++)
		free(v[i]);
	n = 0;
	/* 1 MiB blocks (mapped one by one) up to ~200 MiB. */
	while (n < 200 && (v[n] = malloc((1u << 20) + 4096)) != NULL)
		memset(v[n++], 1, 4096);
	if (n < 190)
		return 12;
	for (int i = 0; i < n; i++)
		free(v[i]);
	/* Everything was freed: most of the limit is to be had again, at once. */
	void *big = malloc((size_t)240 << 20);
	if (!big)
		return 13;
	free(big);
	pthread_t t;
	if (pthread_create(&t, NULL, thread_body, NULL) != 0)
		return 14;
	pthread_join(t, NULL);
	/* and the small objects' side too */
	n = 0;
	while (n < 8000 && (v[n] = malloc(20000)) != NULL)
		n++;
	if (n < 8000)
		return 15;
	for (int i = 0; i < n; i++)
		free(v[i]);
	big = malloc((size_t)240 << 20);
	if (!big)
		return 16;
	free(big);
	return 0;
}

static void test_ulimit(void)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0)
		_exit(ulimit_child());
	int status = 0;
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid);
	CHECK_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0, "under RLIMIT_AS: status %#x (exit %d: the step that failed)",
	          status, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

static void test_remap(void)
{
	size_t n = 2u << 20;
	unsigned char *p = malloc(n);
	CHECK(p != NULL);
	if (!p)
		return;
	for (size_t i = 0; i < n; i += 4096)
		p[i] = (unsigned char)(i >> 12);
	for (int round = 0; round < 12; round++) {
		size_t m = n + n / 2;
		unsigned char *q = realloc(p, m);
		CHECK(q != NULL);
		if (!q)
			break;
		int bad = 0;
		for (size_t i = 0; i < n; i += 4096)
			bad += q[i] != (unsigned char)(i >> 12);
		CHECK_EQ(bad, 0);
		for (size_t i = (n + 4095) & ~(size_t)4095; i < m; i += 4096)
			q[i] = (unsigned char)(i >> 12);   /* one byte a page, on the same grid */
		p = q;
		n = m;
	}
	unsigned char *s = realloc(p, 3u << 20);   /* shrink: the first 3 MiB stay */
	CHECK(s != NULL && s[(2u << 20)] == (unsigned char)((2u << 20) >> 12));
	free(s ? s : p);
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "trim";
	if (strcmp(mode, "trim") == 0)
		test_trim();
	else if (strcmp(mode, "decay") == 0)
		test_decay();
	else if (strcmp(mode, "inside") == 0)
		test_inside();
	else if (strcmp(mode, "ulimit") == 0)
		test_ulimit();
	else if (strcmp(mode, "remap") == 0)
		test_remap();
	else
		CHECK_MSG(0, "unknown mode %s", mode);
	return check_done();
}

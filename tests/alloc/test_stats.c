/*
 * tests/alloc/test_stats.c: per-thread counters summed on read (live threads and exited
 * ones alike), strata_stats_get, usage sources, the dump format, and `strata stats`
 * (strata_cmd_stats) reading a dump written by strata_stats_dump -- plus its errors on
 * bad files (exit 2, a file:line message, nothing on stdout).
 * argv[1]: threads, argv[2]: counts per thread.
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <strata/stats.h>

#include "alloc/core.h"
#include "alloc/stats/stats.h"
#include "check.h"
#include "dig/cli/commands.h"

static long per_thread = 10000;
static pthread_barrier_t live_barrier;
static pthread_barrier_t read_barrier;

/* Worker i counts zalloc per_thread times and kfree i times; "live" workers wait for
 * the main thread to read before exiting. */
static void *worker(void *arg)
{
	intptr_t i = (intptr_t)arg;
	for (long k = 0; k < per_thread; k++)
		stats_count(CNT_ZALLOC);
	stats_add(CNT_KFREE, (unsigned long)i);
	if (i % 2 == 0) {
		pthread_barrier_wait(&live_barrier);
		pthread_barrier_wait(&read_barrier);
	}
	return NULL;
}

/* A usage source for the dump. */
static void test_usage(stats_emit_fn emit, void *ctx)
{
	emit(ctx, "zone.test objects", "count", 42);
}

/* Read a whole file into buf. */
static size_t slurp(const char *path, char *buf, size_t cap)
{
	int fd = open(path, O_RDONLY);
	size_t n = 0;
	ssize_t r;
	if (fd < 0)
		return 0;
	while (n + 1 < cap && (r = read(fd, buf + n, cap - 1 - n)) > 0)
		n += (size_t)r;
	close(fd);
	buf[n] = '\0';
	return n;
}

/* Run `strata stats FILE` with stdout and stderr captured; returns the exit code. */
static int run_cmd(const char *file, char *out, size_t outcap, char *err, size_t errcap)
{
	struct strata_opts opts;
	memset(&opts, 0, sizeof opts);
	opts.command = STRATA_CMD_STATS;
	opts.stats_file = file;
	fflush(stdout);
	fflush(stderr);
	int so = dup(1), se = dup(2);
	int fo = open("stats_cmd.out", O_WRONLY | O_CREAT | O_TRUNC, 0600);
	int fe = open("stats_cmd.err", O_WRONLY | O_CREAT | O_TRUNC, 0600);
	dup2(fo, 1);
	dup2(fe, 2);
	int rc = strata_cmd_stats(&opts);
	fflush(stdout);
	fflush(stderr);
	dup2(so, 1);
	dup2(se, 2);
	close(so);
	close(se);
	close(fo);
	close(fe);
	slurp("stats_cmd.out", out, outcap);
	slurp("stats_cmd.err", err, errcap);
	return rc;
}

/* Write text to path. */
static void write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd >= 0) {
		if (write(fd, text, strlen(text)) < 0)
			CHECK(0);
		close(fd);
	}
}

/* Threads counting, then the dump and the pretty-printer. */
int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 6;
	if (argc > 2)
		per_thread = atol(argv[2]);
	if (n < 2 || n > 64)
		n = 6;
	unsigned long z0 = stats_read(CNT_ZALLOC), k0 = stats_read(CNT_KFREE);

	/* Half the workers stay alive while we read, half have exited. */
	pthread_t t[64];
	int live = (n + 1) / 2;
	pthread_barrier_init(&live_barrier, NULL, (unsigned)live + 1);
	pthread_barrier_init(&read_barrier, NULL, (unsigned)live + 1);
	for (int i = 0; i < n; i++)
		CHECK(pthread_create(&t[i], NULL, worker, (void *)(intptr_t)i) == 0);
	for (int i = 1; i < n; i += 2)
		pthread_join(t[i], NULL);
	pthread_barrier_wait(&live_barrier);
	unsigned long expect_k = (unsigned long)n * (unsigned long)(n - 1) / 2;
	CHECK_EQ(stats_read(CNT_ZALLOC) - z0, (unsigned long)n * (unsigned long)per_thread);
	CHECK_EQ(stats_read(CNT_KFREE) - k0, expect_k);
	CHECK_EQ(strata_stats_get("zone", "zalloc") - z0, (unsigned long)n * (unsigned long)per_thread);
	pthread_barrier_wait(&read_barrier);
	for (int i = 0; i < n; i += 2)
		pthread_join(t[i], NULL);
	/* After every thread exited, their counts are folded in, not lost. */
	CHECK_EQ(stats_read(CNT_ZALLOC) - z0, (unsigned long)n * (unsigned long)per_thread);
	CHECK_EQ(strata_stats_get("kalloc", "kfree") - k0, expect_k);
	stats_count(CNT_RMALLOC);
	CHECK_EQ(strata_stats_get("rmap", "rmalloc"), 1);
	CHECK_EQ(strata_stats_get("rmap", NULL), 0);
	CHECK_STREQ(stats_face_name(CNT_KGET_SPACE), "boot");
	CHECK_STREQ(stats_call_name(CNT_KGET_SPACE), "kget_space");

	/* The dump, written by the library, read back by `strata stats`. */
	CHECK_EQ(stats_usage_register(test_usage), 0);
	CHECK_EQ(stats_usage_register(test_usage), 0);   /* idempotent */
	void *page = core_pages_alloc(1, 0);             /* the core's usage appears too */
	CHECK(page != NULL);
	int fd = open("stats.dump", O_WRONLY | O_CREAT | O_TRUNC, 0600);
	CHECK(fd >= 0);
	strata_stats_dump(fd);
	close(fd);
	static char dump[16384], out[16384], err[4096];
	slurp("stats.dump", dump, sizeof dump);
	CHECK(strncmp(dump, "# strata stats dump v2\n# program ", 33) == 0);
	char line[128];
	snprintf(line, sizeof line, "\n# pid %ld\n", (long)getpid());
	CHECK(strstr(dump, line) != NULL);
	/* every option, by name; enums as names */
	CHECK(strstr(dump, "\n# option PAGE_SOURCE mmap\n") != NULL);
	CHECK(strstr(dump, "\n# option THREADS ") != NULL && strstr(dump, "\n# option THREADS 2") == NULL);
	CHECK(strstr(dump, "\n# option STATS 0\n") != NULL);
	snprintf(line, sizeof line, "counter zone zalloc %lu\n", stats_read(CNT_ZALLOC));
	CHECK(strstr(dump, line) != NULL);
	CHECK(strstr(dump, "counter rmap rmalloc 1\n") != NULL);
	CHECK(strstr(dump, "usage zone.test_objects count 42\n") != NULL);
	CHECK(strstr(dump, "usage core mapped_bytes ") != NULL);
	CHECK(strstr(dump, "usage vmem.heap alloc_units ") != NULL);
	core_pages_free(page, 1);

	CHECK_EQ(run_cmd("stats.dump", out, sizeof out, err, sizeof err), 0);
	CHECK_STREQ(err, "");
	CHECK(strstr(out, "strata statistics: stats.dump") != NULL);
	snprintf(line, sizeof line, ", pid %ld\n", (long)getpid());
	CHECK(strstr(out, "program: ") != NULL && strstr(out, line) != NULL);
	CHECK(strstr(out, "\nSTRATA_PAGE_SOURCE       mmap\n") != NULL);
	CHECK(strstr(out, "\nSTRATA_KALLOC_MAX        16384\n") != NULL);
	snprintf(line, sizeof line, "%-10s %-18s %16lu\n", "zone", "zinit", 0ul);
	CHECK(strstr(out, line) != NULL);          /* a face's first row carries its name */
	snprintf(line, sizeof line, "%-10s %-18s %16lu\n", "", "zalloc", stats_read(CNT_ZALLOC));
	CHECK(strstr(out, line) != NULL);          /* later rows of the face do not */
	CHECK(strstr(out, "(all)") != NULL);
	CHECK(strstr(out, "zone.test_objects") != NULL);
	CHECK(strstr(out, "usage") != NULL);

	/* "-" reads the dump from standard input. */
	int si = dup(0), df = open("stats.dump", O_RDONLY);
	dup2(df, 0);
	close(df);
	CHECK_EQ(run_cmd("-", out, sizeof out, err, sizeof err), 0);
	dup2(si, 0);
	close(si);
	CHECK(strstr(out, "strata statistics: -") != NULL);
	CHECK(strstr(out, "zone.test_objects") != NULL);

	/* Bad files: exit 2, a located message, nothing on stdout. */
	CHECK_EQ(run_cmd("no/such/file.dump", out, sizeof out, err, sizeof err), 2);
	CHECK(strstr(err, "cannot open no/such/file.dump") != NULL);
	CHECK_STREQ(out, "");
	write_file("bad1.dump", "# strata stats dump v1\ncounter zone zalloc 3\ncounter zone zfree x3\n");
	CHECK_EQ(run_cmd("bad1.dump", out, sizeof out, err, sizeof err), 2);
	CHECK_STREQ(err, "bad1.dump:3: 'x3' is not a count\n");
	CHECK_STREQ(out, "");
	write_file("bad2.dump", "counter zone zalloc 3\nhello world\n");
	CHECK_EQ(run_cmd("bad2.dump", out, sizeof out, err, sizeof err), 2);
	CHECK_STREQ(err, "bad2.dump:2: expected 'counter FACE CALL N' or 'usage NAME KEY VALUE'\n");
	write_file("bad3.dump", "");
	CHECK_EQ(run_cmd("bad3.dump", out, sizeof out, err, sizeof err), 2);
	CHECK(strstr(err, "not a strata stats dump") != NULL);
	write_file("bad4.dump", "# strata stats dump v9\ncounter a b 1\n");
	CHECK_EQ(run_cmd("bad4.dump", out, sizeof out, err, sizeof err), 2);
	CHECK(strstr(err, "unsupported dump version") != NULL);
	/* a v1 dump (no header) still reads */
	write_file("v1.dump", "# strata stats dump v1\ncounter zone zalloc 3\nusage core page_size 4096\n");
	CHECK_EQ(run_cmd("v1.dump", out, sizeof out, err, sizeof err), 0);
	CHECK(strstr(out, "zalloc") != NULL && strstr(out, "program:") == NULL);
	/* the table STRATA_STATS=1 prints is not a dump: said so, with the setting that writes one */
	write_file("table.dump", "strata statistics (page source: mmap)\n  face call count\n");
	CHECK_EQ(run_cmd("table.dump", out, sizeof out, err, sizeof err), 2);
	CHECK(strstr(err, "STRATA_STATS=file:PATH") != NULL);
	write_file("bad5.dump", "counter zone zalloc 99999999999999999999999\n");
	CHECK_EQ(run_cmd("bad5.dump", out, sizeof out, err, sizeof err), 2);
	CHECK_EQ(run_cmd(NULL, out, sizeof out, err, sizeof err), 1);
	return check_done();
}

/*
 * dig/write/write.c: the write stage. Theory.
 *
 * Writers read only the model, escape for their format (write/escape.c), and sort
 * deterministically (the model's arrays are already in a fixed order: paths, names, lines,
 * counts with name tie-breaks), so the same tree gives byte-identical artifacts. Each
 * writer is one entry of a const table (file name + function); adding an artifact is one
 * line there and one function.
 *
 * Atomicity (outdir.c has the whole theory): every artifact is written into the new
 * output folder `.OUT.tmp-XXXXXX` beside OUT, where the scan also writes the new fact
 * cache (.strata-cache/) and this stage .strata-root. Nothing here touches OUT itself:
 * when every writer and the SVG renderings succeeded, the caller commits the folder
 * (write_out_commit: a manifest, then one renameat2(RENAME_EXCHANGE) with OUT, so OUT is
 * at every moment the complete old output or the complete new one, report and cache
 * together); on a failure it aborts (the new folder removed, OUT as it was).
 *
 * Threads: the writers only read the model and each writes its own file, so two threads
 * take them from one counter (a MINIX-sized model has a second of writing); an error is
 * that of the first failing writer in table order, as a serial run would report. The query
 * index alone is about as long as all the others together, so the other thread also takes
 * the SVG renderings and report.html, which would otherwise wait for the longest writer:
 * each DOT writer renders its SVG as soon as its file is closed, and report.html (the
 * pool's last task, which inlines the SVGs) waits until both DOT tasks are done.
 *
 * SVG: graphviz `dot -Tsvg` runs on each DOT file after it is written (posix_spawnp, no
 * shell, so hostile names cannot inject anything). When `dot` cannot be run the DOT files
 * stay, no SVG is written, and the caller reports it (exit code 3).
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dig/query/qindex.h"
#include "dig/scan/scan.h"
#include "dig/write/write_impl.h"

extern char **environ;

static const struct write_writer writers[] = {
	{ .file = QX_FILE, .write = write_query_index },  /* the longest: first */
	{ .file = "report.md", .write = write_report_md },
	{ .file = "all-allocators.txt", .write = write_allocators_txt },
	{ .file = "allocator-call-counts.csv", .write = write_counts_csv },
	{ .file = "allocator-call-counts.csv-metadata.json", .write = write_counts_csv_meta },
	{ .file = "raw-allocation-sites.txt", .write = write_sites_txt },
	{ .file = "allocator-features.txt", .write = write_features_txt },
	{ .file = "allocator-features.json", .write = write_features_json },
	{ .file = "dependency-traces.txt", .write = write_traces_txt },
	{ .file = "topology.json", .write = write_topology_json },
	{ .file = "allocation-hierarchy.dot", .write = write_hierarchy_dot },
	{ .file = "kernel-allocation-flow.dot", .write = write_kernel_flow_dot },
};

const char *const write_artifact_names[] = {
	"report.md", "report.html", "all-allocators.txt", "allocator-call-counts.csv",
	"allocator-call-counts.csv-metadata.json", "raw-allocation-sites.txt",
	"allocator-features.txt", "allocator-features.json", "dependency-traces.txt", "topology.json",
	"allocation-hierarchy.dot", "allocation-hierarchy.svg", "kernel-allocation-flow.dot",
	"kernel-allocation-flow.svg", NULL
};

static const char *const dot_files[] = { "allocation-hierarchy", "kernel-allocation-flow" };

/* Is rel a file the write stage writes: a writer's file, an SVG of a DOT file, or
 * .strata-root? (From the tables themselves, so a new writer is known at once.) */
int write_is_artifact(const char *rel)
{
	size_t n = strlen(rel);
	for (size_t i = 0; i < sizeof writers / sizeof writers[0]; i++)
		if (strcmp(rel, writers[i].file) == 0)
			return 1;
	for (size_t i = 0; i < sizeof dot_files / sizeof dot_files[0]; i++) {
		size_t k = strlen(dot_files[i]);
		if (n == k + 4 && strncmp(rel, dot_files[i], k) == 0 && strcmp(rel + k, ".svg") == 0)
			return 1;
	}
	for (const char *const *a = write_artifact_names; *a; a++)
		if (strcmp(rel, *a) == 0)
			return 1;
	return strcmp(rel, ".strata-root") == 0;
}

/* Join a folder and a name into a malloc'd path. */
static char *write_join(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = malloc(n);
	if (p)
		snprintf(p, n, "%s/%s", dir, name);
	return p;
}

/* Run one writer into dir/file. Returns 0 or -1 (res->error set). */
static int write_one(struct write_ctx *ctx, const struct write_writer *w, const char *dir, struct write_result *res)
{
	char *path = write_join(dir, w->file);
	FILE *to;
	int rc;
	if (!path) {
		snprintf(res->error, sizeof res->error, "out of memory");
		return -1;
	}
	to = dig_fault_point("write artifact") ? NULL : fopen(path, "w");
	if (!to) {
		snprintf(res->error, sizeof res->error, "%s: %s", path, strerror(errno));
		free(path);
		return -1;
	}
	rc = w->write(ctx, to);
	if (ferror(to))
		rc = -1;
	dig_fault_point("close artifact");
	if (fclose(to) != 0)
		rc = -1;
	if (rc)
		snprintf(res->error, sizeof res->error, "%s: cannot write (%s)", path, errno ? strerror(errno) : "writer failed");
	free(path);
	return rc;
}

/* Render dir/name.dot into dir/name.svg with graphviz. Returns 0, 1 when dot cannot be
 * run, -1 when it failed on our file. */
static int write_svg(const char *dir, const char *name, struct write_result *res);

#define WRITE_NWRITERS (sizeof writers / sizeof writers[0])
#define WRITE_NDOTS (sizeof dot_files / sizeof dot_files[0])

/* The writers' shared state: the next task to take (the writers in table order, then
 * report.html), one result per writer, the SVG renderings' results, and the DOT tasks
 * report.html waits for. */
struct write_pool {
	struct write_ctx *ctx;
	const char *dir;
	atomic_uint next;
	int rc[WRITE_NWRITERS];
	struct write_result res[WRITE_NWRITERS];
	int svg_rc[WRITE_NDOTS];             /* write_svg's answer, or 2: not rendered */
	struct write_result svg_res[WRITE_NDOTS];
	int html_rc;
	struct write_result html_res;
	pthread_mutex_t lock;
	pthread_cond_t dots_done;
	unsigned dots_left;                  /* DOT tasks not finished yet (under lock) */
};

/* The dot_files entry writer w writes, or -1 when it writes no DOT file. */
static int write_dot_of(const struct write_writer *w)
{
	for (size_t d = 0; d < WRITE_NDOTS; d++) {
		size_t k = strlen(dot_files[d]);
		if (strncmp(w->file, dot_files[d], k) == 0 && strcmp(w->file + k, ".dot") == 0)
			return (int)d;
	}
	return -1;
}

/* Writer i, then its SVG when it wrote a DOT file and SVGs are wanted. */
static void write_pool_writer(struct write_pool *pool, unsigned i)
{
	int d = write_dot_of(&writers[i]);
	pool->rc[i] = write_one(pool->ctx, &writers[i], pool->dir, &pool->res[i]);
	if (d < 0)
		return;
	if (pool->rc[i] == 0 && pool->ctx->opts->svg)
		pool->svg_rc[d] = write_svg(pool->dir, dot_files[d], &pool->svg_res[d]);
	pthread_mutex_lock(&pool->lock);
	if (--pool->dots_left == 0)
		pthread_cond_broadcast(&pool->dots_done);
	pthread_mutex_unlock(&pool->lock);
}

/* report.html, once every DOT task is done (it inlines their SVGs). */
static void write_pool_html(struct write_pool *pool)
{
	pthread_mutex_lock(&pool->lock);
	while (pool->dots_left)
		pthread_cond_wait(&pool->dots_done, &pool->lock);
	pthread_mutex_unlock(&pool->lock);
	pool->html_rc = write_report_html(pool->ctx, pool->dir, &pool->html_res);
}

/* A writer thread (and the calling thread): take tasks until none are left. */
static void *write_pool_run(void *arg)
{
	struct write_pool *pool = arg;
	for (;;) {
		unsigned i = atomic_fetch_add(&pool->next, 1);
		if (i < WRITE_NWRITERS)
			write_pool_writer(pool, i);
		else if (i == WRITE_NWRITERS)
			write_pool_html(pool);
		else
			break;
	}
	return NULL;
}

/* The pool's first error in the order a serial run meets them: the writers in table
 * order, then the SVGs, then report.html. Returns 0 or -1 (res->error set); sets
 * res->dot_missing when dot could not be run. */
static int write_pool_result(const struct write_pool *pool, struct write_result *res)
{
	for (size_t i = 0; i < WRITE_NWRITERS; i++)
		if (pool->rc[i]) {
			memcpy(res->error, pool->res[i].error, sizeof res->error);
			return -1;
		}
	for (size_t d = 0; d < WRITE_NDOTS; d++) {
		if (pool->svg_rc[d] < 0) {
			memcpy(res->error, pool->svg_res[d].error, sizeof res->error);
			return -1;
		}
		if (pool->svg_rc[d] == 1)
			res->dot_missing = 1;
	}
	if (pool->html_rc) {
		memcpy(res->error, pool->html_res.error, sizeof res->error);
		return -1;
	}
	return 0;
}

/* Run every writer, the SVG renderings and report.html into dir, on this thread and one
 * more. Returns 0 or -1 (res->error of the first failure, as write_pool_result orders). */
static int write_writers(struct write_ctx *ctx, const char *dir, struct write_result *res)
{
	struct write_pool *pool = calloc(1, sizeof *pool);
	pthread_t helper;
	int helped, rc;
	if (!pool) {
		snprintf(res->error, sizeof res->error, "out of memory");
		return -1;
	}
	pool->ctx = ctx;
	pool->dir = dir;
	atomic_init(&pool->next, 0);
	for (size_t d = 0; d < WRITE_NDOTS; d++)
		pool->svg_rc[d] = 2;
	pool->dots_left = WRITE_NDOTS;
	pthread_mutex_init(&pool->lock, NULL);
	pthread_cond_init(&pool->dots_done, NULL);
	helped = pthread_create(&helper, NULL, write_pool_run, pool) == 0;
	write_pool_run(pool);
	if (helped)
		pthread_join(helper, NULL);
	rc = write_pool_result(pool, res);
	pthread_cond_destroy(&pool->dots_done);
	pthread_mutex_destroy(&pool->lock);
	free(pool);
	if (rc == 0)
		model_timing_mark("write: artifacts, html");
	return rc;
}

/* Copy dot's output from the pipe `from` into dir/name.svg (made at the first byte, so a
 * dot that could not run leaves no file). Returns 0, or -1 when the file cannot be written
 * (the rest of the pipe is still drained, so dot is not blocked on it). */
static int write_svg_copy(int from, const char *svg, int *made)
{
	char buf[65536];
	FILE *to = NULL;
	int bad = 0;
	for (;;) {
		ssize_t n = read(from, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (!to && !bad && !(to = fopen(svg, "w")))
			bad = 1;
		*made |= to != NULL;
		if (to && fwrite(buf, 1, (size_t)n, to) != (size_t)n)
			bad = 1;
	}
	if (to && fclose(to) != 0)
		bad = 1;
	return bad ? -1 : 0;
}

/* Render dir/name.dot into dir/name.svg with graphviz (declared above). dot writes to a
 * pipe and this thread writes the file: dot renders while the other writers run, and a
 * dig killed meanwhile must not leave a dot behind that writes into its folder after the
 * next dig has cleaned it (a dot whose reader died gets EPIPE and stops). */
static int write_svg(const char *dir, const char *name, struct write_result *res)
{
	char dot[4096], svg[4096];
	char *argv[] = { "dot", "-Tsvg", dot, NULL };
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int status, rc, made = 0, pipefd[2];
	snprintf(dot, sizeof dot, "%s/%s.dot", dir, name);
	snprintf(svg, sizeof svg, "%s/%s.svg", dir, name);
	dig_fault_point("render svg");
	if (pipe2(pipefd, O_CLOEXEC) != 0)
		return 1;
	if (posix_spawn_file_actions_init(&fa) != 0) {
		close(pipefd[0]);
		close(pipefd[1]);
		return 1;
	}
	rc = posix_spawn_file_actions_adddup2(&fa, pipefd[1], STDOUT_FILENO);
	if (rc == 0)
		rc = posix_spawnp(&pid, "dot", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(pipefd[1]);
	if (rc != 0) {
		close(pipefd[0]);
		return 1;
	}
	int copied = write_svg_copy(pipefd[0], svg, &made);
	close(pipefd[0]);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return 1;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
		if (made)
			unlink(svg);
		return 1;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		if (made)
			unlink(svg);
		snprintf(res->error, sizeof res->error, "graphviz dot failed on %s.dot", name);
		return -1;
	}
	if (!made) {
		/* dot succeeded and wrote nothing: an empty file, as dot -o makes */
		FILE *to = fopen(svg, "w");
		if (!to || fclose(to) != 0)
			copied = -1;
	}
	if (copied != 0) {
		snprintf(res->error, sizeof res->error, "%s.svg: cannot write", name);
		return -1;
	}
	return 0;
}

/* Write everything into opts->dir. */
int write_all(const struct model *model, const struct write_opts *opts, struct write_result *res)
{
	struct write_ctx ctx;
	int rc = -1;

	memset(res, 0, sizeof *res);
	memset(&ctx, 0, sizeof ctx);
	ctx.model = model;
	ctx.opts = opts;
	if (write_index_build(model, &ctx.idx) || rank_build(model, &ctx.rank)) {
		snprintf(res->error, sizeof res->error, "out of memory");
		goto out;
	}
	model_timing_mark("write: index");
	res->rf = ctx.rank.rf;
	if (write_writers(&ctx, opts->dir, res))
		goto out;
	if (opts->root_abs) {
		char *path = write_join(opts->dir, ".strata-root");
		FILE *to;
		int bad;
		dig_fault_point("write .strata-root");
		to = path ? fopen(path, "w") : NULL;
		bad = !to || fprintf(to, "%s\n", opts->root_abs) < 0;
		if (to && fclose(to) != 0)
			bad = 1;
		free(path);
		if (bad) {
			snprintf(res->error, sizeof res->error, "cannot write .strata-root into the new output");
			goto out;
		}
	}
	rc = 0;
out:
	write_index_free(&ctx.idx);
	rank_free(&ctx.rank);
	return rc;
}

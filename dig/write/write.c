/*
 * dig/write/write.c: the write stage. Theory.
 *
 * Writers read only the model, escape for their format (write/escape.c), and sort
 * deterministically (the model's arrays are already in a fixed order: paths, names, lines,
 * counts with name tie-breaks), so the same tree gives byte-identical artifacts. Each
 * writer is one entry of a const table (file name + function); adding an artifact is one
 * line there and one function.
 *
 * Atomicity: every artifact is written into a fresh folder beside OUT (same parent, so the
 * final rename stays on one file system): `.OUT.tmp-XXXXXX`. Only when all writers and the
 * SVG renderings succeeded is the old OUT renamed away (`.OUT.old-XXXXXX`), the new folder
 * renamed to OUT, and the old one removed. A failure or a kill before that leaves OUT as
 * it was; the fact cache the scan keeps inside OUT is carried over into the new folder.
 *
 * Threads: the writers only read the model and each writes its own file, so two threads
 * take them from one counter (a MINIX-sized model has a second of writing); an error is
 * that of the first failing writer in table order, as a serial run would report.
 *
 * SVG: graphviz `dot -Tsvg` runs on each DOT file after it is written (posix_spawnp, no
 * shell, so hostile names cannot inject anything). When `dot` cannot be run the DOT files
 * stay, no SVG is written, and the caller reports it (exit code 3).
 */
#include <errno.h>
#include <ftw.h>
#include <pthread.h>
#include <stdatomic.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dig/query/qindex.h"
#include "dig/write/write_impl.h"

extern char **environ;

static const struct write_writer writers[] = {
	{ .file = QX_FILE, .write = write_query_index },  /* the longest: first */
	{ .file = "report.md", .write = write_report_md },
	{ .file = "all-allocators.txt", .write = write_allocators_txt },
	{ .file = "allocator-call-counts.csv", .write = write_counts_csv },
	{ .file = "raw-allocation-sites.txt", .write = write_sites_txt },
	{ .file = "allocator-features.txt", .write = write_features_txt },
	{ .file = "allocator-features.json", .write = write_features_json },
	{ .file = "dependency-traces.txt", .write = write_traces_txt },
	{ .file = "topology.json", .write = write_topology_json },
	{ .file = "allocation-hierarchy.dot", .write = write_hierarchy_dot },
	{ .file = "kernel-allocation-flow.dot", .write = write_kernel_flow_dot },
};

const char *const write_artifact_names[] = {
	"report.md", "all-allocators.txt", "allocator-call-counts.csv", "raw-allocation-sites.txt",
	"allocator-features.txt", "allocator-features.json", "dependency-traces.txt", "topology.json",
	"allocation-hierarchy.dot", "allocation-hierarchy.svg", "kernel-allocation-flow.dot",
	"kernel-allocation-flow.svg", NULL
};

static const char *const dot_files[] = { "allocation-hierarchy", "kernel-allocation-flow" };

/* nftw callback: remove one entry. */
static int write_rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* Remove a folder and everything in it. */
static void write_rm_tree(const char *path)
{
	nftw(path, write_rm_entry, 16, FTW_DEPTH | FTW_PHYS);
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
	to = fopen(path, "w");
	if (!to) {
		snprintf(res->error, sizeof res->error, "%s: %s", path, strerror(errno));
		free(path);
		return -1;
	}
	rc = w->write(ctx, to);
	if (ferror(to))
		rc = -1;
	if (fclose(to) != 0)
		rc = -1;
	if (rc)
		snprintf(res->error, sizeof res->error, "%s: cannot write (%s)", path, errno ? strerror(errno) : "writer failed");
	free(path);
	return rc;
}

/* The writers' shared state: the next table slot to take, and one result per writer. */
struct write_pool {
	struct write_ctx *ctx;
	const char *dir;
	atomic_uint next;
	int rc[sizeof writers / sizeof writers[0]];
	struct write_result res[sizeof writers / sizeof writers[0]];
};

/* A writer thread (and the calling thread): take writers until none are left. */
static void *write_pool_run(void *arg)
{
	struct write_pool *pool = arg;
	for (;;) {
		unsigned i = atomic_fetch_add(&pool->next, 1);
		if (i >= sizeof writers / sizeof writers[0])
			break;
		pool->rc[i] = write_one(pool->ctx, &writers[i], pool->dir, &pool->res[i]);
	}
	return NULL;
}

/* Run every writer into dir, on this thread and one more. Returns 0 or -1 (res->error of
 * the first failing writer). */
static int write_writers(struct write_ctx *ctx, const char *dir, struct write_result *res)
{
	struct write_pool *pool = calloc(1, sizeof *pool);
	pthread_t helper;
	int helped;
	if (!pool) {
		snprintf(res->error, sizeof res->error, "out of memory");
		return -1;
	}
	pool->ctx = ctx;
	pool->dir = dir;
	atomic_init(&pool->next, 0);
	helped = pthread_create(&helper, NULL, write_pool_run, pool) == 0;
	write_pool_run(pool);
	if (helped)
		pthread_join(helper, NULL);
	for (size_t i = 0; i < sizeof writers / sizeof writers[0]; i++)
		if (pool->rc[i]) {
			memcpy(res->error, pool->res[i].error, sizeof res->error);
			free(pool);
			return -1;
		}
	free(pool);
	model_timing_mark("write: artifacts");
	return 0;
}

/* Render dir/name.dot into dir/name.svg with graphviz. Returns 0, 1 when dot cannot be
 * run, -1 when it failed on our file. */
static int write_svg(const char *dir, const char *name, struct write_result *res)
{
	char dot[4096], svg[4096];
	char *argv[] = { "dot", "-Tsvg", "-o", svg, dot, NULL };
	pid_t pid;
	int status, rc;
	snprintf(dot, sizeof dot, "%s/%s.dot", dir, name);
	snprintf(svg, sizeof svg, "%s/%s.svg", dir, name);
	rc = posix_spawnp(&pid, "dot", NULL, NULL, argv, environ);
	if (rc != 0)
		return 1;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return 1;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		return 1;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		snprintf(res->error, sizeof res->error, "graphviz dot failed on %s.dot", name);
		return -1;
	}
	return 0;
}

/* Split OUT into its parent folder and base name (malloc'd). */
static int write_split(const char *out, char **parent, char **base)
{
	char *copy = strdup(out);
	char *slash;
	size_t n;
	if (!copy)
		return -1;
	n = strlen(copy);
	while (n > 1 && copy[n - 1] == '/')
		copy[--n] = '\0';
	slash = strrchr(copy, '/');
	if (!slash) {
		*parent = strdup(".");
		*base = strdup(copy);
	} else if (slash == copy) {
		*parent = strdup("/");
		*base = strdup(slash + 1);
	} else {
		*slash = '\0';
		*parent = strdup(copy);
		*base = strdup(slash + 1);
	}
	free(copy);
	return *parent && *base ? 0 : -1;
}

/* Write everything, then swap the new folder in for OUT. */
int write_all(const struct model *model, const struct write_opts *opts, struct write_result *res)
{
	struct write_ctx ctx;
	struct stat st;
	char *parent = NULL, *base = NULL, *tmp = NULL, *old = NULL, *keep_from = NULL, *keep_to = NULL;
	int rc = -1, have_out, kept = 0;

	memset(res, 0, sizeof *res);
	memset(&ctx, 0, sizeof ctx);
	ctx.model = model;
	ctx.opts = opts;
	if (write_split(opts->out, &parent, &base) || write_index_build(model, &ctx.idx) ||
	    rank_build(model, &ctx.rank)) {
		snprintf(res->error, sizeof res->error, "out of memory");
		goto out;
	}
	have_out = stat(opts->out, &st) == 0;
	if (have_out && !S_ISDIR(st.st_mode)) {
		snprintf(res->error, sizeof res->error, "%s exists and is not a folder (left as it is)", opts->out);
		goto out;
	}
	{
		size_t n = strlen(parent) + strlen(base) + 32;
		tmp = malloc(n);
		old = malloc(n);
		if (!tmp || !old) {
			snprintf(res->error, sizeof res->error, "out of memory");
			goto out;
		}
		snprintf(tmp, n, "%s/.%s.tmp-XXXXXX", parent, base);
		snprintf(old, n, "%s/.%s.old-XXXXXX", parent, base);
	}
	if (!mkdtemp(tmp)) {
		snprintf(res->error, sizeof res->error, "cannot create a folder beside %s: %s", opts->out, strerror(errno));
		free(tmp);
		tmp = NULL;
		goto out;
	}
	/* mkdtemp makes it private; the report folder gets the usual mode */
	{
		mode_t mask = umask(0);
		umask(mask);
		chmod(tmp, 0777 & ~mask);
	}
	model_timing_mark("write: index");
	if (write_writers(&ctx, tmp, res))
		goto out;
	if (opts->root_abs) {
		char *path = write_join(tmp, ".strata-root");
		FILE *to = path ? fopen(path, "w") : NULL;
		int bad = !to || fprintf(to, "%s\n", opts->root_abs) < 0;
		if (to && fclose(to) != 0)
			bad = 1;
		free(path);
		if (bad) {
			snprintf(res->error, sizeof res->error, "cannot write %s/.strata-root", tmp);
			goto out;
		}
	}
	if (opts->svg) {
		for (size_t i = 0; i < sizeof dot_files / sizeof dot_files[0]; i++) {
			int s = write_svg(tmp, dot_files[i], res);
			if (s < 0)
				goto out;
			if (s > 0) {
				res->dot_missing = 1;
				break;
			}
		}
	}
	/* carry the fact cache over */
	if (opts->keep && have_out) {
		keep_from = write_join(opts->out, opts->keep);
		keep_to = write_join(tmp, opts->keep);
		if (keep_from && keep_to && lstat(keep_from, &st) == 0) {
			if (rename(keep_from, keep_to) != 0) {
				snprintf(res->error, sizeof res->error, "cannot move %s: %s", keep_from, strerror(errno));
				goto out;
			}
			kept = 1;
		}
	}
	if (have_out) {
		if (!mkdtemp(old) || rename(opts->out, old) != 0) {
			snprintf(res->error, sizeof res->error, "cannot move the old %s aside: %s", opts->out, strerror(errno));
			if (kept)
				rename(keep_to, keep_from);
			goto out;
		}
	}
	if (rename(tmp, opts->out) != 0) {
		snprintf(res->error, sizeof res->error, "cannot rename the new output to %s: %s", opts->out, strerror(errno));
		if (have_out)
			rename(old, opts->out);
		if (kept)
			rename(keep_to, keep_from);
		goto out;
	}
	free(tmp);
	tmp = NULL;
	if (have_out)
		write_rm_tree(old);
	rc = 0;
out:
	if (tmp)
		write_rm_tree(tmp);
	write_index_free(&ctx.idx);
	rank_free(&ctx.rank);
	free(parent);
	free(base);
	free(tmp);
	free(old);
	free(keep_from);
	free(keep_to);
	return rc;
}

/*
 * dig/cli/commands.c: the subcommands dig, callers, callees and trace.
 *
 * dig: scan (with the fact cache kept inside OUT) -> model -> write (atomically), then a
 * summary on stdout naming where report.md and the SVGs are, diagnostics `file: reason` on
 * stderr. Exit 0; 2 when nothing could be written (OUT left as it was); 3 when done but
 * some files were skipped or only partly read, or graphviz was missing (DOT, no SVG).
 * callers/callees/trace: answer from OUT's query index alone (dig/query/: a mapped file,
 * no scan, no model), in --format text, json or cscope; same-name definitions are all
 * answered, each under a header line, unless --in picks one. A missing, damaged or
 * other-version index exits 2 with a message asking for a new dig.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dig/cli/commands.h"
#include "dig/model/model.h"
#include "dig/query/query.h"
#include "dig/scan/scan.h"
#include "dig/write/write.h"

/* The fact cache's name inside OUT. */
#define CACHE_NAME ".strata-cache"

/* OUT/.strata-cache as a malloc'd path. */
static char *cache_path(const char *out)
{
	size_t n = strlen(out) + sizeof CACHE_NAME + 2;
	char *p = malloc(n);
	if (p)
		snprintf(p, n, "%s/%s", out, CACHE_NAME);
	return p;
}

/* Load the vocabulary or say why not. */
static struct model_vocab *load_vocab(const struct strata_opts *opts)
{
	const char *err;
	unsigned line;
	struct model_vocab *vocab = model_vocab_create(opts->vocab, &err, &line);
	if (!vocab) {
		if (opts->vocab && line)
			fprintf(stderr, "strata: %s:%u: %s\n", opts->vocab, line, err);
		else if (opts->vocab)
			fprintf(stderr, "strata: %s: %s\n", opts->vocab, err);
		else
			fprintf(stderr, "strata: %s\n", err);
	}
	return vocab;
}

/* Fill scan options from the command line (shared by dig and the queries). deep: the
 * vocabulary's deep words (NULL with --deep all). */
static void scan_opts_fill(struct dig_scan_opts *so, const struct strata_opts *opts, const char *root, const char *cache,
                           char **deep, int ndeep)
{
	memset(so, 0, sizeof *so);
	so->deep_words = (const char *const *)deep;
	so->ndeep_words = ndeep;
	so->root = root;
	so->exts = opts->exts;
	so->nexts = opts->nexts;
	so->excludes = opts->excludes;
	so->nexcludes = opts->nexcludes;
	so->default_excludes = opts->default_excludes;
	so->jobs = opts->jobs;
	so->max_file_bytes = opts->max_file_bytes;
	so->file_ms = (unsigned)opts->file_ms;
	so->progress = opts->progress < 0 ? isatty(2) : opts->progress;
	so->cache_dir = cache;
}

/* The deep words for the scan (model_vocab_deep_words), or NULL with --deep all. Returns
 * -1 when out of memory. */
static int deep_words(const struct strata_opts *opts, const struct model_vocab *vocab, char ***words, int *n)
{
	*words = NULL;
	*n = 0;
	if (opts->deep)
		return 0;
	*words = model_vocab_deep_words(vocab, n);
	if (!*words) {
		fprintf(stderr, "strata: out of memory\n");
		return -1;
	}
	return 0;
}

/* One line naming what the default excludes skipped (build output, vendored code), so a
 * vendored folder never vanishes silently; version-control folders are not named. */
static void note_excluded(const struct dig_tree *tree)
{
	enum { SHOWN = 6 };
	if (tree->nexcluded == 0)
		return;
	fprintf(stderr, "strata: note: the default excludes skipped");
	for (uint32_t i = 0; i < tree->nexcluded && i < SHOWN; i++)
		fprintf(stderr, "%s %s", i ? "," : "", tree->excluded[i]);
	if (tree->nexcluded > SHOWN)
		fprintf(stderr, " and %u more", tree->nexcluded - SHOWN);
	fprintf(stderr, " (--no-default-excludes reads them)\n");
}

/* strata dig [DIR] -o OUT */
int strata_cmd_dig(const struct strata_opts *opts)
{
	struct dig_scan_opts so;
	struct dig_tree *tree = NULL;
	struct model *model;
	struct model_vocab *vocab;
	struct write_opts wo;
	struct write_result res;
	struct stat st;
	const char *err = NULL;
	char *cache = NULL, *root_abs = NULL, **deep = NULL;
	int rc = STRATA_EXIT_OK, ndeep = 0;

	if (stat(opts->out, &st) == 0 && !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "strata: %s: exists and is not a folder (left as it is)\n", opts->out);
		return STRATA_EXIT_FAILED;
	}
	vocab = load_vocab(opts);
	if (!vocab)
		return STRATA_EXIT_FAILED;
	if (deep_words(opts, vocab, &deep, &ndeep)) {
		model_vocab_destroy(vocab);
		return STRATA_EXIT_FAILED;
	}
	scan_opts_fill(&so, opts, opts->root, NULL, deep, ndeep);
	/* With --no-cache every file is parsed, but the cache is still written from this
	 * run's facts: queries then answer for exactly the files this dig read, never for
	 * files an earlier dig read and this one left out. */
	{
		cache = cache_path(opts->out);
		if (!cache || (mkdir(opts->out, 0777) != 0 && errno != EEXIST)) {
			fprintf(stderr, "strata: %s: cannot create the output folder: %s\n", opts->out, strerror(errno));
			free(cache);
			free(deep);
			model_vocab_destroy(vocab);
			return STRATA_EXIT_FAILED;
		}
		so.cache_dir = cache;
		so.cache_fresh = !opts->cache;
		so.cache_later = 1;
	}
	if (dig_scan(&so, &tree, &err) != 0) {
		fprintf(stderr, "strata: %s: %s\n", opts->root, err ? err : "cannot be read");
		free(cache);
		free(deep);
		model_vocab_destroy(vocab);
		return STRATA_EXIT_FAILED;
	}
	free(deep);
	for (uint32_t i = 0; i < tree->ndiags; i++)
		fprintf(stderr, "%s: %s\n", tree->diags[i].path, tree->diags[i].reason);
	note_excluded(tree);
	model = model_create(tree, vocab);
	/* the cache was written beside the model: done before write_all moves its folder */
	uint32_t late = dig_scan_cache_wait(tree);
	for (uint32_t i = tree->ndiags - late; i < tree->ndiags; i++)
		fprintf(stderr, "%s: %s\n", tree->diags[i].path, tree->diags[i].reason);
	if (!model) {
		fprintf(stderr, "strata: out of memory while building the model\n");
		dig_tree_free(tree);
		free(cache);
		return STRATA_EXIT_FAILED;
	}
	memset(&wo, 0, sizeof wo);
	wo.out = opts->out;
	wo.root = opts->root;
	wo.svg = opts->svg;
	wo.keep = CACHE_NAME;
	wo.root_abs = root_abs = realpath(opts->root, NULL);
	if (write_all(model, &wo, &res) != 0) {
		fprintf(stderr, "strata: %s\n", res.error);
		rc = STRATA_EXIT_FAILED;
		goto out;
	}
	if (res.dot_missing) {
		fprintf(stderr, "strata: graphviz 'dot' could not be run: wrote the DOT files only, no SVG\n");
		rc = STRATA_EXIT_SKIPPED;
	}
	/* skipped files and files cut short are "some inputs skipped"; a note on a file that
	 * was read whole (e.g. not UTF-8, parsed as bytes) is only a diagnostic */
	if (model->skipped || model->partial)
		rc = STRATA_EXIT_SKIPPED;
	if (!opts->quiet) {
		int svg = opts->svg && !res.dot_missing;
		printf("strata: %u file%s (%u skipped, %u cop%s), %u allocator implementation%s, %u allocation site%s, "
		       "RF %.2f\n", model->files, model->files == 1 ? "" : "s", model->skipped, model->copies,
		       model->copies == 1 ? "y" : "ies", model->nimpls, model->nimpls == 1 ? "" : "s", model->alloc_sites,
		       model->alloc_sites == 1 ? "" : "s", model->rf.factor);
		printf("report: %s/report.md\n", opts->out);
		printf("hierarchy: %s/allocation-hierarchy.%s\n", opts->out, svg ? "svg" : "dot");
		printf("kernel flow: %s/kernel-allocation-flow.%s\n", opts->out, svg ? "svg" : "dot");
	}
out:
	model_destroy(model);
	dig_tree_free(tree);
	free(cache);
	free(root_abs);
	return rc;
}

/* Answer one query from OUT's query index; with several same-name definitions, list them
 * and answer for each. */
static int query_run(const struct strata_opts *opts, enum qx_query kind)
{
	char err[512];
	struct qx_request rq;
	struct qx *ix = qx_open(opts->out, err, sizeof err);
	int rc;
	if (!ix) {
		fprintf(stderr, "strata: %s\n", err);
		return STRATA_EXIT_FAILED;
	}
	memset(&rq, 0, sizeof rq);
	rq.query = kind;
	rq.name = opts->name;
	rq.in = opts->in;
	rq.depth = opts->depth;
	rq.format = (enum qx_format)opts->format;
	rc = qx_answer(ix, &rq, stdout, stderr);
	if (rc == -1) {
		fflush(stdout);
		fprintf(stderr, "strata: %s\n", qx_error(ix));
	}
	qx_close(ix);
	if (rc)
		return STRATA_EXIT_FAILED;
	return fflush(stdout) == 0 ? STRATA_EXIT_OK : STRATA_EXIT_FAILED;
}

/* strata callers NAME */
int strata_cmd_callers(const struct strata_opts *opts)
{
	return query_run(opts, QX_CALLERS);
}

/* strata callees NAME */
int strata_cmd_callees(const struct strata_opts *opts)
{
	return query_run(opts, QX_CALLEES);
}

/* strata trace NAME */
int strata_cmd_trace(const struct strata_opts *opts)
{
	return query_run(opts, QX_TRACE);
}

/*
 * dig/cli/commands.c: the subcommands dig, merge, callers, callees and trace.
 *
 * dig: the new output folder beside OUT (write_out_begin: OUT proved replaceable, or
 * refused) -> scan (the old fact cache read from OUT, the new one written into the new
 * folder) -> model -> write -> swap (write_out_commit), then a summary on stdout naming
 * where report.md and the SVGs are, diagnostics `file: reason` on stderr (names escaped).
 * Exit 0; 2 when nothing could be written (OUT left as it was, nothing beside it); 3 when
 * done but some files were skipped or only partly read, or graphviz was missing (DOT, no
 * SVG). dig --shard I/N: the scan of shard I only, written as a part (dig/scan/part.c)
 * into -o PART (write_part_check: not DIR, nothing but a part's own files in it).
 * merge PART...: the parts checked and put together into the tree one scan gives, then
 * the same model -> write -> swap as dig (dig_finish), so the artifacts are dig's.
 * callers/callees/trace: answer from OUT's query index alone (dig/query/: a mapped file,
 * no scan, no model), opened through one descriptor of OUT once its marker says it is a
 * complete strata output (so a dig swapping OUT meanwhile cannot mix two runs), in
 * --format text, json or cscope; same-name definitions are all answered, each under a
 * header line, unless --in picks one. A missing, damaged or other-version index exits 2
 * with a message asking for a new dig.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dig/cli/commands.h"
#include "dig/cli/inputs.h"
#include "dig/model/model.h"
#include "dig/query/query.h"
#include "dig/scan/scan.h"
#include "dig/write/write.h"

/* A message made elsewhere with names in it, unescaped: "strata: MSG", escaped whole. */
static void say(const char *msg)
{
	fputs("strata: ", stderr);
	write_msg_name(stderr, msg);
	fputc('\n', stderr);
}

/* Load the vocabulary or say why not. */
static struct model_vocab *load_vocab(const struct strata_opts *opts)
{
	const char *err;
	unsigned line;
	struct model_vocab *vocab = model_vocab_create(opts->vocab, &err, &line);
	if (!vocab) {
		if (opts->vocab) {
			fputs("strata: ", stderr);
			write_msg_name(stderr, opts->vocab);
			if (line)
				fprintf(stderr, ":%u", line);
			fputs(": ", stderr);
			write_msg_name(stderr, err);
			fputc('\n', stderr);
		} else
			say(err);
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
	{
		fputs(i ? ", " : " ", stderr);
		write_msg_name(stderr, tree->excluded[i]);
	}
	if (tree->nexcluded > SHOWN)
		fprintf(stderr, " and %u more", tree->nexcluded - SHOWN);
	fprintf(stderr, " (--no-default-excludes reads them)\n");
}

/* Load the inputs --files or --compdb names (none without either). Returns 0, or -1
 * after saying why (nothing then left to free). */
static int dig_inputs(const struct strata_opts *opts, struct strata_inputs *in)
{
	char err[1024];
	int rc = 0;

	memset(in, 0, sizeof *in);
	if (opts->files)
		rc = strata_inputs_list(in, opts->files, err, sizeof err);
	else if (opts->compdb)
		rc = strata_inputs_compdb(in, opts->compdb, opts->exts, opts->nexts, err, sizeof err);
	if (rc) {
		say(err);
		strata_inputs_fini(in);
	}
	return rc;
}

/* The hash of the --vocab file's bytes (0: none), what parts record. -1 after saying why
 * when it cannot be read. */
static int vocab_hash(const struct strata_opts *opts, uint64_t *hash)
{
	uint64_t size;

	*hash = 0;
	if (opts->vocab && dig_hash_file(opts->vocab, &size, hash) != 0) {
		fputs("strata: ", stderr);
		write_msg_name(stderr, opts->vocab);
		fprintf(stderr, ": %s\n", strerror(errno));
		return -1;
	}
	return 0;
}

/* Print a tree's diagnostics from `from` on, `file: reason`, names escaped. */
static void print_diags(const struct dig_tree *tree, uint32_t from)
{
	for (uint32_t i = from; i < tree->ndiags; i++) {
		write_msg_name(stderr, tree->diags[i].path);
		fputs(": ", stderr);
		write_msg_name(stderr, tree->diags[i].reason);
		fputc('\n', stderr);
	}
}

/* The second half of dig and all of merge's work after the parts: the model of the tree
 * (the fact cache being written beside it, into the new output folder), every artifact
 * into that folder, the swap, the summary. Takes the tree, the vocabulary and the output
 * folder (committed or aborted here). root: the tree as given; root_abs: its real path. */
static int dig_finish(const struct strata_opts *opts, struct dig_tree *tree, struct model_vocab *vocab,
                      struct write_out *out, const char *root, const char *root_abs)
{
	struct write_opts wo;
	struct write_result res;
	struct model *model = model_create(tree, vocab, (unsigned)opts->jobs);
	char why[1024];
	int rc = STRATA_EXIT_FAILED;

	/* the cache was written beside the model, into the new folder */
	uint32_t before = tree->ndiags;
	if (dig_scan_cache_wait(tree))
		print_diags(tree, before);
	model_timing_mark("scan: cache written");
	if (!model) {
		fprintf(stderr, "strata: out of memory while building the model\n");
		goto out;
	}
	if (tree->cache_failed) {
		/* report and cache move together: without the cache, no new output */
		fputs("strata: the fact cache could not be written (see above); ", stderr);
		write_msg_name(stderr, opts->out);
		fputs(" left as it was\n", stderr);
		goto out;
	}
	memset(&wo, 0, sizeof wo);
	wo.dir = write_out_dir(out);
	wo.root = root;
	wo.svg = opts->svg;
	wo.root_abs = root_abs;
	if (write_all(model, &wo, &res) != 0) {
		fputs("strata: ", stderr);
		write_msg_name(stderr, res.error);
		fputs("; ", stderr);
		write_msg_name(stderr, opts->out);
		fputs(" left as it was\n", stderr);
		goto out;
	}
	rc = write_out_commit(out, stderr, why, sizeof why);
	model_timing_mark("write: commit");
	out = NULL;                     /* committed or aborted by the commit */
	if (rc != 0) {
		fprintf(stderr, "strata: %s\n", why);
		rc = STRATA_EXIT_FAILED;
		goto out;
	}
	rc = STRATA_EXIT_OK;
	if (res.dot_missing) {
		fprintf(stderr, "strata: graphviz 'dot' could not be run: wrote the DOT files only, no SVG\n");
		rc = STRATA_EXIT_SKIPPED;
	}
	/* skipped files, files cut short and inputs the walk skipped (dangling links, loops,
	 * unreadable folders) are "some inputs skipped"; a note on a file that was read whole
	 * (e.g. not UTF-8, parsed as bytes, or parsed in part and read by the lexer) is only a
	 * diagnostic */
	uint32_t others = dig_tree_inputs_skipped(tree);
	if (model->skipped || model->partial_cut || others)
		rc = STRATA_EXIT_SKIPPED;
	if (!opts->quiet) {
		int svg = opts->svg && !res.dot_missing;
		printf("strata: %u file%s (%u skipped, %u cop%s)", model->files, model->files == 1 ? "" : "s", model->skipped,
		       model->copies, model->copies == 1 ? "y" : "ies");
		if (others)
			printf(", %u other input%s skipped (listed on stderr)", others, others == 1 ? "" : "s");
		printf(", %u allocator implementation%s, %u allocation site%s, RF %.2f\n", model->nimpls,
		       model->nimpls == 1 ? "" : "s", model->alloc_sites, model->alloc_sites == 1 ? "" : "s", res.rf);
		fputs("report: ", stdout);
		write_msg_name(stdout, opts->out);
		fputs("/report.md\npage: ", stdout);
		write_msg_name(stdout, opts->out);
		fputs("/report.html\nhierarchy: ", stdout);
		write_msg_name(stdout, opts->out);
		printf("/allocation-hierarchy.%s\nkernel flow: ", svg ? "svg" : "dot");
		write_msg_name(stdout, opts->out);
		printf("/kernel-allocation-flow.%s\n", svg ? "svg" : "dot");
	}
out:
	write_out_abort(out, stderr);
	model_destroy(model);
	dig_tree_free(tree);
	model_timing_mark("free");
	return rc;
}

/* strata dig [DIR] --shard I/N -o PART: scan shard I's files (taking unchanged ones from
 * the part already in PART) and write them as a part. */
static int dig_shard(const struct strata_opts *opts, struct dig_scan_opts *so, struct model_vocab *vocab)
{
	struct dig_part_meta meta;
	struct dig_tree *tree = NULL;
	const char *err = NULL;
	char msg[1024];
	int rc = STRATA_EXIT_OK;

	memset(&meta, 0, sizeof meta);
	if (vocab_hash(opts, &meta.vocab) != 0)
		return STRATA_EXIT_FAILED;
	if (write_part_check(opts->out, opts->root, msg, sizeof msg) != 0) {
		fprintf(stderr, "strata: %s\n", msg);
		return STRATA_EXIT_FAILED;
	}
	so->shard = opts->shard;
	so->nshards = opts->nshards;
	so->cache_dir = opts->out;
	so->cache_fresh = !opts->cache;
	so->cache_no_store = 1;
	if (dig_scan(so, &tree, &err) != 0) {
		fputs("strata: ", stderr);
		write_msg_name(stderr, opts->root);
		fprintf(stderr, ": %s\n", err ? err : "cannot be read");
		return STRATA_EXIT_FAILED;
	}
	print_diags(tree, 0);
	note_excluded(tree);
	meta.shard = opts->shard;
	meta.nshards = opts->nshards;
	meta.root = tree->root;
	meta.root_abs = realpath(opts->root, NULL);
	meta.key = dig_scan_facts_key(so);
	meta.config = dig_scan_config_hash(so);
	if (!meta.root_abs || dig_part_store(opts->out, tree, &meta, msg, sizeof msg) != 0) {
		say(meta.root_abs ? msg : strerror(errno));
		rc = STRATA_EXIT_FAILED;
		goto out;
	}
	uint32_t partial = 0;
	for (uint32_t i = 0; i < tree->nfiles; i++)
		partial += tree->files[i].status == DIG_FILE_PARTIAL;
	if (tree->skipped || partial || dig_tree_inputs_skipped(tree))
		rc = STRATA_EXIT_SKIPPED;
	if (!opts->quiet)
		printf("strata: shard %u/%u of %s: %u file%s (%u skipped, %u parsed, %u cached), %.1f MB\npart: %s\n",
		       opts->shard, opts->nshards, opts->root, tree->nfiles, tree->nfiles == 1 ? "" : "s", tree->skipped,
		       tree->parsed, tree->cached, (double)tree->bytes / 1e6, opts->out);
out:
	(void)vocab;
	free((char *)meta.root_abs);
	dig_tree_free(tree);
	return rc;
}

/* strata dig [DIR] -o OUT: prepare the new output folder beside OUT, scan (the old cache
 * read from OUT, the new one written into the new folder), then dig_finish. */
int strata_cmd_dig(const struct strata_opts *opts)
{
	struct dig_scan_opts so;
	struct dig_tree *tree = NULL;
	struct model_vocab *vocab;
	struct strata_inputs inputs;
	struct write_out *out = NULL;
	uint64_t skip_dev[2], skip_ino[2];
	const char *err = NULL;
	char *root_abs = NULL, **deep = NULL, why[1024];
	int rc, ndeep = 0;

	vocab = load_vocab(opts);
	if (!vocab)
		return STRATA_EXIT_FAILED;
	if (deep_words(opts, vocab, &deep, &ndeep) || dig_inputs(opts, &inputs)) {
		free(deep);
		model_vocab_destroy(vocab);
		return STRATA_EXIT_FAILED;
	}
	scan_opts_fill(&so, opts, opts->root, NULL, deep, ndeep);
	so.inputs = inputs.n ? inputs.v : NULL;
	so.ninputs = inputs.n;
	so.inputs_and_headers = opts->compdb != NULL;
	if (opts->nshards) {
		rc = dig_shard(opts, &so, vocab);
		model_vocab_destroy(vocab);
		goto done;
	}
	if (write_out_begin(&out, opts->out, opts->root, stderr, why, sizeof why) != 0) {
		fprintf(stderr, "strata: %s\n", why);
		model_vocab_destroy(vocab);
		rc = STRATA_EXIT_FAILED;
		goto done;
	}
	/* With --no-cache every file is parsed, but the cache is still written from this
	 * run's facts: queries then answer for exactly the files this dig read, never for
	 * files an earlier dig read and this one left out. */
	so.cache_dir = write_out_cache_old(out);
	so.cache_out = write_out_cache_new(out);
	so.cache_fresh = !opts->cache;
	so.cache_later = 1;
	so.nskip = write_out_skip(out, skip_dev, skip_ino, 2);
	so.skip_dev = skip_dev;
	so.skip_ino = skip_ino;
	if (dig_scan(&so, &tree, &err) != 0) {
		fputs("strata: ", stderr);
		write_msg_name(stderr, opts->root);
		fprintf(stderr, ": %s\n", err ? err : "cannot be read");
		write_out_abort(out, stderr);
		model_vocab_destroy(vocab);
		rc = STRATA_EXIT_FAILED;
		goto done;
	}
	print_diags(tree, 0);
	note_excluded(tree);
	root_abs = realpath(opts->root, NULL);
	rc = dig_finish(opts, tree, vocab, out, opts->root, root_abs);
done:
	free(root_abs);
	free(deep);
	strata_inputs_fini(&inputs);
	return rc;
}

/* strata merge PART... -o OUT: the parts of a sharded dig put together, then the model
 * and every artifact as dig writes them. Every part is checked before OUT is touched. */
int strata_cmd_merge(const struct strata_opts *opts)
{
	struct dig_part_meta meta;
	struct dig_tree *tree = NULL;
	struct model_vocab *vocab;
	struct write_out *out = NULL;
	uint64_t vhash;
	char msg[2048];

	if (vocab_hash(opts, &vhash) != 0 || !(vocab = load_vocab(opts)))
		return STRATA_EXIT_FAILED;
	if (dig_part_merge(opts->parts, (uint32_t)opts->nparts, vhash, &tree, &meta, msg, sizeof msg) != 0) {
		say(msg);
		fputs("strata: nothing was written\n", stderr);
		model_vocab_destroy(vocab);
		return STRATA_EXIT_FAILED;
	}
	print_diags(tree, 0);
	if (write_out_begin(&out, opts->out, meta.root_abs, stderr, msg, sizeof msg) != 0) {
		fprintf(stderr, "strata: %s\n", msg);
		model_vocab_destroy(vocab);
		dig_tree_free(tree);
		return STRATA_EXIT_FAILED;
	}
	/* the merged facts become OUT's fact cache (for the queries, and a later dig), written
	 * beside the model as dig writes it, into the new output folder */
	dig_cache_store(tree, write_out_cache_new(out), meta.key, 1);
	return dig_finish(opts, tree, vocab, out, meta.root, meta.root_abs);
}

/* The root of the tree OUT was dug from (OUT/.strata-root, one line), malloc'd, or NULL. */
static char *query_root(const char *out)
{
	char *path = malloc(strlen(out) + sizeof "/.strata-root"), line[4096];
	FILE *f;
	size_t n;
	if (!path)
		return NULL;
	sprintf(path, "%s/.strata-root", out);
	f = fopen(path, "r");
	free(path);
	if (!f)
		return NULL;
	n = fgets(line, sizeof line, f) ? strcspn(line, "\n") : 0;
	fclose(f);
	line[n] = '\0';
	return n ? strdup(line) : NULL;
}

/* Answer one query from OUT's query index; with several same-name definitions, list them
 * and answer for each. */
static int query_run(const struct strata_opts *opts, enum qx_query kind)
{
	char err[1024], *root;
	struct qx_request rq;
	struct qx *ix;
	int rc, fd = write_out_open(opts->out, err, sizeof err);
	if (fd < 0) {
		fprintf(stderr, "strata: %s\n", err);
		return STRATA_EXIT_FAILED;
	}
	ix = qx_open_at(fd, opts->out, err, sizeof err);
	close(fd);
	if (!ix) {
		say(err);
		return STRATA_EXIT_FAILED;
	}
	memset(&rq, 0, sizeof rq);
	rq.query = kind;
	rq.name = opts->name;
	rq.in = opts->in;
	rq.depth = opts->depth;
	rq.format = (enum qx_format)opts->format;
	rq.root = root = query_root(opts->out);
	rc = qx_answer(ix, &rq, stdout, stderr);
	free(root);
	if (rc == -1) {
		fflush(stdout);
		say(qx_error(ix));
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

/* The strata command: parse the options and hand them to one command. */
int strata_main(int argc, char **argv)
{
	struct strata_opts opts;
	int done = 0;
	int rc = strata_opts_parse(&opts, argc, argv, &done);

	if (rc != STRATA_EXIT_OK || done)
		return rc;
	switch (opts.command) {
	case STRATA_CMD_DIG: return strata_cmd_dig(&opts);
	case STRATA_CMD_CALLERS: return strata_cmd_callers(&opts);
	case STRATA_CMD_CALLEES: return strata_cmd_callees(&opts);
	case STRATA_CMD_TRACE: return strata_cmd_trace(&opts);
	case STRATA_CMD_STATS: return strata_cmd_stats(&opts);
	case STRATA_CMD_MERGE: return strata_cmd_merge(&opts);
	case STRATA_CMD_NONE:
	case STRATA_CMD_COUNT:
		break;
	}
	return STRATA_EXIT_USAGE;
}

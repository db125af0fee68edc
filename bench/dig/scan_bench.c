/*
 * bench/dig/scan_bench.c: the scan stage alone on a real tree. Prints one line of numbers:
 * files, parsed, skipped, copies, MB read, seconds, MB/s, facts counted, and peak RSS, so
 * run.sh can compare it with cscope and ctags. Usage: scan_bench DIR [JOBS] [CACHE_DIR]
 * Deep words (scan.h deep_words) are the built-in vocabulary's, as `strata dig` passes
 * them; DEEP_WORDS=w1,w2,... in the environment replaces them (patterns, '*' wildcards),
 * DEEP_WORDS=all parses every file (`strata dig --deep all`).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "dig/model/model.h"
#include "dig/scan/arena.h"
#include "dig/scan/scan.h"

/* Seconds on the monotonic clock. */
static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Scan, count, report. */
int main(int argc, char **argv)
{
	static const char *const exts[] = { ".c", ".h" };
	struct dig_scan_opts o = { 0 };
	struct dig_tree *tree;
	const char *err;
	struct rusage ru;

	if (argc < 2) {
		fprintf(stderr, "usage: scan_bench DIR [JOBS] [CACHE_DIR]\n");
		return 1;
	}
	o.root = argv[1];
	o.exts = exts;
	o.nexts = 2;
	o.default_excludes = 1;
	o.jobs = argc > 2 ? atoi(argv[2]) : 0;
	o.cache_dir = argc > 3 ? argv[3] : NULL;
	o.max_file_bytes = 16u << 20;
	o.file_ms = 5000;
	o.progress = getenv("SCAN_PROGRESS") != NULL;
	const char *words[256];
	const char *env = getenv("DEEP_WORDS");
	char *list = env && strcmp(env, "all") != 0 ? strdup(env) : NULL;
	char **vocab_words = NULL;
	int nwords = 0;
	for (char *w = list ? strtok(list, ",") : NULL; w && nwords < 256; w = strtok(NULL, ","))
		words[nwords++] = w;
	if (list) {
		o.deep_words = words;
		o.ndeep_words = nwords;
	} else if (!env) {
		const char *verr;
		unsigned vline;
		struct model_vocab *vocab = model_vocab_create(NULL, &verr, &vline);
		vocab_words = vocab ? model_vocab_deep_words(vocab, &nwords) : NULL;
		model_vocab_destroy(vocab);
		if (!vocab_words) {
			fprintf(stderr, "out of memory\n");
			return 2;
		}
		o.deep_words = (const char *const *)vocab_words;
		o.ndeep_words = nwords;
	}
	double t0 = now();
	if (dig_scan(&o, &tree, &err) != 0) {
		fprintf(stderr, "%s: %s\n", o.root, err);
		return 2;
	}
	double t = now() - t0;
	unsigned long long shallow = 0, funcs = 0, calls = 0, macros = 0, partial = 0, syntax = 0, arena = 0, arena_used = 0;
	for (uint32_t i = 0; i < tree->nfiles; i++) {
		funcs += tree->files[i].nfuncs;
		calls += tree->files[i].ncalls;
		macros += tree->files[i].nmacros;
		partial += tree->files[i].status == DIG_FILE_PARTIAL;
		shallow += tree->files[i].shallow;
		syntax += tree->files[i].syntax_errors;
		if (tree->files[i].arena) {
			const struct dig_arena *a = tree->files[i].arena;
			arena += a->total;
			arena_used += a->total - a->wasted - (a->cap - a->used);
		}
	}
	getrusage(RUSAGE_SELF, &ru);
	printf("files=%u parsed=%u shallow=%llu cached=%u skipped=%u copies=%u partial=%llu syntax_errors=%llu diags=%u "
	       "MB=%.1f seconds=%.2f MBps=%.1f funcs=%llu calls=%llu macros=%llu facts_MB=%.1f facts_used_MB=%.1f peak_rss_MB=%.1f\n",
	       tree->nfiles, tree->parsed, shallow, tree->cached, tree->skipped, tree->copies, partial, syntax,
	       tree->ndiags, (double)tree->bytes / 1e6, t, t > 0 ? (double)tree->bytes / 1e6 / t : 0.0,
	       funcs, calls, macros, (double)arena / 1e6, (double)arena_used / 1e6, (double)ru.ru_maxrss / 1024.0);
	if (getenv("SCAN_DIAGS"))
		for (uint32_t i = 0; i < tree->ndiags; i++)
			fprintf(stderr, "%s: %s\n", tree->diags[i].path, tree->diags[i].reason);
	dig_tree_free(tree);
	free(list);
	free(vocab_words);
	return 0;
}

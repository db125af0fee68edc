/*
 * dig/scan/scan.h: the scan stage's entry point: walk a tree, parse every C file with
 * tree-sitter in parallel (or take its facts from the cache when unchanged), and return
 * one struct dig_tree (facts.h). Nothing here prints except the optional progress line;
 * problems with single files become diagnostics ("file: reason") in the tree.
 */
#ifndef STRATA_DIG_SCAN_H
#define STRATA_DIG_SCAN_H

#include <stddef.h>

#include "dig/scan/facts.h"

struct dig_scan_opts {
	const char *root;             /* folder to walk (a single file is allowed too) */
	const char *const *exts;      /* file endings to read, e.g. ".c", ".h" */
	int nexts;
	const char *const *excludes;  /* extra folder/file names to skip */
	int nexcludes;
	int default_excludes;         /* skip .git, build output, vendored folders ... */
	int jobs;                     /* parser threads; 0 = one per core */
	size_t max_file_bytes;        /* larger files are skipped with a diagnostic */
	unsigned file_ms;             /* parse budget per file */
	const char *cache_dir;        /* where the fact cache lives (NULL: no cache) */
	int progress;                 /* 1: progress line on stderr */
};

/* Scan. Returns 0 and sets *out, or -1 when the root itself cannot be read (then *err
 * names why, in static storage). Unreadable or odd files inside the tree are not errors:
 * they are diagnostics in (*out)->diags. */
int dig_scan(const struct dig_scan_opts *opts, struct dig_tree **out, const char **err);

/* Parse one buffer as the file `path` (no walk, no cache): what tests and the fuzz target
 * use. Returns NULL only when out of memory. */
struct dig_file *dig_scan_buffer(const char *path, const char *text, size_t len, unsigned file_ms);

void dig_file_free(struct dig_file *file);
void dig_tree_free(struct dig_tree *tree);

#endif /* STRATA_DIG_SCAN_H */

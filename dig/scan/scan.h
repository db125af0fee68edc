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
	unsigned file_ms;             /* parse budget per file, in CPU milliseconds of its thread */
	const char *cache_dir;        /* where the fact cache lives (NULL: no cache) */
	int cache_fresh;              /* 1: do not take facts from the cache, only write it anew
	                                 (a re-parse that still leaves the queries this run's
	                                 files and nothing else) */
	const char *const *deep_words;/* NULL: parse every file with tree-sitter. Else only files
	                                 that mention one of these words (as a whole identifier,
	                                 anywhere, comments included) are parsed; the others are
	                                 read by the lexer and marked shallow (facts.h), at a
	                                 fraction of the cost. Pass the vocabulary that decides
	                                 what matters (allocator and backend API names). */
	int ndeep_words;
	int progress;                 /* 1: progress line on stderr */
	int cache_later;              /* 1: write the fact cache on a thread of its own while the
	                                 caller goes on (builds the model); the tree must then be
	                                 kept, read-only, until dig_scan_cache_wait() */
};

/* Scan. Returns 0 and sets *out, or -1 when the root itself cannot be read (then *err
 * names why, in static storage). Unreadable or odd files inside the tree are not errors:
 * they are diagnostics in (*out)->diags. Defaults for zero fields: exts .c .h, jobs = one
 * per CPU, max_file_bytes 16 MiB, file_ms 5000.
 *
 * With cache_dir, files whose path, size and mtime match the cache are taken from it
 * without being read (tree->cached counts them), the rest are parsed (tree->parsed), and
 * the cache is rewritten atomically at the end.
 *
 * Bytes: a file with NUL bytes (or >1% control bytes) is skipped as binary; one with at
 * most 10% invalid UTF-8 is parsed as bytes with a note in file->reason (C's syntax is
 * ASCII); more is skipped. Symbolic links are followed when they stay inside the root. */
int dig_scan(const struct dig_scan_opts *opts, struct dig_tree **out, const char **err);

/* With cache_later: wait for the fact cache to be written. Its diagnostics (a cache that
 * could not be written) are appended to tree->diags; returns how many. dig_tree_free
 * waits too, so a caller that does not care about them may skip this. Call it before
 * moving the cache folder. */
uint32_t dig_scan_cache_wait(struct dig_tree *tree);

/* Parse one buffer as the file `path` (no walk, no cache): what tests and the fuzz target
 * use. Returns NULL only when out of memory. */
struct dig_file *dig_scan_buffer(const char *path, const char *text, size_t len, unsigned file_ms);

/* Load the facts a previous dig_scan left in cache_dir (cache_dir/facts.cache) without
 * touching the tree: what `strata callers/callees/trace` use. Returns 0 and sets *out (every
 * file's facts, path order, copy_of set, tree->cached = nfiles), or -1 when there is no
 * usable cache (missing, corrupt, other version). Files that were skipped when the cache
 * was written are not in it. */
int dig_cache_load(const char *cache_dir, struct dig_tree **out);

/* Free a file returned by dig_scan_buffer (never one inside a tree). */
void dig_file_free(struct dig_file *file);

/* dig_scan_buffer with options: opts->file_ms and opts->deep_words apply (the walk and
 * cache fields are ignored). */
struct dig_file *dig_scan_buffer_opts(const char *path, const char *text, size_t len,
                                      const struct dig_scan_opts *opts);
/* The names the walk skips unless default_excludes is 0 (a trailing '*' matches any rest
 * of the name); *n is set to their number. */
const char *const *dig_scan_default_excludes(size_t *n);

/* Free a tree and every file in it. NULL is allowed. */
void dig_tree_free(struct dig_tree *tree);

#endif /* STRATA_DIG_SCAN_H */

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
	unsigned file_ms;             /* budget per file, in CPU milliseconds of its thread, for
	                                 each of its passes (the parse, and the lexer that reads
	                                 the file when the parse runs out) */
	uint32_t max_facts;           /* facts one file may give before its reading stops (0:
	                                 SCAN_MAX_FACTS, a million); tests set it small */
	const char *cache_dir;        /* where the fact cache is read from (NULL: no cache) */
	const char *cache_out;        /* where the new cache is written (NULL: cache_dir); a dig
	                                 writes it into its new output folder, so that the
	                                 cache moves with the report */
	const uint64_t *skip_dev;     /* folders the walk never enters (the output folders when
	                                 they lie inside the root): device and inode pairs */
	const uint64_t *skip_ino;
	int nskip;
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
	int cache_no_store;           /* 1: read the cache at cache_dir but leave it as it is (the
	                                 caller stores the facts itself: dig_part_store) */
	const struct dig_scan_input *inputs; /* NULL: walk the root. Else read exactly these
	                                 files (--files, --compdb) instead: the walk's endings
	                                 and excludes do not apply; a file named twice is read
	                                 once (the first naming's flags); one outside the root,
	                                 missing or not a regular file is a diagnostic */
	uint32_t ninputs;
	int inputs_and_headers;       /* with inputs (--compdb): also every file of the walk
	                                 that is not a C source (does not end in .c): the
	                                 headers the named sources include */
	uint32_t shard, nshards;      /* nshards > 1: read only the files dig_shard_of puts in
	                                 `shard`, and keep only the walk's diagnostics whose
	                                 path it puts there (--shard I/N) */
};

/* One file to read instead of walking (dig_scan_opts.inputs), with what its build
 * command says (compile_commands.json) about the preprocessor. */
struct dig_scan_input {
	const char *path;             /* relative to the root, or absolute (inside it); `.`,
	                                 `..` and repeated `/` are folded */
	const char *const *defines;   /* -D and -U in command-line order: "NAME", "NAME=VALUE",
	                                 "NAME(ARGS)=BODY", or "-NAME" for -U NAME. They become
	                                 the file's macros at line 0 (before its first line), as
	                                 a compiler defines them, so renames and #if read them */
	uint32_t ndefines;
	const char *const *include_dirs; /* -I folders in order (absolute, or relative to the
	                                 root); the ones inside the root become the file's
	                                 DIG_EV_INCLUDE_DIR evidence, for the include resolver */
	uint32_t ninclude_dirs;
};

/* The shard (0 .. nshards-1) a path belongs to: a jump consistent hash of the path's
 * 64-bit hash, so adding files moves no other file and going from N to N+1 shards moves
 * a 1/(N+1) share of them. Stable across machines and runs. */
uint32_t dig_shard_of(const char *path, uint32_t nshards);

/* A hash of every scan option that decides which files are read and what facts they give
 * (endings, excludes, size and time limits, inputs and their flags, deep words): two
 * scans with the same hash over the same tree give the same facts. Shards of one dig
 * must agree on it. */
uint64_t dig_scan_config_hash(const struct dig_scan_opts *opts);

/* The key the fact cache is stored under beside the root: a hash of the deep words and
 * the depth rules (0 with neither deep words nor inputs' flags), and of the inputs' -D and
 * -I flags: facts made under another key are other facts. */
uint64_t dig_scan_facts_key(const struct dig_scan_opts *opts);

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
 * ASCII); more is skipped. Symbolic links are followed when they stay inside the root; a
 * folder or file reached through a link and by its real path is read once, under the real
 * path (walk.c). */
int dig_scan(const struct dig_scan_opts *opts, struct dig_tree **out, const char **err);

/* With cache_later: wait for the fact cache to be written (tree->cache_failed then says
 * whether it was). Its diagnostics (a cache that
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

/* How many inputs the walk skipped (dangling links, links leaving the tree, link loops,
 * special files, unreadable folders: each one of the tree's diagnostics). Files skipped
 * when read are tree->skipped. */
uint32_t dig_tree_inputs_skipped(const struct dig_tree *tree);

/* Does a function-like macro only rename, passing its arguments on as they are
 * (`#define malloc(n) Malloc(n)`, `#define f(...) g(__VA_ARGS__)`)? Such a macro renames a
 * definition too (`void *malloc(size_t n)` becomes Malloc's), as an object-like one does;
 * one that adds or drops arguments would not compile there. */
int dig_macro_renames_args(const struct dig_macro *m);

/* The #include resolver the scan (headers.c, for #if values) and the model (include.c, for
 * the macros a file gets from its headers) share. An index of files by basename over a
 * path-sorted list of files; `usable` (NULL: all) says which files may be found. */
struct dig_inc_base {
	const char *base;             /* the path's last component (points into path) */
	const char *path;
	uint32_t file;                /* index into paths */
};
struct dig_inc_index {
	const char *const *paths;     /* sorted by bytes (strcmp), npaths of them */
	uint32_t npaths;
	const unsigned char *usable;  /* per path: 0 never found (a skipped file); NULL: all */
	struct dig_inc_base *bases;   /* the usable files, sorted (dig_inc_index_sort) */
	uint32_t nbases;
	const char *root_real;        /* the dug folder's absolute path (realpath), or NULL */
};
/* The path's last component. */
const char *dig_inc_basename(const char *path);
/* The dug folder's absolute path (dig_inc_index.root_real; the caller frees it), or NULL. */
char *dig_inc_root_real(const char *root);
/* The header an #include token names (`"a/b.h"`, `<a/b.h>`), into buf: quotes or brackets
 * and leading ./ and ../ dropped. NULL when it names no file (a macro, an empty token). */
const char *dig_inc_target(const char *token, char *buf, size_t size);
/* Number of leading folder components two paths share. */
int dig_path_common_depth(const char *a, const char *b);
/* Sort the bases by basename, then file. */
void dig_inc_index_sort(struct dig_inc_base *bases, uint32_t n);
/* The files an #include of `target` (dig_inc_target's) in from_path names: with -I folders
 * (dirs, --compdb), the includer's folder then each folder by exact path, the first that
 * holds it; else the files whose path ends in /target (or is target), from_path apart, the
 * ones sharing the longest folder prefix with from_path (up to max of them, path order).
 * Returns how many went to out. */
uint32_t dig_inc_resolve(const struct dig_inc_index *ix, const char *from_path, const char *const *dirs,
                         uint32_t ndirs, const char *target, uint32_t *out, uint32_t max);

/* Free a tree and every file in it. NULL is allowed. */
void dig_tree_free(struct dig_tree *tree);
/* The index of the file with this path (files are in path order), or UINT32_MAX. */
uint32_t dig_tree_find(const struct dig_tree *tree, const char *path);

/* Write the tree's facts into cache_dir under key (dig_scan_facts_key) as the fact cache a
 * scan of the same root takes them from (atomically); with later, on a thread of its own
 * as dig_scan_opts.cache_later does (dig_scan_cache_wait joins it). A failure is a
 * diagnostic appended to the tree (by dig_scan_cache_wait when later). */
void dig_cache_store(struct dig_tree *tree, const char *cache_dir, uint64_t key, int later);

/* A 64-bit checksum of a file's bytes (scan_hash over each 1 MiB block, chained) and its
 * size. Returns 0, or -1 with errno set. */
int dig_hash_file(const char *path, uint64_t *size, uint64_t *hash);

/* ---- parts (part.c): one shard's facts on disk, and the merge of a whole split ----- */

/* What a part records beside its facts, and what the merge checks the parts agree on. */
struct dig_part_meta {
	uint32_t shard, nshards;     /* this part is shard `shard` of `nshards` (0-based) */
	const char *root;            /* the tree as given to the shard (report titles) */
	const char *root_abs;        /* its real path: parts of one dig dug the same one, and
	                                the merge reads copies found across shards there */
	uint64_t key;                /* dig_scan_facts_key: the facts' cache key */
	uint64_t config;             /* dig_scan_config_hash: which files and how */
	uint64_t vocab;              /* a hash of the --vocab file's bytes (0: built-in only) */
};

/* Write a shard's scanned tree as a part into the folder dir (made when missing): its
 * facts as SCAN_CACHE_FILE in the fact cache's format (the skipped files are not in it),
 * then `part.manifest`, a text file that names the shard, meta, the skipped files, the
 * diagnostics that belong to no file, and the cache file's size and checksum, and ends
 * with its own checksum. The manifest is removed first and written last (temp + rename),
 * so a shard killed halfway leaves no part a merge would take. Returns 0, or -1 with a
 * message in err. */
int dig_part_store(const char *dir, const struct dig_tree *tree, const struct dig_part_meta *meta,
                   char *err, size_t errlen);

/* Merge the parts in dirs[0..n) into the tree one dig_scan of the whole root would have
 * given (the same files, facts, copies, diagnostics and tallies), for model_create.
 * Every part is checked before any facts are read: a missing or unfinished part, a
 * corrupt one (a manifest or facts that fail their checksum, a file of another shard), a
 * part given twice, parts of another facts version, another tree, other options, another
 * vocabulary than `vocab`, two parts of one shard or of different splits (overlapping
 * shards), and a shard no part holds are errors naming the part. Byte-identical files in
 * different parts are confirmed byte for byte in the tree (root_abs), as the scan
 * confirms them, and must be unchanged since their shard read them. Returns 0 with *out
 * and *meta (strings in the tree), or -1 with a message in err. */
int dig_part_merge(const char *const *dirs, uint32_t n, uint64_t vocab, struct dig_tree **out,
                   struct dig_part_meta *meta, char *err, size_t errlen);

/* A test hook: when set, dig_fault_point(step) calls it before every step of a dig that
 * changes the file system (a file written or closed, a folder made, renamed or removed),
 * so that a test can kill the process at the Nth step (tests/dig/outdir/), or make a step
 * fail: a non-zero return is a failure of that step (with errno EIO) where the caller
 * checks it (writing the fact cache, an artifact, the swap). Only test programs set it; in
 * strata it stays NULL and dig_fault_point returns 0. */
extern int (*dig_fault_hook)(const char *step);
int dig_fault_point(const char *step);

#endif /* STRATA_DIG_SCAN_H */

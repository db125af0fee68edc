/*
 * dig/write/write.h: the write stage: every artifact of `strata dig` from one model, and
 * the cscope-style answers of the queries. Writers read only the model.
 */
#ifndef STRATA_DIG_WRITE_H
#define STRATA_DIG_WRITE_H

#include <stdio.h>

#include "dig/model/model.h"
#include "dig/write/escape.h"

/* What the caller wants written and where. */
struct write_opts {
	const char *dir;        /* the folder to write into: write_out_dir() of the new output */
	const char *root;       /* the scanned root, as given (for titles) */
	int svg;                /* render .svg with graphviz dot */
	const char *root_abs;   /* the root's absolute path, kept in .strata-root for the queries
	                           (NULL: not written) */
};

/* What happened. */
struct write_result {
	int dot_missing;        /* SVG wanted but graphviz `dot` could not be run */
	double rf;              /* the redundancy factor the artifacts show (write/rank.c) */
	char error[512];        /* why writing failed (when write_all returns -1) */
};

/* Write every artifact into opts->dir and render the SVGs. Returns 0, or -1 with
 * res->error set. Only the new output folder is written: OUT itself changes when the
 * caller commits it (write_out_commit). */
int write_all(const struct model *model, const struct write_opts *opts, struct write_result *res);

/* ---- the output folder (outdir.c) -------------------------------------------------------
 * OUT is replaced whole or not at all, and only when it is missing, empty or an earlier
 * strata output (outdir.c's theory says how that is proved). A dig calls
 *   write_out_begin    resolve OUT, refuse DIR and its ancestors, wait for a live dig into
 *                      OUT, clean the orphans of killed runs, prove OUT replaceable, make
 *                      the new folder beside it (held locked until the dig ends);
 *   write_out_dir      ... where every file of the new output goes (the fact cache too:
 *                      write_out_cache_new), so that all of it moves as one;
 *   write_out_commit   the manifest, then one atomic swap, then the old output removed;
 *   write_out_abort    on any failure: the new folder removed, OUT as it was.
 * Messages go into why (names escaped for a terminal); notes (waiting for a lock, an
 * orphan left alone) go to `note` when not NULL. */
struct write_out;
int write_out_begin(struct write_out **o, const char *out, const char *root, FILE *note, char *why, size_t n);
const char *write_out_dir(const struct write_out *o);
/* The old output's fact cache folder (NULL when OUT holds none), the new one's. */
const char *write_out_cache_old(const struct write_out *o);
const char *write_out_cache_new(const struct write_out *o);
/* The folders the walk must not read (the new folder, and OUT when it exists): device and
 * inode pairs into devs/inos (at most max). Returns how many. */
int write_out_skip(const struct write_out *o, uint64_t *devs, uint64_t *inos, int max);
/* Swap the new output in. 0, or -1 with why (then OUT is as it was and o is freed). */
int write_out_commit(struct write_out *o, FILE *note, char *why, size_t n);
/* Give up: remove the new folder, unlock, free. NULL is allowed. */
void write_out_abort(struct write_out *o, FILE *note);
/* dig --shard: may a part be written into PART (part.c writes part.manifest and
 * facts.cache there)? Not DIR nor its ancestor, no link, and nothing in it but a part's
 * own files. 0, or -1 with why. */
int write_part_check(const char *part, const char *root, char *why, size_t n);
/* Queries: open OUT for reading once its marker says it is a complete strata output.
 * Returns a folder descriptor (read every file relative to it), or -1 with why. */
int write_out_open(const char *out, char *why, size_t n);



/* The artifact names, in the order they are written (NULL-terminated). */
extern const char *const write_artifact_names[];
/* Is rel (a path inside an output folder) a file the write stage writes? Every writer of
 * the table, the SVGs, .strata-root: what folder.c accepts in a half-written output. */
int write_is_artifact(const char *rel);

#endif /* STRATA_DIG_WRITE_H */

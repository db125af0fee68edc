/*
 * dig/write/write.h: the write stage: every artifact of `strata dig` from one model, and
 * the cscope-style answers of the queries. Writers read only the model.
 */
#ifndef STRATA_DIG_WRITE_H
#define STRATA_DIG_WRITE_H

#include <stdio.h>

#include "dig/model/model.h"

/* What the caller wants written and where. */
struct write_opts {
	const char *out;        /* the output folder (replaced only on success) */
	const char *root;       /* the scanned root, as given (for titles) */
	int svg;                /* render .svg with graphviz dot */
	const char *keep;       /* a path inside the old OUT to carry into the new one (the fact
	                           cache), relative to OUT; NULL for none */
	const char *root_abs;   /* the root's absolute path, kept in OUT/.strata-root for the
	                           queries (NULL: not written) */
};

/* What happened. */
struct write_result {
	int dot_missing;        /* SVG wanted but graphviz `dot` could not be run */
	char error[512];        /* why writing failed (when write_all returns -1) */
};

/* Write every artifact into a temporary folder beside OUT, render the SVGs, then replace
 * OUT with it. Returns 0, or -1 with res->error set (OUT is then untouched). */
int write_all(const struct model *model, const struct write_opts *opts, struct write_result *res);

/* The artifact names, in the order they are written (NULL-terminated). */
extern const char *const write_artifact_names[];

#endif /* STRATA_DIG_WRITE_H */

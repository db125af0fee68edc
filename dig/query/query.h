/*
 * dig/query/query.h: `strata callers|callees|trace` answered from the query index
 * (dig/query/qindex.h) alone: no scan, no model.
 */
#ifndef STRATA_DIG_QUERY_QUERY_H
#define STRATA_DIG_QUERY_QUERY_H

#include <stdio.h>

#include "dig/query/qindex.h"

enum qx_query { QX_CALLERS = 0, QX_CALLEES, QX_TRACE };

enum qx_format {
	QX_FORMAT_TEXT = 0,   /* cscope-style lines with strata's extras (the default) */
	QX_FORMAT_JSON,       /* one JSON object */
	QX_FORMAT_CSCOPE      /* exactly cscope -L's `file function line text` */
};

struct qx_request {
	enum qx_query query;
	const char *name;     /* the function */
	const char *in;       /* only definitions under this folder, or NULL */
	int depth;            /* trace depth */
	enum qx_format format;
	const char *root;     /* the dug tree's root (OUT/.strata-root), or NULL: cscope lines
	                         show the source line from it, else the call as read */
};

/* Answer one request on `to`; messages on `err`. Returns 0, 1 when no function has that
 * name (message printed), -1 when the index failed a check (qx_error says why), -2 when out
 * of memory. */
int qx_answer(struct qx *ix, const struct qx_request *rq, FILE *to, FILE *err);

#endif /* STRATA_DIG_QUERY_QUERY_H */

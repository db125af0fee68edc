/*
 * dig/query/answer.c: the answers of `strata callers|callees|trace NAME`, from the query
 * index alone, in three formats:
 *
 *   text    one line per call, `file function line callee(args)`, with what strata knows
 *           beyond cscope: ` [via macro M]`, ` (ambiguous: N candidates)` on callers,
 *           ` -> resolved` on callees; same-name definitions each under `== file name line`;
 *           a trace as an indented tree `name@file:line [kind implN] xCOUNT`.
 *   cscope  exactly cscope's -L lines, `file function line text`, nothing else: callers
 *           name the calling function (as -3), callees the called one (as -2), a trace
 *           lists the call sites along its edges (callees style); text is the source
 *           line as cscope prints it (blanks folded, from the dug tree), else the call
 *           as strata read it, `callee(args)`.
 *   json    one object: {"schema", "version", "query", "name", "definitions": [...]} with
 *           a record per call (or a nested tree for trace); docs/report-format.md.
 *
 * Same-name definitions: all are answered (text and json say which is which), and stderr
 * lists them unless --in picked fewer. Order is the index's: calls in file and line order.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dig/query/query.h"
#include "dig/write/escape.h"

#define QX_JSON_VERSION 1
/* An ambiguous call's resolution lists at most this many candidates (text). */
#define QX_MAX_CANDS 8

/* The answer's state: the index, the output, the options. */
struct qx_answer {
	struct qx *ix;
	FILE *to;
	enum qx_format format;
	int depth;
	unsigned char *onpath;         /* trace: nodes on the current path */
	unsigned char *seen;           /* trace (cscope): edges' parents already listed */
	int first;                     /* json: no comma before the next element */
	const char *root;              /* cscope: the tree the source lines come from, or NULL */
	char *src_file;                /* cscope: the file being read (its index path) */
	FILE *src;                     /* it, open, or NULL when it cannot be read */
	uint32_t src_next;             /* the number of the line getline reads next */
	char *src_buf;                 /* getline's buffer */
	size_t src_cap;
};

/* Line `line` of `file` (relative to a->root) as cscope prints it (leading blanks dropped,
 * runs of blanks folded to one space, trailing blanks dropped), in a->src_buf; NULL when
 * the file cannot be read or has no such line. The calls come in file and line order, so
 * the file stays open and is read forward (rewound when a line comes again). */
static const char *qx_src_line(struct qx_answer *a, const char *file, uint32_t line)
{
	ssize_t n = 0;
	if (!a->src_file || strcmp(a->src_file, file) != 0) {
		char *path = malloc(strlen(a->root) + strlen(file) + 2);
		if (a->src)
			fclose(a->src);
		free(a->src_file);
		a->src = NULL;
		a->src_file = strdup(file);
		if (path && a->src_file) {
			sprintf(path, "%s/%s", a->root, file);
			a->src = fopen(path, "rb");
		}
		free(path);
		a->src_next = 1;
	}
	if (!a->src)
		return NULL;
	if (line < a->src_next) {
		rewind(a->src);
		a->src_next = 1;
	}
	while (a->src_next <= line && (n = getline(&a->src_buf, &a->src_cap, a->src)) >= 0)
		a->src_next++;
	if (n < 0 || a->src_next != line + 1)
		return NULL;
	{
		char *o = a->src_buf;
		for (const char *p = a->src_buf; p < a->src_buf + n; p++) {
			int blank = *p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' || *p == '\f' || *p == '\v';
			if (!blank)
				*o++ = *p;
			else if (o > a->src_buf && o[-1] != ' ')
				*o++ = ' ';
		}
		while (o > a->src_buf && o[-1] == ' ')
			o--;
		*o = '\0';
	}
	return a->src_buf;
}

/* A node's file path, or NULL for an external (or after an error). */
static const char *qx_node_path(struct qx *ix, const struct qx_node *node)
{
	return node->file == UINT32_MAX ? NULL : qx_file(ix, node->file);
}

/* name@path:line, or the name alone for an external (text). */
static void qx_node_txt(struct qx *ix, const struct qx_node *node, FILE *to)
{
	const char *path = qx_node_path(ix, node);
	write_txt(to, qx_str(ix, node->name));
	if (path) {
		fputc('@', to);
		write_txt(to, path);
		fprintf(to, ":%u", node->line);
	}
}

/* The function column of a call: its caller, or <global>. */
static const char *qx_caller_name(struct qx *ix, const struct qx_call *c)
{
	const char *name = qx_str(ix, c->text);
	return !name ? NULL : c->caller < 0 ? "<global>" : name;
}

/* `file function line callee(args)` (text and cscope); `function` given by the caller. */
static void qx_call_line(struct qx *ix, const struct qx_call *c, const char *function, int via, FILE *to)
{
	const char *file = qx_file(ix, c->file), *callee = qx_str(ix, c->callee), *args = qx_call_args(ix, c);
	if (!file || !callee || !args || !function)
		return;
	write_txt(to, file);
	fputc(' ', to);
	write_txt(to, function);
	fprintf(to, " %u ", c->line);
	write_txt(to, *callee ? callee : "?");
	fputc('(', to);
	write_txt(to, args);
	fputc(')', to);
	if (via && c->via) {
		const char *v = qx_str(ix, c->via);
		if (v) {
			fputs(" [via macro ", to);
			write_txt(to, v);
			fputc(']', to);
		}
	}
}

/* A cscope line: `file function line text`, text the source line when the tree can be
 * read, else the call as strata read it. */
static void qx_cscope_line(struct qx_answer *a, const struct qx_call *c, const char *function)
{
	const char *file = qx_file(a->ix, c->file);
	const char *text = file && function && a->root ? qx_src_line(a, file, c->line) : NULL;
	if (!text) {
		qx_call_line(a->ix, c, function, 0, a->to);
		return;
	}
	write_txt(a->to, file);
	fputc(' ', a->to);
	write_txt(a->to, function);
	fprintf(a->to, " %u ", c->line);
	write_txt(a->to, text);
}

/* How a call resolved (text): "<owner> name@path:line", "ambiguous a | b", "unresolved". */
static void qx_resolved_txt(struct qx *ix, const struct qx_call *c, FILE *to)
{
	if (c->node < 0) {
		fputs("unresolved", to);
		return;
	}
	if (c->target == QX_TARGET_AMBIGUOUS || c->target == QX_TARGET_DISPATCH) {
		const uint32_t *cands = qx_cands(ix, c);
		fputs(c->target == QX_TARGET_AMBIGUOUS ? "ambiguous " : "dispatch ", to);
		for (uint32_t j = 0; cands && j < c->ncands && j < QX_MAX_CANDS; j++) {
			const struct qx_node *n = qx_node_get(ix, cands[j]);
			if (!n)
				return;
			if (j)
				fputs(" | ", to);
			fprintf(to, "%s ", qx_str(ix, n->owner));
			qx_node_txt(ix, n, to);
		}
		if (c->ncands > QX_MAX_CANDS)
			fprintf(to, " | ... %u more candidates (topology.json has the API counts)", c->ncands - QX_MAX_CANDS);
		return;
	}
	{
		const struct qx_node *n = qx_node_get(ix, (uint32_t)c->node);
		if (!n)
			return;
		fprintf(to, "%s ", qx_str(ix, n->owner));
		qx_node_txt(ix, n, to);
	}
}

/* JSON: a key with a string value, or null. */
static void qx_json_kv(FILE *to, const char *key, const char *value)
{
	fprintf(to, "\"%s\":", key);
	if (value)
		write_json_string(to, value);
	else
		fputs("null", to);
}

/* JSON: a node's identity fields (name, file, line, kind, impl), without braces. */
static void qx_json_node(struct qx *ix, const struct qx_node *node, FILE *to)
{
	const char *path = qx_node_path(ix, node);
	qx_json_kv(to, "name", qx_str(ix, node->name));
	fputc(',', to);
	qx_json_kv(to, "file", path);
	if (path)
		fprintf(to, ",\"line\":%u,", node->line);
	else
		fputs(",\"line\":null,", to);
	qx_json_kv(to, "kind", qx_str(ix, node->kind));
	fputc(',', to);
	qx_json_kv(to, "impl", node->impl ? qx_str(ix, node->impl) : NULL);
}

/* JSON: one call record; with `resolved`, its target(s). */
static void qx_json_call(struct qx *ix, const struct qx_call *c, int resolved, FILE *to)
{
	static const char *const targets[] = { "node", "ambiguous", "dispatch", "none" };
	fputc('{', to);
	qx_json_kv(to, "file", qx_file(ix, c->file));
	fputc(',', to);
	qx_json_kv(to, "function", c->caller < 0 ? NULL : qx_caller_name(ix, c));
	fprintf(to, ",\"line\":%u,", c->line);
	qx_json_kv(to, "callee", qx_str(ix, c->callee));
	fputc(',', to);
	qx_json_kv(to, "args", qx_call_args(ix, c));
	fputc(',', to);
	qx_json_kv(to, "via_macro", c->via ? qx_str(ix, c->via) : NULL);
	fprintf(to, ",\"target\":\"%s\",\"candidates\":%u", targets[c->target & 3], c->ncands);
	if (resolved) {
		fputs(",\"resolved\":[", to);
		if (c->target == QX_TARGET_AMBIGUOUS || c->target == QX_TARGET_DISPATCH) {
			const uint32_t *cands = qx_cands(ix, c);
			for (uint32_t j = 0; cands && j < c->ncands; j++) {
				const struct qx_node *n = qx_node_get(ix, cands[j]);
				if (!n)
					break;
				fputs(j ? ",{" : "{", to);
				qx_json_node(ix, n, to);
				fputc('}', to);
			}
		} else if (c->node >= 0) {
			const struct qx_node *n = qx_node_get(ix, (uint32_t)c->node);
			if (n) {
				fputc('{', to);
				qx_json_node(ix, n, to);
				fputc('}', to);
			}
		}
		fputc(']', to);
	}
	fputc('}', to);
}

/* Callers (in) or callees (out) of one node. */
static void qx_answer_calls(struct qx_answer *a, uint32_t n, int callees)
{
	uint32_t count;
	const uint32_t *calls = callees ? qx_callees(a->ix, n, &count) : qx_callers(a->ix, n, &count);
	for (uint32_t i = 0; calls && i < count && !qx_error(a->ix); i++) {
		const struct qx_call *c = qx_call_get(a->ix, calls[i]);
		if (!c)
			return;
		switch (a->format) {
		case QX_FORMAT_TEXT:
			qx_call_line(a->ix, c, qx_caller_name(a->ix, c), 1, a->to);
			if (!callees && c->target == QX_TARGET_AMBIGUOUS)
				fprintf(a->to, " (ambiguous: %u candidates)", c->ncands);
			if (callees) {
				fputs(" -> ", a->to);
				qx_resolved_txt(a->ix, c, a->to);
			}
			fputc('\n', a->to);
			break;
		case QX_FORMAT_CSCOPE:
			qx_cscope_line(a, c, callees ? qx_str(a->ix, c->callee) : qx_caller_name(a->ix, c));
			fputc('\n', a->to);
			break;
		case QX_FORMAT_JSON:
			if (i)
				fputc(',', a->to);
			qx_json_call(a->ix, c, callees, a->to);
			break;
		}
	}
}

/* Does call c go to node t (as its target or one of its candidates)? */
static int qx_call_reaches(struct qx *ix, const struct qx_call *c, uint32_t t)
{
	if (c->target == QX_TARGET_AMBIGUOUS || c->target == QX_TARGET_DISPATCH) {
		const uint32_t *cands = qx_cands(ix, c);
		for (uint32_t j = 0; cands && j < c->ncands; j++)
			if (cands[j] == t)
				return 1;
		return 0;
	}
	return c->node >= 0 && (uint32_t)c->node == t;
}

/* One trace level: the node, then (unless it is a backend, an external, on the path already
 * or at the depth limit) the callees that are allocator APIs or lead to one. */
static void qx_trace_node(struct qx_answer *a, uint32_t n, uint32_t count, int level)
{
	struct qx *ix = a->ix;
	const struct qx_node *node = qx_node_get(ix, n);
	const struct qx_edge *edges;
	uint32_t nedges;
	int stop, cut = 0, cycle;
	if (!node || qx_error(ix))
		return;
	cycle = a->onpath[n];
	stop = cycle || (node->flags & (QX_NODE_BACKEND | QX_NODE_EXTERNAL));
	if (!stop && level >= a->depth)
		stop = cut = 1;
	if (a->format == QX_FORMAT_TEXT) {
		for (int i = 0; i < level; i++)
			fputs("  ", a->to);
		qx_node_txt(ix, node, a->to);
		fprintf(a->to, " [%s", qx_str(ix, node->kind));
		if (node->impl)
			fprintf(a->to, " %s", qx_str(ix, node->impl));
		fputc(']', a->to);
		if (count)
			fprintf(a->to, " x%u", count);
		fputs(cycle ? " (cycle)\n" : cut ? " ...\n" : "\n", a->to);
	} else if (a->format == QX_FORMAT_JSON) {
		fputc('{', a->to);
		qx_json_node(ix, node, a->to);
		fprintf(a->to, ",\"count\":%u,\"cycle\":%s,\"cut\":%s,\"callees\":[", count, cycle ? "true" : "false",
		        cut ? "true" : "false");
	}
	if (!stop) {
		int first = 1;
		a->onpath[n] = 1;
		edges = qx_edges(ix, n, &nedges);
		for (uint32_t e = 0; edges && e < nedges && !qx_error(ix); e++) {
			const struct qx_node *t = qx_node_get(ix, edges[e].to);
			if (!t || !(t->flags & QX_NODE_REACHES) || edges[e].to == n)
				continue;
			if (a->format == QX_FORMAT_CSCOPE && !a->seen[n]) {
				/* the call sites along this edge, callees style */
				uint32_t ncalls;
				const uint32_t *calls = qx_callees(ix, n, &ncalls);
				for (uint32_t i = 0; calls && i < ncalls; i++) {
					const struct qx_call *c = qx_call_get(ix, calls[i]);
					if (c && qx_call_reaches(ix, c, edges[e].to)) {
						qx_cscope_line(a, c, qx_str(ix, c->callee));
						fputc('\n', a->to);
					}
				}
			}
			if (a->format == QX_FORMAT_JSON && !first)
				fputc(',', a->to);
			first = 0;
			qx_trace_node(a, edges[e].to, edges[e].count, level + 1);
		}
		a->seen[n] = 1;
		a->onpath[n] = 0;
	}
	if (a->format == QX_FORMAT_JSON)
		fputs("]}", a->to);
}

/* Same-name definitions, one per line, on stderr (the ambiguity message). */
static void qx_candidates(struct qx *ix, const uint32_t *nodes, uint32_t n, FILE *to)
{
	for (uint32_t i = 0; i < n; i++) {
		const struct qx_node *node = qx_node_get(ix, nodes[i]);
		const char *path;
		if (!node)
			return;
		path = qx_node_path(ix, node);
		fputs("  ", to);
		if (path) {
			write_msg_name(to, path);
			fputc(' ', to);
			write_msg_name(to, qx_str(ix, node->name));
			if (!(node->flags & QX_NODE_NPARAMS))
				fprintf(to, " %u %s (parameters unknown)\n", node->line, qx_str(ix, node->kind));
			else
				fprintf(to, " %u %s (%d parameter%s)\n", node->line, qx_str(ix, node->kind), node->nparams,
				        node->nparams == 1 ? "" : "s");
		} else {
			write_msg_name(to, qx_str(ix, node->name));
			fprintf(to, " (%s)\n", qx_str(ix, node->kind));
		}
	}
}

int qx_answer(struct qx *ix, const struct qx_request *rq, FILE *to, FILE *err)
{
	static const char *const queries[] = { "callers", "callees", "trace" };
	struct qx_answer a;
	uint32_t *nodes, n;
	int rc = 0;

	n = qx_find(ix, rq->name, rq->in, NULL, 0);
	if (qx_error(ix))
		return -1;
	if (n == 0) {
		fputs("strata: ", err);
		write_msg_name(err, rq->name);
		fprintf(err, ": no function of that name%s", rq->in ? " under " : "");
		write_msg_name(err, rq->in ? rq->in : "");
		fputc('\n', err);
		return 1;
	}
	nodes = malloc((size_t)n * sizeof *nodes);
	memset(&a, 0, sizeof a);
	a.ix = ix;
	a.to = to;
	a.format = rq->format;
	a.depth = rq->depth;
	a.root = rq->format == QX_FORMAT_CSCOPE ? rq->root : NULL;
	if (rq->query == QX_TRACE) {
		a.onpath = calloc((size_t)qx_nnodes(ix) + 1, 1);
		a.seen = calloc((size_t)qx_nnodes(ix) + 1, 1);
	}
	if (!nodes || (rq->query == QX_TRACE && (!a.onpath || !a.seen))) {
		fputs("strata: out of memory\n", err);
		rc = -2;
		goto out;
	}
	qx_find(ix, rq->name, rq->in, nodes, n);
	if (n > 1) {
		fputs("strata: ", err);
		write_msg_name(err, rq->name);
		fprintf(err, " is defined %u times (pick one with --in DIR):\n", n);
		qx_candidates(ix, nodes, n, err);
	}
	if (a.format == QX_FORMAT_JSON) {
		fprintf(to, "{\"schema\":\"strata.query\",\"version\":%d,\"query\":\"%s\",", QX_JSON_VERSION,
		        queries[rq->query]);
		qx_json_kv(to, "name", rq->name);
		fputs(",\"definitions\":[", to);
	}
	for (uint32_t i = 0; i < n && !qx_error(ix); i++) {
		const struct qx_node *node = qx_node_get(ix, nodes[i]);
		if (!node)
			break;
		if (a.format == QX_FORMAT_TEXT && n > 1) {
			const char *path = qx_node_path(ix, node);
			fputs("== ", to);
			write_txt(to, path ? path : "(external)");
			fputc(' ', to);
			write_txt(to, qx_str(ix, node->name));
			fprintf(to, " %u\n", node->line);
		}
		if (a.format == QX_FORMAT_JSON) {
			fputs(i ? ",{" : "{", to);
			qx_json_node(ix, node, to);
			fputs(rq->query == QX_TRACE ? ",\"trace\":" : ",\"calls\":[", to);
		}
		if (rq->query == QX_TRACE)
			qx_trace_node(&a, nodes[i], 0, 0);
		else
			qx_answer_calls(&a, nodes[i], rq->query == QX_CALLEES);
		if (a.format == QX_FORMAT_JSON)
			fputs(rq->query == QX_TRACE ? "}" : "]}", to);
	}
	if (a.format == QX_FORMAT_JSON)
		fputs("]}\n", to);
	if (qx_error(ix))
		rc = -1;
out:
	free(nodes);
	free(a.onpath);
	free(a.seen);
	if (a.src)
		fclose(a.src);
	free(a.src_file);
	free(a.src_buf);
	return rc;
}

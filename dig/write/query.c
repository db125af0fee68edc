/*
 * dig/write/query.c: the answers of `strata callers|callees|trace NAME`, cscope-style:
 * one line per call, `file function line callee(args)`. Callers are the call sites that
 * resolve to the chosen definitions (ambiguous ones marked), callees the calls inside
 * them. A trace walks down from NAME through callees that are allocator APIs or lead to
 * one, to the backends, depth-limited and cycle-safe.
 */
#include <stdlib.h>
#include <string.h>

#include "dig/write/write_impl.h"

/* Same-name definitions, one per line (the ambiguity message). */
void write_query_candidates(const struct model *model, const uint32_t *nodes, uint32_t n, FILE *to)
{
	for (uint32_t i = 0; i < n; i++) {
		const struct model_node *node = &model->nodes[nodes[i]];
		fputs("  ", to);
		if (node->file) {
			write_txt(to, node->file->path);
			fputc(' ', to);
			write_txt(to, node->name);
			if (node->func->nparams < 0)
				fprintf(to, " %u %s (parameters unknown)\n", node->func->line, model_node_kind(model, nodes[i]));
			else
				fprintf(to, " %u %s (%d parameter%s)\n", node->func->line, model_node_kind(model, nodes[i]),
				        node->func->nparams, node->func->nparams == 1 ? "" : "s");
		} else {
			write_txt(to, node->name);
			fprintf(to, " (%s)\n", model_node_kind(model, nodes[i]));
		}
	}
}

/* Callers of the given nodes. */
void write_query_callers(const struct model *model, const uint32_t *nodes, uint32_t n, FILE *to)
{
	struct write_index idx;
	if (write_index_build(model, &idx))
		return;
	for (uint32_t i = 0; i < n; i++)
		for (uint32_t j = idx.target_start[nodes[i]]; j < idx.target_start[nodes[i] + 1]; j++) {
			const struct model_call *mc = &model->calls[idx.by_target[j]];
			write_call_line(model, mc, to);
			if (mc->target == MODEL_TARGET_AMBIGUOUS)
				fprintf(to, " (ambiguous: %u candidates)", mc->ncands);
			fputc('\n', to);
		}
	write_index_free(&idx);
}

/* Callees of the given nodes. */
void write_query_callees(const struct model *model, const uint32_t *nodes, uint32_t n, FILE *to)
{
	struct write_index idx;
	if (write_index_build(model, &idx))
		return;
	for (uint32_t i = 0; i < n; i++)
		for (uint32_t j = idx.caller_start[nodes[i]]; j < idx.caller_start[nodes[i] + 1]; j++) {
			const struct model_call *mc = &model->calls[idx.by_caller[j]];
			write_call_line(model, mc, to);
			fputs(" -> ", to);
			write_resolved_txt(model, mc, to);
			fputc('\n', to);
		}
	write_index_free(&idx);
}

/* Print one trace level recursively. `onpath` marks nodes on the current path. */
static void query_trace_node(const struct model *model, const struct write_index *idx, uint32_t n, uint32_t count,
                             int level, int depth, unsigned char *onpath, FILE *to)
{
	const struct model_node *node = &model->nodes[n];
	for (int i = 0; i < level; i++)
		fputs("  ", to);
	write_node_txt(model, n, to);
	fprintf(to, " [%s", model_node_kind(model, n));
	if (node->impl >= 0)
		fprintf(to, " %s", model->impls[node->impl].id);
	fputc(']', to);
	if (count)
		fprintf(to, " x%u", count);
	if (onpath[n]) {
		fputs(" (cycle)\n", to);
		return;
	}
	if ((node->flags & MODEL_NODE_BACKEND) || !node->func) {
		fputc('\n', to);
		return;
	}
	if (level >= depth) {
		fputs(" ...\n", to);
		return;
	}
	fputc('\n', to);
	onpath[n] = 1;
	for (uint32_t e = model->out_start[n]; e < model->out_start[n + 1]; e++) {
		uint32_t t = model->edges[e].to;
		if (!idx->reaches[t] || t == n)
			continue;
		query_trace_node(model, idx, t, model->edges[e].count, level + 1, depth, onpath, to);
	}
	onpath[n] = 0;
}

/* Trace each node down to the backends. */
void write_query_trace(const struct model *model, const uint32_t *nodes, uint32_t n, int depth, FILE *to)
{
	struct write_index idx;
	unsigned char *onpath;
	if (write_index_build(model, &idx))
		return;
	onpath = calloc((size_t)model->nnodes + 1, 1);
	if (onpath)
		for (uint32_t i = 0; i < n; i++)
			query_trace_node(model, &idx, nodes[i], 0, 0, depth, onpath, to);
	free(onpath);
	write_index_free(&idx);
}

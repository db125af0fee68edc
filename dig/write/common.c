/*
 * dig/write/common.c: what several writers print the same way: call indexes, a node's
 * spelling, how a call resolved, a cscope-style line, short names for paths.
 */
#include <stdlib.h>
#include <string.h>

#include "dig/write/write_impl.h"

/* Group call indices by a key per call (counting sort); keys[i] lists the keys of call i. */
static int common_group(const struct model *model, int by_caller, uint32_t **out, uint32_t **start)
{
	uint32_t nn = model->nnodes, total = 0;
	uint32_t *st = calloc((size_t)nn + 2, sizeof *st), *fill, *arr;
	if (!st)
		return -1;
	for (uint32_t i = 0; i < model->ncalls; i++) {
		const struct model_call *mc = &model->calls[i];
		if (by_caller) {
			if (mc->caller >= 0) {
				st[mc->caller + 1]++;
				total++;
			}
		} else if (mc->ncands) {
			for (uint32_t j = 0; j < mc->ncands; j++)
				st[model_call_cands(model, mc)[j] + 1]++;
			total += mc->ncands;
		} else if (mc->node >= 0) {
			st[mc->node + 1]++;
			total++;
		}
	}
	for (uint32_t i = 0; i < nn; i++)
		st[i + 1] += st[i];
	arr = malloc(((size_t)total + 1) * sizeof *arr);
	fill = calloc((size_t)nn + 1, sizeof *fill);
	if (!arr || !fill) {
		free(st);
		free(arr);
		free(fill);
		return -1;
	}
	for (uint32_t i = 0; i < model->ncalls; i++) {
		const struct model_call *mc = &model->calls[i];
		if (by_caller) {
			if (mc->caller >= 0)
				arr[st[mc->caller] + fill[mc->caller]++] = i;
		} else if (mc->ncands) {
			for (uint32_t j = 0; j < mc->ncands; j++)
				arr[st[model_call_cands(model, mc)[j]] + fill[model_call_cands(model, mc)[j]]++] = i;
		} else if (mc->node >= 0) {
			arr[st[mc->node] + fill[mc->node]++] = i;
		}
	}
	free(fill);
	*out = arr;
	*start = st;
	return 0;
}

/* Build the call indexes and the "reaches an allocator" marks. */
int write_index_build(const struct model *model, struct write_index *idx)
{
	uint32_t *stack;
	uint32_t top = 0;
	memset(idx, 0, sizeof *idx);
	if (common_group(model, 0, &idx->by_target, &idx->target_start) ||
	    common_group(model, 1, &idx->by_caller, &idx->caller_start))
		return -1;
	idx->reaches = calloc((size_t)model->nnodes + 1, 1);
	stack = malloc(((size_t)model->nnodes + 1) * sizeof *stack);
	if (!idx->reaches || !stack) {
		free(stack);
		return -1;
	}
	for (uint32_t n = 0; n < model->nnodes; n++) {
		const struct model_node *node = &model->nodes[n];
		if (node->impl >= 0 || (node->flags & (MODEL_NODE_ALLOC | MODEL_NODE_FREE | MODEL_NODE_BACKEND))) {
			idx->reaches[n] = 1;
			stack[top++] = n;
		}
	}
	for (uint32_t i = 0; i < model->ncalls; i++)
		if (model->calls[i].alloc_site && model->calls[i].node >= 0 && !idx->reaches[model->calls[i].node]) {
			idx->reaches[model->calls[i].node] = 1;
			stack[top++] = (uint32_t)model->calls[i].node;
		}
	while (top) {
		uint32_t n = stack[--top];
		for (uint32_t j = model->in_start[n]; j < model->in_start[n + 1]; j++) {
			uint32_t from = model->edges[model->in_edges[j]].from;
			if (!idx->reaches[from]) {
				idx->reaches[from] = 1;
				stack[top++] = from;
			}
		}
	}
	free(stack);
	return 0;
}

/* Free the indexes. */
void write_index_free(struct write_index *idx)
{
	free(idx->by_target);
	free(idx->target_start);
	free(idx->by_caller);
	free(idx->caller_start);
	free(idx->reaches);
	memset(idx, 0, sizeof *idx);
}

/* A node as name@path:line (externals: just the name). */
void write_node_txt(const struct model *model, uint32_t n, FILE *to)
{
	const struct model_node *node = &model->nodes[n];
	write_txt(to, node->name);
	if (node->file) {
		fputc('@', to);
		write_txt(to, node->file->path);
		fprintf(to, ":%u", node->func->line);
	}
}

/* The implementation id of a node, or what it is when it belongs to none. */
const char *write_node_owner(const struct model *model, uint32_t n)
{
	const struct model_node *node = &model->nodes[n];
	if (node->impl >= 0)
		return model->impls[node->impl].id;
	if ((node->flags & MODEL_NODE_BACKEND) && (node->flags & MODEL_NODE_EXTERNAL))
		return "external-backend";
	if (node->flags & MODEL_NODE_BACKEND)
		return "backend";
	if (node->flags & MODEL_NODE_EXTERNAL)
		return "external";
	return "function";
}

/* How a call resolved: "<owner> name@path:line", "ambiguous <a> | <b>", "dispatch ...". */
void write_resolved_txt(const struct model *model, const struct model_call *mc, FILE *to)
{
	if (mc->node < 0) {
		fputs("unresolved", to);
		return;
	}
	if (mc->target == MODEL_TARGET_AMBIGUOUS || mc->target == MODEL_TARGET_DISPATCH) {
		fputs(mc->target == MODEL_TARGET_AMBIGUOUS ? "ambiguous " : "dispatch ", to);
		for (uint32_t j = 0; j < mc->ncands && j < WRITE_MAX_CANDS; j++) {
			if (j)
				fputs(" | ", to);
			fprintf(to, "%s ", write_node_owner(model, model_call_cands(model, mc)[j]));
			write_node_txt(model, model_call_cands(model, mc)[j], to);
		}
		if (mc->ncands > WRITE_MAX_CANDS)
			fprintf(to, " | ... %u more candidates (topology.json has the API counts)", mc->ncands - WRITE_MAX_CANDS);
		return;
	}
	fprintf(to, "%s ", write_node_owner(model, (uint32_t)mc->node));
	write_node_txt(model, (uint32_t)mc->node, to);
}

/* cscope-style: `file function line callee(args)`, plain-text escaped. */
void write_call_line(const struct model *model, const struct model_call *mc, FILE *to)
{
	const struct dig_call *call = model_call_fact(model, mc);
	const char *callee = model_call_callee(model, mc), *via = model_call_via(model, mc);
	write_txt(to, model->tree->files[mc->file_index].path);
	fputc(' ', to);
	write_txt(to, mc->caller >= 0 ? model->nodes[mc->caller].name : "<global>");
	fprintf(to, " %u ", call->line);
	write_txt(to, callee ? callee : "?");
	fputc('(', to);
	write_txt(to, call->args ? call->args : "");
	fputc(')', to);
	if (via) {
		fputs(" [via macro ", to);
		write_txt(to, via);
		fputc(']', to);
	}
}

/* The last k components of path (the whole path when it has k or fewer). */
static const char *common_suffix(const char *path, unsigned k)
{
	const char *p = path + strlen(path);
	while (p > path) {
		if (p[-1] == '/' && --k == 0)
			return p;
		p--;
	}
	return path;
}

/* Shortest distinguishing suffixes: for each path, grow the suffix a component at a time
 * from min until no other path's suffix of as many components is the same string. A graph
 * labels a few dozen paths at most, so every pair is compared. */
void write_path_suffixes(const char *const *paths, uint32_t n, unsigned min, size_t *at)
{
	for (uint32_t i = 0; i < n; i++) {
		const char *s = paths[i];
		for (unsigned k = min ? min : 1;; k++) {
			int clash = 0;
			s = common_suffix(paths[i], k);
			for (uint32_t j = 0; j < n && !clash; j++)
				clash = j != i && strcmp(paths[j], paths[i]) != 0 && strcmp(common_suffix(paths[j], k), s) == 0;
			if (!clash || s == paths[i])
				break;
		}
		at[i] = (size_t)(s - paths[i]);
	}
}

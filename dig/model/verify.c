/*
 * dig/model/verify.c: the model's invariants, as one function per structure.
 *
 * 1. Nodes: definitions first, in file order, each pointing at its own file and a live
 *    function of it; then externals, sorted by name, unique, with no file.
 * 2. Calls: in file order (a statement macro's use gives several calls of one fact in a
 *    row: link.c), each naming a live call of a live file; its caller a definition
 *    of the same file; its target consistent with its candidates (NODE: one node and no
 *    list; AMBIGUOUS: two or more, strictly ascending; DISPATCH: one or more); every list
 *    inside model->cands; the renamed side table sorted by call and matching the flags.
 * 3. Edges: sorted by (from, to), unique, counted; the out index and the in index agree
 *    with them.
 * 4. Flags: only definitions are entry points or helpers; test code never is one; a node
 *    in an implementation is an entry point or a helper (classify, impl).
 * 5. Implementations: every member names it back, every node naming it is a member; files
 *    and (once sorted) members are in order; ids and chains are set (impl, sorted).
 * 6. Classify's indexes, while they exist: types and globals sorted, the ambiguous-call
 *    index consistent with the calls.
 * Each check returns NULL or a static text naming the broken invariant; model_verify runs
 * those that hold at the stage given. Cost: linear in the model (sortedness by neighbours,
 * membership by the members' back links), so debug builds can afford it after each stage.
 */
#include <string.h>

#include "dig/model/model_impl.h"

/* 1. The nodes. */
static const char *verify_nodes(const struct model *model)
{
	const struct dig_tree *tree = model->tree;
	if (model->ndefs > model->nnodes)
		return "more definitions than nodes";
	for (uint32_t n = 0; n < model->ndefs; n++) {
		const struct model_node *node = &model->nodes[n];
		const struct dig_file *f;
		if (node->file_index >= tree->nfiles)
			return "a definition's file index is out of range";
		f = &tree->files[node->file_index];
		if (node->file != f || !model_file_live(f))
			return "a definition's file is not its live file";
		if (!node->func || node->func < f->funcs || node->func >= f->funcs + f->nfuncs || node->func->dead)
			return "a definition's function is not a live function of its file";
		if (n && (model->nodes[n - 1].file_index > node->file_index ||
		          (model->nodes[n - 1].file_index == node->file_index && model->nodes[n - 1].func >= node->func)))
			return "definitions are not in file order";
		if (node->impl < -1 || (node->impl >= 0 && (uint32_t)node->impl >= model->nimpls))
			return "a definition's implementation index is out of range";
	}
	for (uint32_t n = model->ndefs; n < model->nnodes; n++) {
		const struct model_node *node = &model->nodes[n];
		if (node->file || node->func || node->file_index != UINT32_MAX || !(node->flags & MODEL_NODE_EXTERNAL))
			return "an external node has a file or lacks its flag";
		if (node->impl != -1)
			return "an external node is in an implementation";
		if (n > model->ndefs && strcmp(model->nodes[n - 1].name, node->name) >= 0)
			return "external names are not sorted and unique";
	}
	return NULL;
}

/* 2. One call's target and candidates. */
static const char *verify_call_target(const struct model *model, const struct model_call *mc)
{
	const uint32_t *cands = model_call_cands(model, mc);
	if (mc->node < -1 || (mc->node >= 0 && (uint32_t)mc->node >= model->nnodes))
		return "a call's target node is out of range";
	if ((uint64_t)mc->cands_at + mc->ncands > model->ncands)
		return "a call's candidates run past model->cands";
	switch (mc->target) {
	case MODEL_TARGET_NODE:
		if (mc->node < 0 || mc->ncands)
			return "a NODE call has no node, or a candidate list";
		return NULL;
	case MODEL_TARGET_AMBIGUOUS:
	case MODEL_TARGET_DISPATCH:
		if (mc->ncands < (mc->target == MODEL_TARGET_AMBIGUOUS ? 2u : 1u) || mc->node != (int32_t)cands[0])
			return "an AMBIGUOUS or DISPATCH call's candidates do not start at its node";
		for (uint32_t k = 0; k < mc->ncands; k++)
			if (cands[k] >= model->nnodes || (k && cands[k - 1] >= cands[k]))
				return "a call's candidates are out of range or not strictly ascending";
		return NULL;
	default:
		return mc->node >= 0 || mc->ncands ? "a NONE call has a target" : NULL;
	}
}

/* 2. The calls and the renamed side table. */
static const char *verify_calls(const struct model *model)
{
	const struct dig_tree *tree = model->tree;
	uint32_t renamed = 0;
	for (uint32_t i = 0; i < model->ncalls; i++) {
		const struct model_call *mc = &model->calls[i];
		const char *e;
		if (mc->file_index >= tree->nfiles || !model_file_live(&tree->files[mc->file_index]) ||
		    mc->index >= tree->files[mc->file_index].ncalls)
			return "a call's facts index is out of range or in a file that is not live";
		if (model_call_fact(model, mc)->dead)
			return "a call of #if 0 code is in the model";
		if (i && (model->calls[i - 1].file_index > mc->file_index ||
		          (model->calls[i - 1].file_index == mc->file_index && model->calls[i - 1].index > mc->index)))
			return "calls are not in file order";
		if (mc->caller < -1 || (mc->caller >= 0 && ((uint32_t)mc->caller >= model->ndefs ||
		                                             model->nodes[mc->caller].file_index != mc->file_index)))
			return "a call's caller is not a definition of its file";
		if ((e = verify_call_target(model, mc)) != NULL)
			return e;
		renamed += mc->renamed;
	}
	if (renamed != model->nrenamed)
		return "the renamed side table and the calls' flags disagree";
	for (uint32_t r = 0; r < model->nrenamed; r++)
		if (model->renamed[r].call >= model->ncalls || !model->calls[model->renamed[r].call].renamed ||
		    (r && model->renamed[r - 1].call >= model->renamed[r].call) || !model->renamed[r].callee)
			return "the renamed side table is not sorted by call or names a call not renamed";
	return NULL;
}

/* 3. The edges and their two indexes. */
static const char *verify_edges(const struct model *model)
{
	if (!model->out_start || !model->in_start || model->out_start[model->nnodes] != model->nedges ||
	    model->in_start[model->nnodes] != model->nedges)
		return "an edge index does not end at nedges";
	for (uint32_t e = 0; e < model->nedges; e++) {
		const struct model_edge *x = &model->edges[e];
		if (x->from >= model->nnodes || x->to >= model->nnodes || x->count == 0)
			return "an edge's ends are out of range or it counts no call";
		if (e && (model->edges[e - 1].from > x->from ||
		          (model->edges[e - 1].from == x->from && model->edges[e - 1].to >= x->to)))
			return "edges are not sorted by (from, to) and unique";
	}
	for (uint32_t n = 0; n < model->nnodes; n++) {
		if (model->out_start[n] > model->out_start[n + 1] || model->in_start[n] > model->in_start[n + 1])
			return "an edge index is not monotone";
		for (uint32_t e = model->out_start[n]; e < model->out_start[n + 1]; e++)
			if (model->edges[e].from != n)
				return "the out index names an edge that does not leave its node";
		for (uint32_t i = model->in_start[n]; i < model->in_start[n + 1]; i++)
			if (model->in_edges[i] >= model->nedges || model->edges[model->in_edges[i]].to != n ||
			    (i > model->in_start[n] && model->edges[model->in_edges[i - 1]].from >= model->edges[model->in_edges[i]].from))
				return "the in index names an edge that does not arrive at its node, or out of order";
	}
	return NULL;
}

/* 4. What the flags may say. */
static const char *verify_flags(const struct model *model, enum model_stage stage)
{
	for (uint32_t n = 0; n < model->nnodes; n++) {
		const struct model_node *node = &model->nodes[n];
		if (!node->func && (node->flags & (MODEL_NODE_ALLOC | MODEL_NODE_FREE | MODEL_NODE_HELPER | MODEL_NODE_TEST)))
			return "an external node is flagged as an entry point, helper or test";
		if ((node->flags & MODEL_NODE_TEST) && (node->flags & (MODEL_NODE_ALLOC | MODEL_NODE_FREE)))
			return "test code is an entry point";
		if ((node->flags & MODEL_NODE_WRAPPER) && !(node->flags & (MODEL_NODE_ALLOC | MODEL_NODE_FREE)))
			return "a wrapper is no entry point";
		if (stage >= MODEL_STAGE_IMPL && node->impl >= 0 && !model_node_is_entry(node) &&
		    !(node->flags & MODEL_NODE_HELPER))
			return "a member of an implementation is neither an entry point nor a helper";
		if (stage >= MODEL_STAGE_IMPL && model_node_is_entry(node) && !(node->flags & MODEL_NODE_TEST) &&
		    node->impl < 0)
			return "an entry point belongs to no implementation";
	}
	return NULL;
}

/* Order node indices by name, path, line (how an implementation lists its members). */
static int verify_member_order(const struct model *model, uint32_t a, uint32_t b)
{
	const struct model_node *x = &model->nodes[a], *y = &model->nodes[b];
	int c = strcmp(x->name, y->name);
	if (c)
		return c;
	if ((c = strcmp(x->file->path, y->file->path)) != 0)
		return c;
	return x->func->line < y->func->line ? -1 : x->func->line > y->func->line;
}

/* 5. The implementations and their members. */
static const char *verify_impls(const struct model *model, enum model_stage stage)
{
	uint32_t members = 0, naming = 0;
	for (uint32_t k = 0; k < model->nimpls; k++) {
		const struct model_impl *impl = &model->impls[k];
		if (!impl->name || impl->nnodes == 0 || impl->nfiles == 0 || impl->nchain == 0)
			return "an implementation lacks a name, members, files or a chain";
		for (uint32_t i = 0; i < impl->nnodes; i++) {
			uint32_t n = impl->nodes[i];
			if (n >= model->ndefs || model->nodes[n].impl != (int)k)
				return "a member of an implementation does not name it back";
			if (stage >= MODEL_STAGE_SORTED && i && verify_member_order(model, impl->nodes[i - 1], n) > 0)
				return "an implementation's members are not sorted by name, path, line";
		}
		for (uint32_t i = 1; i < impl->nfiles && stage >= MODEL_STAGE_SORTED; i++)
			if (strcmp(impl->files[i - 1], impl->files[i]) >= 0)
				return "an implementation's files are not sorted and unique";
		for (uint32_t i = 0; i < impl->nchain; i++)
			if (impl->chain[i] >= model->nnodes)
				return "a backend chain names a node out of range";
		for (uint32_t i = 0; i < impl->nbackends; i++)
			if (impl->backends[i] >= model->nnodes)
				return "a backend names a node out of range";
		if (stage >= MODEL_STAGE_SORTED && (!impl->id || (k && strcmp(model->impls[k - 1].name, impl->name) > 0)))
			return "implementations are not sorted by name, or lack an id";
		members += impl->nnodes;
	}
	for (uint32_t n = 0; n < model->ndefs; n++)
		naming += model->nodes[n].impl >= 0;
	return members == naming ? NULL : "a node names an implementation that does not list it";
}

/* 6. Classify's indexes. */
static const char *verify_cls(const struct model *model)
{
	const struct model_cls *cls = model->cls;
	for (uint32_t i = 1; i < cls->nglobals; i++)
		if (model_global_cmp(&cls->globals[i - 1], &cls->globals[i]) > 0)
			return "classify's globals are not sorted by name, file";
	for (uint32_t i = 1; i < cls->ntypes; i++) {
		const struct model_typeword *x = &cls->types[i - 1], *y = &cls->types[i];
		int c = memcmp(x->p, y->p, x->n < y->n ? x->n : y->n);
		if (c > 0 || (c == 0 && x->n >= y->n))
			return "classify's type words are not sorted and unique";
	}
	for (uint32_t i = 1; i < cls->nalloc_globals; i++)
		if (strcmp(cls->alloc_globals[i - 1], cls->alloc_globals[i]) >= 0)
			return "classify's allocation globals are not sorted and unique";
	if (!cls->amb_start)
		return NULL;
	for (uint32_t n = 0; n < model->ndefs; n++)
		for (uint32_t j = cls->amb_start[n]; j < cls->amb_start[n + 1]; j++)
			if (cls->amb_calls[j] >= model->ncalls || model->calls[cls->amb_calls[j]].target != MODEL_TARGET_AMBIGUOUS ||
			    model->calls[cls->amb_calls[j]].caller != (int32_t)n)
				return "the ambiguous-call index names a call that is not its node's ambiguous call";
	return NULL;
}

/* Every check that holds once `stage` is done, in order; the first broken one's text. */
const char *model_verify(const struct model *model, enum model_stage stage)
{
	const char *e;
	if ((e = verify_nodes(model)) || (e = verify_calls(model)) || (e = verify_edges(model)))
		return e;
	if (stage >= MODEL_STAGE_CLASSIFY && (e = verify_flags(model, stage)))
		return e;
	if (stage >= MODEL_STAGE_IMPL && (e = verify_impls(model, stage)))
		return e;
	if (model->cls && (e = verify_cls(model)))
		return e;
	return NULL;
}

/*
 * dig/model/forward.c: wrappers found by what they pass on (issue 11, item 1).
 *
 * The entry rules of classify.c want a raw-memory return with a size or a handle, so an
 * allocator's public face that takes only flags (`void *palloc_get_page(flags) { return
 * palloc_get_multiple(flags, 1); }`) or returns a typed handle is missed when it only
 * hands on what its file's allocator gives. Such a definition is an allocation entry
 * point (classify.c then makes it a wrapper; it joins the implementation of its file)
 * when its body, as the parser read it:
 *   - returns memory (a pointer): the value of exactly one call, to an allocation entry
 *     point of its own file found so far that returns memory. One of another file would
 *     make it an implementation of its own, a layer that the wrapper rules of classify.c
 *     weigh by name and shape and that a forwarder too easily imitates; a number handed
 *     on is as often a statistic as a unit (`zmalloc_get_rss` returning the used count);
 *   - passes every parameter it takes into that call's arguments, so it builds nothing
 *     from its inputs (a constructor stores them in the object: `new_node(key)`);
 *   - writes no state and nothing through a pointer (a constructor fills the fields of
 *     what it got: `p->refs = 1`), makes no call for its effect but to check or report
 *     (`mutex_init(&p->lock)` sets the object up), declares no static, touches no
 *     file-scope state, and is short (a few statements around the one call);
 *   - is no lock, release, walker or test function, and no entry point already;
 *   - is named with an allocation word (`*alloc*`): a hint, and what makes the scan read
 *     its body at every depth (a verbless body is parsed only with --deep all, and the
 *     map must not change with the depth).
 * Two rounds: a face of such a face. The entry is marked SIG_FOUND_WRAPPER: it names its
 * implementation only when no other entry point can (impl.c).
 */
#include <string.h>

#include "dig/model/model_impl.h"

/* At most this many code lines: the one call, a local, a cast, a return. */
#define FORWARD_LOC 8

/* Does call mc reach an allocation entry point of n's own file (no release, no test)?
 * One of another file would make the forwarder an implementation of its own, a layer the
 * wrapper rules of classify.c already weigh by its name and shape; one of its own file is
 * that allocator's public face, its member. */
static int forward_to_alloc(const struct model *model, uint32_t n, const struct model_call *mc)
{
	const struct model_node *t;
	if (mc->target != MODEL_TARGET_NODE || mc->node < 0 || (uint32_t)mc->node == n)
		return 0;
	t = &model->nodes[mc->node];
	return t->func && t->file_index == model->nodes[n].file_index && (t->flags & MODEL_NODE_ALLOC) &&
	       !(t->flags & (MODEL_NODE_FREE | MODEL_NODE_TEST)) && !(t->sig & SIG_LOCKNAME) &&
	       (t->func->returns_pointer || (t->sig & SIG_RET_MEM));
}

/* Is call mc one made only to check or report (an assert, a log line)? */
static int forward_effect_only(const struct model *model, const struct model_call *mc)
{
	const char *name = model_call_callee(model, mc);
	return model_vocab_match(model->vocab, VOCAB_ASSERT, name) || model_vocab_match(model->vocab, VOCAB_LOG, name);
}

/* Does every named parameter of f appear, as a whole identifier, in the argument text? */
static int forward_passes_params(const struct dig_func *f, const char *args)
{
	if (model_params_void(f))
		return 1;
	for (int i = 0; i < f->nparams; i++) {
		const char *pn = f->param_names ? f->param_names[i] : NULL;
		if (!pn || !*pn || !args || !model_args_name(args, pn))
			return 0;
	}
	return 1;
}

/* Is definition n a forwarder by its body (the theory above)? */
static int forward_is_wrapper(const struct model *model, uint32_t n)
{
	const struct model_node *node = &model->nodes[n];
	const struct dig_func *f = node->func;
	uint32_t first, end, hit = UINT32_MAX;
	if (!model_partner_candidate(model, node, 1) || !(node->sig & SIG_NAME_ALLOC) ||
	    !(f->returns_pointer || (node->sig & SIG_RET_MEM)) ||
	    !f->body_parsed || f->loc > FORWARD_LOC ||
	    (node->flags & MODEL_NODE_BACKEND) || (node->sig & (SIG_STATE | SIG_OWN_STATE | SIG_STATIC_ARENA)) ||
	    (f->body & (DIG_BODY_WRITES_THROUGH | DIG_BODY_WRITES_STATE | DIG_BODY_STATIC)))
		return 0;
	end = model_calls_of_def(model, n, &first);
	for (uint32_t c = first; c < end; c++) {
		const struct model_call *mc = &model->calls[c];
		const struct dig_call *dc = model_call_fact(model, mc);
		if (mc->caller != (int32_t)n || dc->dead)
			continue;
		if (!(dc->flow & DIG_FLOW_RETURN) || (dc->flow & (DIG_FLOW_BYVAL | DIG_FLOW_WEAK))) {
			/* a call made for its effect sets the object up (`mutex_init(&p->lock)`),
			 * unless it checks or reports (an assert, a log line) */
			if (dc->discarded && !forward_effect_only(model, mc))
				return 0;
			continue;
		}
		if (hit != UINT32_MAX)
			return 0;   /* two values flow out: it combines, it does not forward */
		hit = c;
	}
	if (hit == UINT32_MAX || !forward_to_alloc(model, n, &model->calls[hit]))
		return 0;
	return forward_passes_params(f, model_call_fact(model, &model->calls[hit])->args);
}

void model_forward_entries(struct model *model, unsigned char *file_has_alloc)
{
	for (int round = 0; round < 2; round++)
		for (uint32_t n = 0; n < model->ndefs; n++) {
			struct model_node *node = &model->nodes[n];
			if (!forward_is_wrapper(model, n))
				continue;
			node->flags |= MODEL_NODE_ALLOC;
			node->sig |= SIG_FOUND_WRAPPER;
			if (file_has_alloc)
				file_has_alloc[node->file_index] = 1;
		}
}

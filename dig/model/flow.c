/*
 * dig/model/flow.c: where what an entry point hands out comes from.
 *
 * The scan reads, per call, whether its value becomes its function's output (dig_call.flow:
 * RETURN, the return value or a local whose field is returned; OUT, what a pointer
 * parameter points to). An entry point's first backend link is the call that produces what
 * it hands out, not the most-called allocator of its body: `ipqe = pool_get(&pool, f);
 * return ipqe;` gets its memory from pool_get, whatever else the body calls;
 * `awinac_allocm` returns `dma->dma_addr`, which `awinac_allocdma(sc, size, 16, dma)`
 * fills, so the `dma = kmem_alloc(sizeof(*dma))` record is not the source; a status-code
 * function's output goes through its pointer parameters (`*addrp = addr` after
 * `vm_map_find_entry(map, &addr, size, ...)`), so for it OUT comes before RETURN (its
 * return value is a status), and for a function returning a pointer or raw memory
 * (SIG_RET_MEM: `caddr_t`, `vm_offset_t`) only RETURN counts (`&dma->handle` filled by a
 * handle allocation is not the memory returned, nor is `mutex_enter(&pp->lock)`).
 *
 * model_flow_source follows the output down. A call whose value flows out goes to
 *  - a source the caller accepts (impl.c: a lower target of the chain, a function of
 *    another implementation such as `pool_get` of the pool allocator whatever its kind, a
 *    public helper of the same one that outside code calls for memory, a macro named like
 *    an allocator): that is the source;
 *  - a function in no implementation that returns memory or fills an address it is given:
 *    it is the source itself (`vm_map_find_entry(map, &addr, ...)`: which of its outputs
 *    the caller takes, the range or the entry record, is not followed into it); one that
 *    only tests a lock it is given (no memory returned, a lock in its name:
 *    `sync_lock_held(&c->lock)`) fills nothing; nor is one that returns a pointer and only
 *    computes it from its arguments (an address computed from a block) or only moves what
 *    it is given, given a field of the caller's record (listpool.c: a list's pop `return
 *    list_get(&part->free)`): then the memory is the caller's own;
 *  - for a status-returning entry whose output goes out through a pointer from an
 *    allocation entry point of its own implementation, that is the output: its returned
 *    status, and what a call returns into it on another path, are not followed;
 *  - a call inside an assertion (an argument of `ASSERT`, `KASSERT`: the assert
 *    vocabulary) is tested, never handed out, and is no source whatever it calls;
 *  - but a call that gets the pointer by value after it was obtained (BYVAL: `memset(p,
 *    0, n)`, `list_insert_tail(&l, mem)`, `device_private(dev)` when a field of p, mem or
 *    dev is what is handed out) can at most write into that memory: it is a candidate only
 *    when its body puts what a call gives it through a pointer parameter (flow OUT:
 *    `ring_fill(r)` doing `bus_dmamem_alloc(..., &r->addr)`), or, a body the parser did
 *    not read, when it calls an allocator (flow_fills_params);
 *  - the object whose field is handed out with no call of the body filling that field
 *    (WEAK: `m = vm_page_grab(...)`, `return m->phys_addr`) is a source only when no other
 *    call of the level is, and only as one the caller accepts (never a function in none:
 *    an address conversion `p = kaddr(h->addr)` of `return p->data` is not a source);
 *  - a helper of the same implementation: followed into that helper's own output (a
 *    helper that wraps the page allocator, one that fills a DMA record), at most
 *    MODEL_FLOW_DEPTH calls deep;
 *  - an ops-table method or a hook variable (`pkt = (*tran->tran_init_pkt)(...)`,
 *    `return mem_alloc_fn(n)`) set to one function, leaving out the caller itself (a layer
 *    that saved the old value and put itself in) and, outside the tests, test files' hooks
 *    (flow_hook_target): that function, as a direct call would be;
 *  - several candidates of which one is a source (as a single target would be), or a
 *    method or hook set to several functions or to none found (0 candidates): kept as
 *    such, the chain then names the callee and says it is ambiguous, never self-contained.
 * The sources of the first level that has any are the answer (most-called first, then
 * first met); where an entry hands out from several (a small path to a zone, a large one
 * to pages), the chain's own ranking picks among them (impl.c). Nothing found: the chain
 * falls back on the paths.
 */
#include <stdlib.h>
#include <string.h>

#include "dig/model/model_impl.h"

/* How far back an assertion around a call may start: calls, lines (flow_in_assert). */
#define FLOW_ASSERT_BACK 8
#define FLOW_ASSERT_LINES 4

/* Is call mc an argument of an assertion: a call of the assert vocabulary made by the same
 * function just before it (its line or a few before: a `KASSERT` spans lines) whose
 * argument span holds mc (`ASSERT(sync_lock_held(&c->lock))`)? What it returns is tested,
 * never handed out, and a build without assertions makes no such call. The calls are in
 * the order they are written, each before the calls of its arguments: mc lies inside the
 * assertion's span when its argument text calls mc's callee more often than the calls
 * between the two do (`KASSERT(foo_get(x)); p = foo_get(y);`: the second foo_get is the
 * one call of that name after the assertion's own, outside it). */
static int flow_in_assert(const struct model *model, const struct model_call *mc)
{
	const char *callee = model_call_callee(model, mc);
	uint32_t line = model_call_fact(model, mc)->line, first = model_calls_of_file(model, mc->file_index);
	uint32_t between = 0;
	size_t n = callee ? strlen(callee) : 0;
	for (uint32_t i = (uint32_t)(mc - model->calls), k = 0; n && i > first && k < FLOW_ASSERT_BACK; k++) {
		const struct model_call *a = &model->calls[--i];
		const struct dig_call *f = model_call_fact(model, a);
		const char *at = f->args, *name = model_call_callee(model, a);
		uint32_t occurs = 0;
		if (a->caller != mc->caller || f->line + FLOW_ASSERT_LINES < line)
			break;
		if (!at || !model_vocab_match(model->vocab, VOCAB_ASSERT, name)) {
			between += name && strcmp(name, callee) == 0;
			continue;
		}
		for (at = strstr(at, callee); at; at = strstr(at + 1, callee))
			occurs += (at == f->args || !model_ident_char(at[-1])) && at[n + strspn(at + n, " ")] == '(';
		if (occurs > between)
			return 1;
	}
	return 0;
}

/* Does t only test a lock: it returns no memory and its name names a lock
 * (`sync_lock_held(&c->lock)`, `mutex_owned(&sc->lock)`)? Given the lock's address, it
 * fills nothing the caller hands out. */
static int flow_tests_lock(const struct model_node *tn)
{
	return !tn->func->returns_pointer && !(tn->sig & SIG_RET_MEM) && model_name_has_lock(tn->name);
}

/* Is the first argument of args the address of a field (`&h->free`, `&s.list`): a part of
 * the caller's own record? */
static int flow_field_address(const char *args)
{
	size_t n;
	if (!args)
		return 0;
	while (*args == ' ')
		args++;
	if (*args != '&' || args[1] == '&')
		return 0;
	n = strcspn(args, ",");
	for (size_t i = 1; i + 1 < n; i++)
		if (args[i] == '.' || (args[i] == '-' && args[i + 1] == '>'))
			return 1;
	return 0;
}

/* Is the first argument of call mc (made by fn) the address of a variable of fn's world,
 * no local or parameter of it (`&_Objects_MP_Inactive_global_objects`, a list its file
 * keeps: `static CHAIN_DEFINE_EMPTY(...)`)? What a function that moves only gives back
 * from it is a node the caller's state already held, as from a field of its record. */
static int flow_global_address(const struct model *model, const struct model_call *mc, uint32_t fn)
{
	const struct dig_func *f = model->nodes[fn].func;
	const char *a = model_call_fact(model, mc)->args, *p;
	char name[128];
	size_t n;
	if (!a || !f)
		return 0;
	while (*a == ' ')
		a++;
	if (*a != '&' || a[1] == '&')
		return 0;
	for (p = a + 1; *p == ' '; p++)
		;
	for (n = 0; model_ident_char(p[n]) && n + 1 < sizeof name; n++)
		name[n] = p[n];
	name[n] = '\0';
	while (p[n] == ' ')
		n++;
	if (!n || !(p[n] == ',' || p[n] == '\0') || (name[0] >= '0' && name[0] <= '9'))
		return 0;
	return model_strv_has(f->globals_used, f->nglobals_used, name);
}

/* Is t, called by fn in call mc, a function in no implementation that is a source of what
 * fn hands out: one that fills an address it is given (`vm_map_find_entry(map, &addr,
 * ...)`; not a test of a lock, flow_tests_lock) or returns memory (a pointer,
 * SIG_RET_MEM)? A function returning a number computed on the way (`ffs_isblock`, an
 * index) is none. */
static int flow_outside(const struct model *model, uint32_t t, uint32_t fn, const struct model_call *mc)
{
	const struct model_node *tn = &model->nodes[t];
	if (!tn->func || tn->impl >= 0 || t == fn || (tn->flags & MODEL_NODE_TEST) || (tn->sig & SIG_LOCKNAME))
		return 0;
	if (!tn->func->returns_pointer && !(tn->sig & SIG_RET_MEM))
		return (model_call_fact(model, mc)->flow & DIG_FLOW_FILLS) && !flow_tests_lock(tn);
	return !model_computes_only(model, t) &&
	       !((flow_field_address(model_call_fact(model, mc)->args) || flow_global_address(model, mc, fn)) &&
	         model_moves_only(model, t));
}

/* Does function t put what a call gives it through a pointer it is given (a call of its
 * body flows OUT: `bus_dmamem_alloc(t, size, 16, &d->addr)`, `p->buf = get(n)`)? Only such
 * a callee can be where memory comes from when it gets the pointer by value (`fill(d)`);
 * one that writes into the memory (`memset(p, 0, n)`), links it (`list_insert_tail(&l,
 * p)`) or reads a field of it (`device_private(dev)`) is not. A body the parser did not
 * read (flows unknown) counts when it calls an allocator or a backend. */
static int flow_fills_params(const struct model *model, uint32_t t)
{
	uint32_t first, end;
	if (t >= model->ndefs || !model->nodes[t].func)
		return 0;
	if (!model->nodes[t].func->body_parsed)
		return !!(model->nodes[t].sig & (SIG_CALLS_ALLOC | SIG_CALLS_BACKEND));
	end = model_calls_of_def(model, t, &first);
	for (uint32_t i = first; i < end; i++)
		if (model->calls[i].caller == (int32_t)t && (model_call_fact(model, &model->calls[i])->flow & DIG_FLOW_OUT))
			return 1;
	return 0;
}

int model_flow_fills_params(const struct model *model, uint32_t t)
{
	return flow_fills_params(model, t);
}

/* Does a call of fn whose value goes out through a pointer parameter (OUT, not an address
 * it fills) reach an allocation entry point of implementation impl? */
static int flow_own_out(const struct model *model, uint32_t fn, int impl)
{
	uint32_t first, end = model_calls_of_def(model, fn, &first);
	for (uint32_t i = first; i < end; i++) {
		const struct model_call *mc = &model->calls[i];
		unsigned flow = model_call_fact(model, mc)->flow;
		if (mc->caller == (int32_t)fn && (flow & DIG_FLOW_OUT) && !(flow & DIG_FLOW_FILLS) &&
		    mc->target == MODEL_TARGET_NODE && mc->node >= 0 && (uint32_t)mc->node != fn &&
		    model->nodes[mc->node].impl == impl && (model->nodes[mc->node].flags & MODEL_NODE_ALLOC))
			return 1;
	}
	return 0;
}

/* One level of the search: the calls of fn whose flow has `bit`. */
static int flow_level(const struct model *model, uint32_t fn, int impl, unsigned bit, int depth,
                      const struct model_flow_ask *ask, struct model_flow_pick *pick);

/* Follow the output of function fn (a helper on the way): its preferred flow first. */
static int flow_follow(const struct model *model, uint32_t fn, int impl, int depth,
                       const struct model_flow_ask *ask, struct model_flow_pick *pick)
{
	const struct model_node *n = &model->nodes[fn];
	int mem = n->func->returns_pointer || (n->sig & SIG_RET_MEM);
	if (depth > MODEL_FLOW_DEPTH)
		return 0;
	if (flow_level(model, fn, impl, mem ? DIG_FLOW_RETURN : DIG_FLOW_OUT, depth, ask, pick))
		return 1;
	/* memory returned is the output: what goes through its pointer parameters then is
	 * bookkeeping (`mutex_enter(&pp->lock)`); and what goes out through a pointer from an
	 * allocation entry point of the same implementation is the output, its returned
	 * status none (a partition's get: `*buffer = pop(part)`, `return remote_get(id,
	 * buffer)` on another path) */
	return !mem && !flow_own_out(model, fn, impl) && flow_level(model, fn, impl, DIG_FLOW_RETURN, depth, ask, pick);
}

/* The one function a call through a pointer goes to (mc: an ops-table method or a
 * variable, joined to what is stored into it, link.c): of its candidates, fn itself (a
 * layer that saved the slot's old value and put itself in) and, for a caller outside
 * the tests, the functions of test files (a test's hook set at run time) are not where
 * the slot points when the program runs; exactly one left is, else -1. */
static int32_t flow_hook_target(const struct model *model, uint32_t fn, const struct model_call *mc)
{
	const uint32_t *c = model_call_cands(model, mc);
	int test = !!(model->nodes[fn].flags & MODEL_NODE_TEST);
	int32_t one = -1;
	for (uint32_t k = 0; k < mc->ncands; k++) {
		if (c[k] == fn || (!test && (model->nodes[c[k]].flags & MODEL_NODE_TEST)))
			continue;
		if (one >= 0)
			return -1;
		one = (int32_t)c[k];
	}
	return one;
}

/* The sources call mc of fn (its flow bits `flow`) gives (into sub->nodes, sub->n of them), or an ambiguous call
 * or ops-table method the output leaves through (*amb, when none yet). A WEAK call (the
 * object whose field flows out) counts only for a source the caller accepts. */
static void flow_call_sources(const struct model *model, uint32_t fn, const struct model_call *mc, unsigned flow,
                              int impl, int depth, const struct model_flow_ask *ask, uint32_t nflow,
                              struct model_flow_pick *sub, const struct model_call **amb)
{
	int weak = !!(flow & DIG_FLOW_WEAK);
	sub->n = 0;
	if (flow_in_assert(model, mc))
		return;     /* its value is tested, never handed out */
	if ((flow & DIG_FLOW_BYVAL) &&
	    (mc->target != MODEL_TARGET_NODE || mc->node < 0 || !flow_fills_params(model, (uint32_t)mc->node)))
		return;     /* given the pointer by value, it fills nothing it hands back */
	if (mc->target == MODEL_TARGET_NODE && mc->node >= 0) {
		uint32_t t = (uint32_t)mc->node;
		const struct model_node *tn = &model->nodes[t];
		int ok = ask->accept(model, ask->ctx, impl, t);
		if (ok == MODEL_FLOW_ALONE && nflow > 1)
			ok = 0;     /* one of several: the function does more than forward to it */
		if (ok || (!weak && flow_outside(model, t, fn, mc))) {
			sub->nodes[0] = (int32_t)t;
			sub->n = 1;
		} else if (tn->func && t != fn && tn->impl == impl && flow_follow(model, t, impl, depth + 1, ask, sub)) {
			if (!sub->n && !*amb)
				*amb = sub->amb;
		} else {
			sub->n = 0;
		}
	} else if (weak) {
		return;
	} else if (mc->target == MODEL_TARGET_DISPATCH || (mc->target == MODEL_TARGET_NONE &&
	                                                   model_call_fact(model, mc)->kind == DIG_CALL_DISPATCH)) {
		int32_t one = flow_hook_target(model, fn, mc);
		if (one >= 0 && (ask->accept(model, ask->ctx, impl, (uint32_t)one) || flow_outside(model, (uint32_t)one, fn, mc))) {
			sub->nodes[0] = one;   /* the one function the slot or variable is set to */
			sub->n = 1;
		} else if (!*amb) {
			*amb = mc;  /* an ops-table method: the output leaves through it, whether or not
			               its registrations were found */
		}
	} else if (mc->target == MODEL_TARGET_AMBIGUOUS && !*amb) {
		const uint32_t *c = model_call_cands(model, mc);
		for (uint32_t k = 0; k < mc->ncands && !*amb; k++)
			if (ask->accept(model, ask->ctx, impl, c[k]) || flow_outside(model, c[k], fn, mc))
				*amb = mc;
	}
}

static int flow_level(const struct model *model, uint32_t fn, int impl, unsigned bit, int depth,
                      const struct model_flow_ask *ask, struct model_flow_pick *pick)
{
	uint32_t first, end = model_calls_of_def(model, fn, &first);
	uint32_t count[MODEL_FLOW_SET] = { 0 }, best = 0, nflow = 0;
	const struct model_call *amb = NULL;

	pick->n = 0;
	for (uint32_t i = first; i < end; i++)
		nflow += model->calls[i].caller == (int32_t)fn && (model_call_fact(model, &model->calls[i])->flow & bit);
	/* tier 0: the calls whose value flows out; tier 1, when those gave nothing: the WEAK
	 * ones (the object a field of which flows out) */
	for (unsigned tier = 0; tier < 2 && !pick->n && !amb; tier++)
		for (uint32_t i = first; i < end; i++) {
			const struct model_call *mc = &model->calls[i];
			unsigned flow = model_call_fact(model, mc)->flow;
			struct model_flow_pick sub;
			if (mc->caller != (int32_t)fn || !(flow & bit))
				continue;
			if (bit != DIG_FLOW_RETURN)
				flow &= ~(unsigned)(DIG_FLOW_BYVAL | DIG_FLOW_WEAK);  /* they qualify RETURN */
			if (!!(flow & DIG_FLOW_WEAK) != tier)
				continue;
			flow_call_sources(model, fn, mc, flow, impl, depth, ask, nflow, &sub, &amb);
			for (uint32_t g = 0; g < sub.n; g++) {
				uint32_t k = 0;
				while (k < pick->n && pick->nodes[k] != sub.nodes[g])
					k++;
				if (k == pick->n && pick->n < MODEL_FLOW_SET)
					pick->nodes[pick->n++] = sub.nodes[g];
				if (k < pick->n && ++count[k] > count[best])
					best = k;
			}
		}
	if (pick->n) {
		pick->node = pick->nodes[best];
		pick->amb = NULL;
		return 1;
	}
	if (amb) {
		pick->node = -1;
		pick->amb = amb;
		return 1;
	}
	return 0;
}

int model_flow_source(const struct model *model, uint32_t fn, int impl, const struct model_flow_ask *ask,
                      struct model_flow_pick *pick)
{
	ASSERT(fn < model->ndefs && model->nodes[fn].func);
	pick->node = -1;
	pick->amb = NULL;
	pick->n = 0;
	return flow_follow(model, fn, impl, 0, ask, pick);
}

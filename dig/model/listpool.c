/*
 * dig/model/listpool.c: allocators that pop a free list kept in a handle, through the
 * tree's own list helpers (issue 11, items 1 and 2).
 *
 * Theory. Many kernels keep their object pools and fixed-size partitions as a list in a
 * record the caller passes (a class's table of inactive objects, a partition's buffers, a
 * free chain of nodes) and work it through generic inline list helpers: the allocation
 * returns `list_get(&h->free)`, the release calls `list_append(&h->free, &obj->node)`.
 * Such an allocator has no raw-memory return (it hands out typed objects), often no
 * allocation verb (a `get`), and no state of its own file: the handle is its state. Two
 * behaviours find it:
 *   moves only  a definition whose body keeps no state (no variable of its file or of the
 *            tree, no static, no write to one), calls no allocator or backend, and whose
 *            output comes only from calls of such definitions (in a body the lexer read,
 *            whose flows are unknown, from any call but a statement of its own that passes
 *            no address: `_Assert(!empty(l))`; a check or a log defined nowhere is no
 *            source either; such a body returning raw memory never counts, as the lexer
 *            keeps no call through a pointer), MODEL_MOVES_DEPTH deep: a list's pop, push
 *            or walk, a search of a handle's ranges, an address computed from a block.
 *            Given a list that is a field of its caller's record (`list_get(&h->free)`),
 *            what it gives back is memory its caller already had: no source of the
 *            caller's (flow.c); given the handle itself (`win_reserve(bus, ...)` working
 *            the bus's windows) it may be the allocator.
 *   computes only  keeps no state in one statement (on one line, or wrapped on two)
 *            and calls nothing (`return (uintptr_t) block + HDR`) but functions that
 *            compute only themselves, two calls deep
 *            (`return (Heap_Block *)(_Heap_Align_down(begin, page) - HDR)`, the rounding
 *            one statement of arithmetic): never a source nor a lower allocator (flow.c,
 *            impl.c), whatever its name says.
 *   pop      a definition named as taking (an allocation verb, or a take word as a whole
 *            word, any case: `get`, `alloc`) returns a pointer and takes a handle first
 *            (a record pointer, not raw memory or a number); its value comes (flow
 *            RETURN) from a call of a function that moves only whose first argument is
 *            `&P->F`, P its handle parameter: the pop of list F of the handle; or from a
 *            call passing P on as the first argument of a function taking the same handle
 *            type that pops so (at most LISTPOOL_DEPTH calls deep: `alloc_static(info)`
 *            over `get_inactive(info)` over `list_get(&info->inactive)`). And a release
 *            (a give word as a whole word, not a lock: `Freechain_Put`, not the noun
 *            `Freechain`) somewhere in the
 *            tree takes the same handle type first and a second parameter, and pushes onto
 *            list F of its handle the same way (a call, a statement of its own, of another
 *            function that moves only with `&Q->F` first, itself or through a function it
 *            hands Q to; an address computed by one function on both sides,
 *            `buf_offset(&q->buf, i)`, is no list): `free_unlimited(info,
 *            obj)` appending `&obj->node` to `&info->inactive`. Both halves work one list
 *            of one kind of handle: the pop is an allocation entry point and the release
 *            its release entry point (it stays with its own file). A list walked or
 *            searched (a lookup takes a key and pops nothing: its value is a node it
 *            found, not one it took off) has no release pushing onto the same field, and a
 *            queue of waiting threads popped by a `get` and pushed back by an `enqueue` has
 *            no release name.
 * And one face:
 *   face     a definition named as taking (as above) that returns a status (no pointer, no
 *            raw memory) and takes a place for raw memory (`void **buffer`; a `struct
 *            vnode **vpp` gets an object, which a cache's lookup may find) passes out
 *            through it (flow OUT, not an address it fills; in a body the lexer read, whose
 *            flows are unknown, a value it uses) what an allocation entry point of its own
 *            file returns, a pointer (`b = pool_get(pool); ... *buffer = b;
 *            return OK;`): the public get of a partition over its static pop. It is an
 *            allocation entry point of that allocator (its file's implementation), no
 *            wrapper of another (classify.c). What such a get passes out from another
 *            file's allocator is not taken here: a driver's `get_param(sc, ..., size,
 *            void **buf)` fills a fresh buffer from its controller (a constructor's).
 * moves only and computes only are model.c's (model_moves_only, model_computes_only):
 * refute.c, which runs first, refutes an arithmetic entry point by the same shape.
 * The pop's implementation has the fixed-size role (role.c): one node of the list per call,
 * whatever size it is told to extend the list by; the list is its state, so it is never a
 * wrapper (classify.c). Runs after claim.c and before classify.c's release rules. The
 * list helpers' names never
 * decide; the handle's type and the list's field pair the halves.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dig/model/model_impl.h"

/* How many calls deep a pop or a push may be, through functions the handle is passed to
 * (an allocator over a class's inactive-object helper over the list's get). */
#define LISTPOOL_DEPTH 3
/* The longest list field name kept. */
#define LISTPOOL_FIELD 64

static int listpool_first_arg(const char *args, const char *p, char *field);

/* Does a (taking handle type `type` first, its body parsed) call b with no value of those
 * calls reaching its output, itself or through a function it hands its handle on to as
 * the first argument that takes the same handle type (LISTPOOL_DEPTH calls deep:
 * `_Heap_Allocate(heap, size)` over `_Heap_Allocate_aligned_with_boundary(heap, ...)`
 * over `_Heap_Block_allocate(heap, block, ...)`)? 1 yes, 0 no call, -1 a call of b
 * whose value it hands out. */
static int listpool_handle_calls(const struct model *model, uint32_t a, uint32_t b, const char *type, int depth)
{
	const struct dig_func *fa = model->nodes[a].func;
	char field[LISTPOOL_FIELD];
	uint32_t first, end;
	int calls = 0;
	if (depth > LISTPOOL_DEPTH || !fa || !fa->body_parsed || fa->nparams < 1 || !fa->param_types ||
	    !fa->param_types[0] || strcmp(fa->param_types[0], type) != 0)
		return 0;
	end = model_calls_of_def(model, a, &first);
	for (uint32_t i = first; i < end && calls >= 0; i++) {
		const struct model_call *mc = &model->calls[i];
		const struct dig_call *fact = model_call_fact(model, mc);
		int of_b = 0;
		if (mc->caller != (int32_t)a)
			continue;
		/* a call with several candidates, b among them, is a call of b */
		for (uint32_t k = 0; mc->target == MODEL_TARGET_AMBIGUOUS && k < mc->ncands; k++)
			of_b |= model_call_cands(model, mc)[k] == b;
		if (!of_b && (mc->target != MODEL_TARGET_NODE || mc->node < 0 || (uint32_t)mc->node == a))
			continue;
		if (of_b || (uint32_t)mc->node == b) {
			/* BYVAL: the call is given what flows out, its own value does not */
			if ((fact->flow & (DIG_FLOW_RETURN | DIG_FLOW_OUT | DIG_FLOW_FILLS)) && !(fact->flow & DIG_FLOW_BYVAL))
				calls = -1;
			else
				calls = 1;
		} else if (!calls && fa->param_names && fa->param_names[0] && fact->args &&
		           listpool_first_arg(fact->args, fa->param_names[0], field) == 2) {
			calls = listpool_handle_calls(model, (uint32_t)mc->node, b, type, depth + 1) > 0;
		}
	}
	return calls;
}

/* Do definitions a and b take the same handle first (the same record pointer type), and
 * does a, whose body the parser read, call b, itself or through the functions it hands its
 * handle on to, with no value of those calls reaching its output (`block =
 * block_allocate(heap, block, begin, size); ... return begin`; not `rv = win_reserve(b,
 * start, end, n); return rv`)? */
int model_same_handle(const struct model *model, uint32_t a, uint32_t b)
{
	const struct dig_func *fa = model->nodes[a].func, *fb = model->nodes[b].func;
	if (!fa || !fb || fa->nparams < 1 || fb->nparams < 1 || !fa->param_types || !fb->param_types ||
	    !model_handle_type(model, fa->param_types[0]) || !fb->param_types[0] ||
	    strcmp(fa->param_types[0], fb->param_types[0]) != 0)
		return 0;
	return listpool_handle_calls(model, a, b, fa->param_types[0], 0) > 0;
}

/* The handle definition n takes first (its type text), or NULL. */
static const char *listpool_handle(const struct model *model, uint32_t n)
{
	const struct dig_func *f = model->nodes[n].func;
	if (!f || f->nparams < 1 || !f->param_types || !f->param_names || !f->param_names[0] || !f->param_names[0][0] ||
	    !model_handle_type(model, f->param_types[0]))
		return NULL;
	return f->param_types[0];
}

/* Is the first argument of args exactly `&P->F` (spaces and one pair of parentheses
 * aside)? F into field. Or exactly P (returns 2)? Else 0. */
static int listpool_first_arg(const char *args, const char *p, char *field)
{
	size_t plen = strlen(p), k = 0;
	int amp = 0, paren = 0;
	while (*args == ' ')
		args++;
	if (*args == '&') {
		amp = 1;
		args++;
		while (*args == ' ')
			args++;
		if (*args == '(') {
			paren = 1;
			args++;
		}
	}
	while (*args == ' ')
		args++;
	if (strncmp(args, p, plen) != 0 || model_ident_char(args[plen]))
		return 0;
	args += plen;
	while (*args == ' ')
		args++;
	if (!amp)
		return (*args == ',' || *args == '\0') ? 2 : 0;
	if (strncmp(args, "->", 2) != 0)
		return 0;
	args += 2;
	while (*args == ' ')
		args++;
	while (model_ident_char(*args) && k + 1 < LISTPOOL_FIELD)
		field[k++] = *args++;
	field[k] = '\0';
	while (*args == ' ' || (paren && *args == ')'))
		args++;
	return k && (*args == ',' || *args == '\0');
}

/* The list field that definition n (taking handle type `type` first) pops (pop: the
 * value flows out) or pushes onto (a call that is a statement of its own), itself or
 * through functions it passes its handle to, into field, and the list function that does
 * it into *op; 1 when found. */
static int listpool_list_op(const struct model *model, uint32_t n, const char *type, int pop, int depth, char *field,
                            uint32_t *op)
{
	const struct dig_func *f = model->nodes[n].func;
	uint32_t first, end;
	if (depth > LISTPOOL_DEPTH || !listpool_handle(model, n) || strcmp(f->param_types[0], type) != 0)
		return 0;
	end = model_calls_of_def(model, n, &first);
	for (uint32_t i = first; i < end; i++) {
		const struct model_call *mc = &model->calls[i];
		const struct dig_call *fact = model_call_fact(model, mc);
		int how;
		if (mc->caller != (int32_t)n || mc->target != MODEL_TARGET_NODE || mc->node < 0 ||
		    (uint32_t)mc->node == n || !model->nodes[mc->node].func || !fact->args)
			continue;
		if (pop && (!f->body_parsed || !(fact->flow & DIG_FLOW_RETURN)))
			continue;
		how = listpool_first_arg(fact->args, f->param_names[0], field);
		if (how == 1 && (pop || fact->discarded) && model_moves_only(model, (uint32_t)mc->node)) {
			*op = (uint32_t)mc->node;
			return 1;
		}
		if (how == 2 && listpool_list_op(model, (uint32_t)mc->node, type, pop, depth + 1, field, op))
			return 1;
	}
	return 0;
}

/* Does `name` hold a word of `kind` (the pair words: VOCAB_PAIR_TAKE, VOCAB_PAIR_GIVE) as
 * a whole word, in any case (between the name's ends and underscores: `Freechain_Get`
 * holds get, not free)? */
static int listpool_word(const struct model *model, const char *name, enum model_vocab_kind kind)
{
	for (const char *p = name; *p;) {
		size_t len = strcspn(p, "_");
		if (model_vocab_is_word(model->vocab, kind, p, len, 1))
			return 1;
		p += len;
		p += *p == '_';
	}
	return 0;
}

/* Is node named as taking: an allocation verb, or a take word as a whole word? */
static int listpool_take_named(const struct model *model, const struct model_node *node)
{
	return (node->sig & SIG_NAME_ALLOC) || listpool_word(model, node->name, VOCAB_PAIR_TAKE);
}

/* Is node named as giving back: a give word as a whole word (a release verb inside a
 * longer word, `Freechain`, is a noun)? */
static int listpool_give_named(const struct model *model, const struct model_node *node)
{
	return listpool_word(model, node->name, VOCAB_PAIR_GIVE);
}

/* A release that pushes onto list `field` of a handle of type `type`. */
struct listpool_push {
	const char *type;
	char field[LISTPOOL_FIELD];
	uint32_t node;
	uint32_t op;             /* the list function that pushes */
};

/* Order pushes by handle type, then field. */
static int listpool_push_cmp(const void *a, const void *b)
{
	const struct listpool_push *x = a, *y = b;
	int c = strcmp(x->type, y->type);
	return c ? c : strcmp(x->field, y->field);
}

/* The releases of the tree that push onto a list of their handle, sorted; *n of them
 * (NULL when none or out of memory). */
static struct listpool_push *listpool_pushes(const struct model *model, uint32_t *n)
{
	struct listpool_push *v = NULL;
	uint32_t cap = 0;
	*n = 0;
	for (uint32_t r = 0; r < model->ndefs; r++) {
		const struct model_node *node = &model->nodes[r];
		const char *type;
		if (!node->func || node->func->nparams < 2 || (node->flags & MODEL_NODE_TEST) ||
		    (node->sig & SIG_LOCKNAME) || !(type = listpool_handle(model, r)) || !listpool_give_named(model, node))
			continue;
		if (*n == cap && model_grow((void **)&v, *n, &cap, sizeof *v)) {
			free(v);
			*n = 0;
			return NULL;
		}
		v[*n].type = type;
		v[*n].node = r;
		if (listpool_list_op(model, r, type, 0, 0, v[*n].field, &v[*n].op))
			(*n)++;
	}
	if (*n > 1)
		qsort(v, *n, sizeof *v, listpool_push_cmp);
	return v;
}

/* Does f take a `void **`, a place for raw memory it may fill (`void **buffer`; a
 * `struct vnode **vpp` gets an object a lookup may find)? */
static int listpool_takes_mem_out(const struct dig_func *f)
{
	for (int i = 0; i < f->nparams && f->param_types; i++)
		if (f->param_types[i] && strcmp(f->param_types[i], "void **") == 0)
			return 1;
	return 0;
}

/* face (the theory above): does n, named as taking and returning a status, pass out
 * through a `void **` what an allocation entry point of its own file returns? Its file's
 * calls are [clo, chi). */
static int listpool_face(const struct model *model, uint32_t n, uint32_t clo, uint32_t chi)
{
	const struct model_node *node = &model->nodes[n];
	const struct dig_func *f = node->func;
	if (!model_partner_candidate(model, node, 1) || f->returns_pointer || (node->sig & SIG_RET_MEM) ||
	    !listpool_take_named(model, node) || !listpool_takes_mem_out(f))
		return 0;
	for (uint32_t c = clo; c < chi; c++) {
		const struct model_call *mc = &model->calls[c];
		const struct dig_call *dc = model_call_fact(model, mc);
		const struct model_node *t;
		if (mc->caller != (int32_t)n || mc->target != MODEL_TARGET_NODE || mc->node < 0 || (uint32_t)mc->node == n ||
		    (f->body_parsed ? !(dc->flow & DIG_FLOW_OUT) || (dc->flow & DIG_FLOW_FILLS) : dc->discarded))
			continue;
		t = &model->nodes[mc->node];
		if (t->func && t->file_index == node->file_index && (t->flags & MODEL_NODE_ALLOC) &&
		    !(t->flags & MODEL_NODE_WRAPPER) && t->func->returns_pointer)
			return 1;
	}
	return 0;
}

/* The faces of every file's allocation entry points (listpool_face). */
static void listpool_faces(struct model *model, unsigned char *file_has_alloc)
{
	for (uint32_t lo = 0, hi, clo, chi; lo < model->ndefs; lo = hi) {
		model_file_spans(model, lo, &hi, &clo, &chi);
		for (uint32_t n = lo; n < hi; n++) {
			if (!listpool_face(model, n, clo, chi))
				continue;
			model->nodes[n].flags |= MODEL_NODE_ALLOC;
			model->nodes[n].sig |= SIG_OWN_FACE;
			if (file_has_alloc)
				file_has_alloc[model->nodes[n].file_index] = 1;
		}
	}
}

void model_listpool_entries(struct model *model, unsigned char *file_has_alloc)
{
	uint32_t npush;
	struct listpool_push *push = listpool_pushes(model, &npush), key;
	if (!push)
		return;
	for (uint32_t n = 0; n < model->ndefs; n++) {
		struct model_node *node = &model->nodes[n];
		struct listpool_push *hit;
		int paired = 0;
		if (!model_partner_candidate(model, node, 1) || !node->func->returns_pointer ||
		    !(key.type = listpool_handle(model, n)) || !listpool_take_named(model, node) ||
		    !listpool_list_op(model, n, key.type, 1, 0, key.field, &key.op))
			continue;
		hit = bsearch(&key, push, npush, sizeof *push, listpool_push_cmp);
		if (!hit)
			continue;
		while (hit > push && listpool_push_cmp(hit - 1, &key) == 0)
			hit--;
		/* the push is another list function than the pop (an address computed the same
		 * way on both sides, `buf_offset(&q->buf, i)`, is no list) */
		for (; hit < push + npush && listpool_push_cmp(hit, &key) == 0; hit++)
			if (hit->op != key.op) {
				model->nodes[hit->node].flags |= MODEL_NODE_FREE;
				paired = 1;
			}
		if (!paired)
			continue;
		node->flags |= MODEL_NODE_ALLOC;
		node->sig |= SIG_LISTPOOL;
		if (file_has_alloc)
			file_has_alloc[node->file_index] = 1;
	}
	free(push);
	listpool_faces(model, file_has_alloc);
}

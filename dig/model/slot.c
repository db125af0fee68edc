/*
 * dig/model/slot.c: allocators found by what they write (issue 11, item 1): slots of a
 * table claimed by a count, and pages installed at an address.
 *
 * Theory. Some allocators have no verb, no size, no raw-memory return and no release
 * named as one; what they write shows them. The scan's lexer reads, in every body, the
 * counts written and tested (`OBJ->F = 1`, `OBJ->F++`, `--OBJ->F`, `OBJ->F = 0`, `!OBJ->F`)
 * and the stores of a parameter into an array element (`pt[i] = page | 7`): facts.h
 * DIG_EV_COUNT and DIG_EV_PARAM_STORE, the same whatever depth the file was read at.
 *   slot     a definition that takes nothing and returns a pointer to an object (no raw
 *            memory) tests a count or flag field against 0 and sets it to a literal other
 *            than 0, or steps it up (`if (!inode->i_count) ...; inode->i_count = 1`,
 *            `if (fp->f_count == 0) fp->f_count++`), and a definition of its
 *            file that takes that object type gives the same field back through the
 *            parameter: steps it down or sets it to 0 (`iput(inode)`: `inode->i_count--`;
 *            `closef(fp)`: `fp->f_count = 0`). It hands out a slot of a table by its count,
 *            and the release puts it back; the release becomes the release entry, whatever
 *            it is named. When no definition of its file gives it back, one elsewhere
 *            in the tree that takes the object and does is its release (`get_empty_filp`
 *            in the file table, `close_fp` of the open code stepping f_count down); that
 *            release stays with its own file. A lookup takes a key (`iget(dev, nr)` steps the count of the
 *            entry it finds), so taking nothing is part of the rule; an object it gets from
 *            an allocator (`get_pipe_inode` over get_empty_inode and get_free_page) makes
 *            it a constructor, not a slot allocator; one that steps the count of the object
 *            it is at without testing for a free one takes a reference (`tty_hold`: the
 *            current session), and one that sets counts without testing any lays the table
 *            out (an init routine that returns the root entry).
 *   flag     a definition that takes parameters and returns a pointer to an object (no raw
 *            memory) claims a record by a flag: it tests a field against its free value
 *            (`!dag->used`, `req->rq_status == RQ_INACTIVE`, `!usb_devices[i].inuse`) and
 *            sets that field of the same object, or of the record it picked from the table
 *            it tested, to another value (`dag->used = 1`, `= RQ_ACTIVE`, `= TRUE`); and a
 *            definition taking that object type sets the field of its parameter back to the
 *            free value (`= 0`, `= FALSE`, `= RQ_INACTIVE`, a step down), in its file or
 *            elsewhere (`end_that_request_last`). The parameters say for whom or where
 *            (`usb_alloc_device(parent)`, `get_request(n, dev)`), so the object claimed is
 *            none of them (an operation sets the state of the object it is given:
 *            `port_start(p)`), and it is a cache's get in none of its ways: it takes no
 *            string or read-only key, steps no such field up (xv6's `bget`, `iget`: a
 *            reference to the record found), calls no lookup returning its own type
 *            (`getblk(dev, blk)` hands out what get_hash_table finds before it takes a free
 *            buffer), and hands out nothing an allocator gives it (a call whose value
 *            reaches its output; in a body the lexer read, any allocator called: the
 *            container it makes first, `in = inst_alloc(id)` when the instance whose
 *            table it searches is missing, is not what it hands out); nor is it a
 *            state machine that tests the value it sets (`mci_get`: MCIS_OPEN to
 *            MCIS_CLOSED, then `== MCIS_CLOSED`). Its name says it takes (a take word at a word start: `get`,
 *            `new`, `alloc`), as claim.c's claimers: state set and tested is everywhere
 *            (`fpu_intrz` sets its operand's class). One record per call: the role is
 *            fixed-size (role.c, SIG_FLAG_CLAIM).
 *   mapped   a definition that returns no pointer and takes an address calls an
 *            allocation entry point that hands out units (a page frame as a number, no
 *            pointer), and passes one variable both to a function that stores that
 *            parameter into a table, with one of its own parameters beside it (a number:
 *            the address), and to a release of that allocator's file (`get_empty_page(address)`:
 *            `tmp = get_free_page()`, `put_page(tmp, address)` stores its page into the page
 *            table, `free_page(tmp)` when that fails). It hands out the page by installing
 *            it at the caller's address, not through its value: a page-level entry point
 *            (the address space's teardown frees it). A temporary buffer passed to a
 *            function that reads or fills it is not stored by it; an object from malloc
 *            put into a driver's table of devices beside its softc is a registration.
 * Runs after refute.c (a mapped page's callers discard its value: refute.c's "nothing
 * handed out" would undo it) and before the release rules of classify.c. Names decide
 * nothing here but one precondition: the flag rule asks a take word of its definition's
 * name (model_partner_take_named), as a hint beside the flag it tests and sets.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dig/model/model_impl.h"

/* Is t an allocator a definition may get memory or an object from: a backend, an
 * allocation entry point, or an allocation name that returns a pointer or memory (a lock's
 * name aside; an allocation name that returns a number, a descriptor slot, gives no
 * memory)? */
static int slot_allocator(const struct model_node *t)
{
	if (t->sig & SIG_LOCKNAME)
		return 0;
	return (t->sig & SIG_BACKEND_NAME) || (t->flags & MODEL_NODE_ALLOC) ||
	       ((t->sig & SIG_NAME_ALLOC) && (!t->func || t->func->returns_pointer || (t->sig & SIG_RET_MEM)));
}

/* Does n get memory or an object from an allocator (slot_allocator)? */
static int slot_gets_memory(const struct model *model, uint32_t n)
{
	for (uint32_t e = model->out_start[n]; e < model->out_start[n + 1]; e++)
		if (model->edges[e].to != n && slot_allocator(&model->nodes[model->edges[e].to]))
			return 1;
	return 0;
}

/* Does n hand out what an allocator gives: a call of one whose value reaches its output
 * (dig_call.flow RETURN, not WEAK), or any call of one when the lexer read its body (no
 * flow known)? A flag claim that first makes the table's container (`in =
 * inst_alloc(id)`, then a free `in->table[]` entry) hands out the entry it claims, not
 * the container. */
static int slot_hands_out_memory(const struct model *model, uint32_t n)
{
	uint32_t first, end;
	if (!model->nodes[n].func->body_parsed)
		return slot_gets_memory(model, n);
	end = model_calls_of_def(model, n, &first);
	for (uint32_t i = first; i < end; i++) {
		const struct model_call *mc = &model->calls[i];
		unsigned flow = model_call_fact(model, mc)->flow;
		uint32_t nt = mc->target == MODEL_TARGET_NODE ? 1 : mc->ncands;
		if (mc->caller != (int32_t)n || mc->node < 0 || (flow & (DIG_FLOW_RETURN | DIG_FLOW_WEAK)) != DIG_FLOW_RETURN)
			continue;
		for (uint32_t k = 0; k < nt; k++) {
			uint32_t t = mc->target == MODEL_TARGET_NODE ? (uint32_t)mc->node : model_call_cands(model, mc)[k];
			if (t != n && slot_allocator(&model->nodes[t]))
				return 1;
		}
	}
	return 0;
}

/* Does definition fi of file f test field `field` (of any object) against 0? */
static int slot_tests(const struct dig_file *f, int32_t fi, const char *field)
{
	for (uint32_t e = 0; e < f->nevidence; e++) {
		const struct dig_evidence *ev = &f->evidence[e];
		const char *sp;
		if (ev->kind == DIG_EV_COUNT && ev->func == fi && !ev->dead && strcmp(ev->token, field) == 0 &&
		    (sp = strrchr(ev->text, ' ')) && strcmp(sp + 1, "?0") == 0 && !(sp - ev->text > 2 && sp[-1] == ']'))
			return 1;
	}
	return 0;
}

/* slot (the theory above): n, of the file whose definitions are [lo, hi), claims a slot
 * that one of them gives back: the release found; or, when none of its file does, a
 * definition elsewhere in the tree that takes the object gives it back (`get_empty_filp`
 * sets f_count 1 on a free file, `close_fp` of another file steps it down): -2; else -1. */
static int64_t slot_table(const struct model *model, uint32_t n, uint32_t lo, uint32_t hi)
{
	const struct model_node *node = &model->nodes[n];
	const struct dig_func *fn = node->func;
	const struct dig_file *f = node->file;
	int32_t fi = model_func_index(node);
	if (!fn->returns_pointer || (node->sig & SIG_RET_MEM) || !fn->return_type || !model_takes_nothing(fn) ||
	    slot_gets_memory(model, n))
		return -1;
	for (int elsewhere = 0; elsewhere < 2; elsewhere++)
		for (uint32_t e = 0; e < f->nevidence; e++) {
			const struct dig_evidence *ev = &f->evidence[e];
			if (ev->kind != DIG_EV_COUNT || ev->func != fi || ev->dead || !model_partner_count_claims(ev->text) ||
			    !slot_tests(f, fi, ev->token))
				continue;
			for (uint32_t r = elsewhere ? 0 : lo; r < (elsewhere ? model->ndefs : hi); r++)
				if (r != n && (!elsewhere || model->nodes[r].file_index != node->file_index) &&
				    model_partner_count_back(model, r, fn->return_type, ev->token))
					return elsewhere ? -2 : (int64_t)r;
		}
	return -1;
}

/* Is `name` one of f's parameters (1), one that is a number, no pointer (2)? */
static int slot_is_param(const struct dig_func *f, const char *name)
{
	int i = model_param_index(f, name);
	if (i < 0)
		return 0;
	return f->param_types && f->param_types[i] && !strchr(f->param_types[i], '*') ? 2 : 1;
}

/* Is the value a set op writes (`=N`, `=:C`; text after the space) none other than the
 * free value a test reads (`?0`: 0, false; `?=C`: C)? */
static int slot_flag_same(const char *set, const char *test)
{
	if (strcmp(test, "?0") == 0)
		return strcmp(set, "=0") == 0 || strcmp(set, "=:FALSE") == 0 || strcmp(set, "=:false") == 0;
	return strncmp(test, "?=", 2) == 0 && strncmp(set, "=:", 2) == 0 && strcmp(set + 2, test + 2) == 0;
}

/* Does definition fi of file f step field `field` up (`b->refcnt++`): a reference taken on
 * a record it found, a cache's get? */
static int slot_steps_up(const struct dig_file *f, int32_t fi, const char *field)
{
	for (uint32_t e = 0; e < f->nevidence; e++) {
		const struct dig_evidence *ev = &f->evidence[e];
		const char *sp;
		if (ev->kind == DIG_EV_COUNT && ev->func == fi && !ev->dead && strcmp(ev->token, field) == 0 &&
		    (sp = strrchr(ev->text, ' ')) && strcmp(sp + 1, "++") == 0)
			return 1;
	}
	return 0;
}

/* Does definition fi of file f compare field `field` with the constant set op `set`
 * (`=:C`) writes: a state machine stepping its object through states it tests
 * (`mci_get`: MCIS_OPEN to MCIS_CLOSED, then `== MCIS_CLOSED`), no claim of a free record? */
static int slot_tests_value(const struct dig_file *f, int32_t fi, const char *field, const char *set)
{
	for (uint32_t e = 0; e < f->nevidence && strncmp(set, "=:", 2) == 0; e++) {
		const struct dig_evidence *ev = &f->evidence[e];
		const char *sp;
		if (ev->kind == DIG_EV_COUNT && ev->func == fi && !ev->dead && strcmp(ev->token, field) == 0 &&
		    (sp = strrchr(ev->text, ' ')) && strncmp(sp + 1, "?=", 2) == 0 && strcmp(sp + 3, set + 2) == 0)
			return 1;
	}
	return 0;
}

/* Does n call a lookup of its objects: a definition that returns n's own type and is no
 * allocation entry point (`bh = get_hash_table(dev, block)`, returned when found)? */
static int slot_calls_lookup(const struct model *model, uint32_t n)
{
	const char *type = model->nodes[n].func->return_type;
	for (uint32_t e = model->out_start[n]; e < model->out_start[n + 1]; e++) {
		const struct model_node *t = &model->nodes[model->edges[e].to];
		if (model->edges[e].to != n && t->func && t->func->returns_pointer && t->func->return_type &&
		    strcmp(t->func->return_type, type) == 0 && !(t->flags & MODEL_NODE_ALLOC))
			return 1;
	}
	return 0;
}

/* The tree's definitions by the hashes of their typed, named parameters' types, for the
 * search of a release elsewhere in the tree (slot_flag_release): chains of definitions in
 * definition order, one chain a bucket of the hash, made at the first search. What
 * model_partner_count_back_ops asks of a definition before its evidence (a parameter of
 * the type, named; no test or lock definition) is no flag the slot rules set, so the
 * chains hold for the whole pass. */
struct slot_params {
	uint32_t *head;       /* per bucket: first entry, or UINT32_MAX */
	uint32_t *def, *next; /* per entry: the definition, the next entry of its bucket */
	uint32_t mask;
	int made;             /* 1 made, -1 could not be (the search then tries every definition) */
};

/* Make the chains (idx->made 1), or leave them unmade (-1) when out of memory. */
static void slot_params_make(const struct model *model, struct slot_params *idx)
{
	uint32_t cap = 0, n = 0;
	idx->made = -1;
	for (uint32_t r = 0; r < model->ndefs; r++)
		cap += model->nodes[r].func && model->nodes[r].func->nparams > 0 ? (uint32_t)model->nodes[r].func->nparams : 0;
	idx->mask = 1023;
	while (idx->mask < cap)
		idx->mask = idx->mask * 2 + 1;
	idx->head = malloc(((size_t)idx->mask + 1) * sizeof *idx->head);
	idx->def = malloc(((size_t)cap + 1) * sizeof *idx->def);
	idx->next = malloc(((size_t)cap + 1) * sizeof *idx->next);
	if (!idx->head || !idx->def || !idx->next)
		return;
	memset(idx->head, 0xff, ((size_t)idx->mask + 1) * sizeof *idx->head);
	/* backwards, so each chain runs in definition order; a definition once a chain */
	for (uint32_t r = model->ndefs; r-- > 0;) {
		const struct dig_func *f = model->nodes[r].func;
		for (int j = 0; f && f->param_types && f->param_names && j < f->nparams; j++) {
			if (!f->param_types[j] || !f->param_names[j] || !f->param_names[j][0])
				continue;
			uint32_t b = model_str_hash(f->param_types[j]) & idx->mask;
			if (idx->head[b] != UINT32_MAX && idx->def[idx->head[b]] == r)
				continue;
			idx->def[n] = r;
			idx->next[n] = idx->head[b];
			idx->head[b] = n++;
		}
	}
	idx->made = 1;
}

/* A release r (of [lo, hi), or anywhere in the tree when `elsewhere`, outside n's file)
 * that takes n's return type and sets `field` of it back to the free value of test op
 * `test`: the release found (the first in definition order), or -1. */
static int64_t slot_flag_release(const struct model *model, struct slot_params *idx, uint32_t n, uint32_t lo,
                                 uint32_t hi, int elsewhere, const char *field, const char *test)
{
	static const char *const zero[] = { "--", "=0", "=:FALSE", "=:false", NULL };
	char cset[72];
	const char *named[] = { cset, NULL };
	const struct model_node *node = &model->nodes[n];
	const char *type = node->func->return_type;
	const char *const *back = strcmp(test, "?0") == 0 ? zero : named;
	if (back == named && (size_t)snprintf(cset, sizeof cset, "=:%s", test + 2) >= sizeof cset)
		return -1;
	if (elsewhere && !idx->made)
		slot_params_make(model, idx);
	if (elsewhere && idx->made == 1) {
		/* the definitions with a parameter of the type's bucket, in definition order */
		for (uint32_t i = idx->head[model_str_hash(type) & idx->mask]; i != UINT32_MAX; i = idx->next[i]) {
			uint32_t r = idx->def[i];
			if (r != n && model->nodes[r].file_index != node->file_index &&
			    model_partner_count_back_ops(model, r, type, field, back))
				return r;
		}
		return -1;
	}
	for (uint32_t r = elsewhere ? 0 : lo; r < (elsewhere ? model->ndefs : hi); r++)
		if (r != n && (!elsewhere || model->nodes[r].file_index != node->file_index) &&
		    model_partner_count_back_ops(model, r, type, field, back))
			return r;
	return -1;
}

/* flag (the theory above): n, of the file whose definitions are [lo, hi), takes parameters
 * and returns a pointer to an object (no raw memory, none an allocator gives it, calling
 * no lookup of its type);
 * it tests a flag field against its free value (`!dag->used`, `req->rq_status ==
 * RQ_INACTIVE`, `!usb_devices[i].inuse`) and sets that field of the same object (or of an
 * element of the table it tested) to another value (`dag->used = 1`, `= RQ_ACTIVE`, `=
 * TRUE`), the object no parameter of its (the caller's object is an operation's); a
 * release taking the object sets the field back to the free value. The release found (of
 * its file, else -2 for one elsewhere), or -1. */
static int64_t slot_flag_table(const struct model *model, struct slot_params *idx, uint32_t n, uint32_t lo,
                               uint32_t hi)
{
	const struct model_node *node = &model->nodes[n];
	const struct dig_func *fn = node->func;
	const struct dig_file *f = node->file;
	int32_t fi = model_func_index(node);
	if (!fn->returns_pointer || (node->sig & SIG_RET_MEM) || !fn->return_type || fn->nparams <= 0 ||
	    model_takes_nothing(fn) || !model_partner_take_named(model, node->name) || slot_hands_out_memory(model, n) ||
	    slot_calls_lookup(model, n))
		return -1;
	for (int i = 0; i < fn->nparams; i++)   /* every parameter's type known, none a key */
		if (!fn->param_types || !fn->param_types[i] ||
		    (strchr(fn->param_types[i], '*') &&
		     (strncmp(fn->param_types[i], "const ", 6) == 0 || strstr(fn->param_types[i], "char *"))))
			return -1;
	for (int elsewhere = 0; elsewhere < 2; elsewhere++)
		for (uint32_t e = 0; e < f->nevidence; e++) {
			const struct dig_evidence *ev = &f->evidence[e];
			const char *sp = ev->kind == DIG_EV_COUNT ? strrchr(ev->text, ' ') : NULL;
			char obj[64];
			if (!sp || ev->func != fi || ev->dead || sp[1] != '=' || (size_t)(sp - ev->text) >= sizeof obj)
				continue;
			memcpy(obj, ev->text, (size_t)(sp - ev->text));
			obj[sp - ev->text] = '\0';
			if (slot_is_param(fn, obj) || slot_steps_up(f, fi, ev->token) || slot_tests_value(f, fi, ev->token, sp + 1))
				continue;
			for (uint32_t k = 0; k < f->nevidence; k++) {
				const struct dig_evidence *t = &f->evidence[k];
				const char *tp = t->kind == DIG_EV_COUNT ? strrchr(t->text, ' ') : NULL;
				int64_t r;
				if (!tp || t->func != fi || t->dead || tp[1] != '?' || strcmp(t->token, ev->token) != 0 ||
				    slot_flag_same(sp + 1, tp + 1))
					continue;
				/* the same object, or an element of the table searched */
				if (!((size_t)(tp - t->text) == strlen(obj) && strncmp(t->text, obj, strlen(obj)) == 0) &&
				    !(tp - t->text > 2 && tp[-1] == ']'))
					continue;
				if ((r = slot_flag_release(model, idx, n, lo, hi, elsewhere, ev->token, tp + 1)) >= 0)
					return elsewhere ? -2 : r;
			}
		}
	return -1;
}

/* The argument `k` (0-based) of the argument text, trimmed, into buf; 0 when there is none
 * or it is no plain identifier. */
static int slot_arg_ident(const char *args, int k, char *buf, size_t size)
{
	const char *p = args ? args : "";
	for (int i = 0; i < k && p; i++)
		if ((p = strchr(p, ',')) != NULL)
			p++;
	if (!p)
		return 0;
	while (*p == ' ')
		p++;
	size_t n = 0;
	while (model_ident_char(p[n]) && (n || p[n] < '0' || p[n] > '9'))
		n++;
	const char *q = p + n;
	while (*q == ' ')
		q++;
	if (n == 0 || n >= size || (*q && *q != ','))
		return 0;
	memcpy(buf, p, n);
	buf[n] = '\0';
	return 1;
}

/* Does call mc (of n) install variable `v`: its target stores the parameter v is passed as
 * into a table, and one of n's own parameters, a number (an address), is passed beside it? */
static int slot_installs(const struct model *model, uint32_t n, const struct model_call *mc, const char *v)
{
	const struct dig_call *c = model_call_fact(model, mc);
	const struct model_node *m;
	char a[64];
	int at = -1, addr = 0;
	if (mc->target != MODEL_TARGET_NODE || (uint32_t)mc->node == n)
		return 0;
	m = &model->nodes[mc->node];
	/* the installer is neither half of an allocator (a release stores what it takes back
	 * on its free list) */
	if (!m->func || (m->flags & (MODEL_NODE_ALLOC | MODEL_NODE_FREE)) || (m->sig & (SIG_NAME_ALLOC | SIG_NAME_FREE)))
		return 0;
	for (int k = 0; k < c->nargs && k < 16; k++) {
		if (!slot_arg_ident(c->args, k, a, sizeof a))
			continue;
		if (strcmp(a, v) == 0)
			at = k;
		else if (slot_is_param(model->nodes[n].func, a) == 2)
			addr = 1;
	}
	return at >= 0 && addr && model_stores_param(m, at);
}

/* mapped (the theory above): does n get memory from an allocation entry point and install
 * it at an address it takes, giving it back to that allocator's file only instead? The
 * calls of n's file are [lo, hi). */
static int slot_mapped(const struct model *model, uint32_t n, uint32_t lo, uint32_t hi)
{
	const struct model_node *node = &model->nodes[n];
	uint32_t afile = UINT32_MAX;
	char v[64];
	if (node->func->returns_pointer || node->func->nparams < 1 || model_takes_nothing(node->func))
		return 0;
	for (uint32_t e = model->out_start[n]; e < model->out_start[n + 1] && afile == UINT32_MAX; e++) {
		const struct model_node *a = &model->nodes[model->edges[e].to];
		if (model->edges[e].to != n && a->func && (a->flags & MODEL_NODE_ALLOC) && !a->func->returns_pointer &&
		    a->func->return_type && strcmp(a->func->return_type, "void") != 0)
			afile = a->file_index;
	}
	if (afile == UINT32_MAX)
		return 0;
	/* the variable given back to a release of the allocator's file ... */
	for (uint32_t c = lo; c < hi; c++) {
		const struct model_call *mc = &model->calls[c];
		const struct model_node *r;
		if (mc->caller != (int32_t)n || mc->target != MODEL_TARGET_NODE)
			continue;
		r = &model->nodes[mc->node];
		if (!r->func || r->file_index != afile || (r->sig & SIG_LOCKNAME) ||
		    !((r->flags & MODEL_NODE_FREE) || (r->sig & SIG_NAME_FREE)) ||
		    !slot_arg_ident(model_call_fact(model, mc)->args, 0, v, sizeof v) || slot_is_param(node->func, v))
			continue;
		/* ... is installed by another call */
		for (uint32_t k = lo; k < hi; k++)
			if (model->calls[k].caller == (int32_t)n && slot_installs(model, n, &model->calls[k], v))
				return 1;
	}
	return 0;
}

void model_slot_entries(struct model *model, unsigned char *file_has_alloc)
{
	struct slot_params sp = { NULL, NULL, NULL, 0, 0 };
	for (uint32_t lo = 0, hi, clo, chi; lo < model->ndefs; lo = hi) {
		model_file_spans(model, lo, &hi, &clo, &chi);
		for (uint32_t n = lo; n < hi; n++) {
			struct model_node *node = &model->nodes[n];
			int64_t r;
			if (!model_partner_candidate(model, node, 0))
				continue;
			if ((r = slot_table(model, n, lo, hi)) == -1 && ((r = slot_flag_table(model, &sp, n, lo, hi)) >= 0 || r == -2))
				node->sig |= SIG_FLAG_CLAIM;
			if (r >= 0 || r == -2) {
				node->sig |= SIG_SLOT;
				/* a release of another file stays out of the entry's file's group */
				if (r >= 0 && !(model->nodes[r].flags & MODEL_NODE_ALLOC)) {
					model->nodes[r].flags |= MODEL_NODE_FREE;
					model->nodes[r].sig |= SIG_PARTNER;
				}
			} else if (!slot_mapped(model, n, clo, chi)) {
				continue;
			}
			node->flags |= MODEL_NODE_ALLOC;
			node->sig |= SIG_PARTNER;
			if (file_has_alloc)
				file_has_alloc[node->file_index] = 1;
		}
	}
	free(sp.head);
	free(sp.def);
	free(sp.next);
}

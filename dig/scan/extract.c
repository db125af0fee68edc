/*
 * dig/scan/extract.c: the tree walk. One depth-first pass over tree-sitter's C syntax tree
 * turns nodes into facts (facts.h): function definitions, call sites, ops-table
 * registrations, file-scope variables, and evidence (align masks, fill constants, lock
 * and atomic declarations). The node kinds it reacts to are a table (grammar.c), mapped
 * once to the grammar's symbol ids, aliases included; the words it knows are vocab.c.
 *
 * Context travels down the walk in struct ex_ctx: the enclosing function, the names in
 * scope with their declared types (to type a dispatch `a->alloc()` and to tell a local
 * function pointer call from a direct call), and the struct type of the initializer being
 * read (to type `.alloc = kalloc`). The K&R definitions the parser misses were found by
 * knr.c before the walk; when the walk meets their orphan blocks it opens the recovered
 * function and skips the header nodes. The walk is recursive but bounded: deeper than
 * EX_MAX_DEPTH (hostile nesting) it stops and the file is marked partial.
 */
#include <stdlib.h>
#include <string.h>

#include "dig/scan/grammar.h"
#include "dig/scan/scan_impl.h"
#include "dig/scan/vocab.h"

#define EX_MAX_DEPTH 1200

struct ex_ctx;

/* The children of one node, read at once (cmake/ts_lib.c), and the loop's place in them. */
struct ex_kids {
	TSNode *node;
	TSFieldId *field;
	uint32_t n, at, cap;
};

static struct ex_kids *ex_iter_begin(struct ex_ctx *cx, TSNode node, int fields);
static void ex_iter_end(struct ex_ctx *cx);

/* One name in scope inside a function: its declared type text. */
struct ex_local {
	const char *name;     /* interned */
	const char *type;     /* interned type text with pointer stars, e.g. "struct ops *" */
	int array;            /* declared as an array (`bus_dma_segment_t segs[1]`): passed by
	                         name, it is filled like `&local` */
};

/* Walk context. */
struct ex_ctx {
	struct scan_unit *unit;
	int32_t func;                 /* enclosing function index or -1 */
	struct scan_vec locals;       /* struct ex_local of the current function */
	struct scan_vec used;         /* const char * identifiers used in the current function */
	const char *init_type;        /* struct type of the initializer being read, or NULL */
	int init_arrays;              /* array levels of that declarator still to descend */
	uint32_t knr_next;            /* next unit->knr entry not yet reached */
	struct ex_kids **iters;       /* children being looped over, one per active loop (each
	                                 keeps its buffers for the next loop at its depth) */
	uint32_t niters, iters_cap;   /* in use, allocated */
	int depth;
	int truncated;                /* depth limit hit */
	int oom;
	uint32_t discard_at;          /* 1 + the start byte of the call an expression statement
	                                 discards (ex_expression_statement), else 0 */
	/* where call values go (dig_call.flow), per function: */
	struct scan_vec flows;        /* struct ex_flow: values stored, addresses and locals passed */
	struct scan_vec outs;         /* struct ex_out: the locals that are the function's output */
	uint32_t nparams;             /* the first nparams locals are the parameters */
	uint32_t assign_at;           /* 1 + the start byte of the call an assignment stores, else 0 */
	const char *assign_to;        /* ... into this local, or NULL: through a pointer parameter */
	const char *assign_field;     /* ... into this field of it (`p->buf = get(n)`), or NULL */
	int in_return;                /* inside a return statement's expression */
	int in_loop_cond;             /* inside a while or do-while condition */
};

/* What a call does with a local (struct ex_flow.how). */
enum ex_flow_how {
	EX_FLOW_ASSIGN = 0,   /* name = call(...), name->field = call(...) */
	EX_FLOW_ADDR,         /* call(..., &name, ...), call(..., &name->field, ...) */
	EX_FLOW_ARG,          /* call(..., name, ...), call(..., name->field, ...) */
	EX_FLOW_COPY          /* name = from (a copy, maybe cast or offset): no call */
};

struct ex_flow {
	uint32_t call;                /* index into the unit's calls (not for COPY) */
	enum ex_flow_how how;
	const char *name, *from;
	const char *field;            /* the field of name stored, filled or passed
	                                 (`&p->addr`: "addr"), or NULL: name itself */
};

/* How a local is the function's output (struct ex_out.how bits). */
enum ex_out_how {
	EX_OUT_WHOLE = 1,             /* returned: `return p`, `return (void *)(p + 1)` */
	EX_OUT_FIELD = 2,             /* a field of it is returned: `return d->addr` */
	EX_OUT_PARAM = 4              /* stored through a pointer parameter: `*addrp = addr` */
};

struct ex_out {
	const char *name;
	unsigned how;
	const char *field;            /* EX_OUT_FIELD: the field returned (`return d->addr`:
	                                 "addr"), or NULL when not known (`KERNADDR(d)`) */
};

/* The children of node, for one loop (ts_node_child(i) is linear in i, and a cursor's step to
 * the next sibling costs hundreds of instructions: cmake/ts_lib.c reads them all in one
 * pass), with their field ids when `fields` (EX_FOR_CHILDREN_FIELDS; most loops need none).
 * Returns NULL when out of memory; pair with ex_iter_end. The loop reads it->node[it->at]
 * (EX_KID) and it->field[it->at] (EX_KID_FIELD). */
static struct ex_kids *ex_iter_begin(struct ex_ctx *cx, TSNode node, int fields)
{
	if (cx->niters == cx->iters_cap) {
		/* an array of pointers: the outer loops hold theirs while this one grows it */
		uint32_t cap = cx->iters_cap ? cx->iters_cap * 2 : 32;
		struct ex_kids **p = realloc(cx->iters, cap * sizeof(*p));
		if (!p) {
			cx->oom = 1;
			return NULL;
		}
		for (uint32_t i = cx->iters_cap; i < cap; i++)
			p[i] = NULL;
		cx->iters = p;
		cx->iters_cap = cap;
	}
	if (!cx->iters[cx->niters] && !(cx->iters[cx->niters] = calloc(1, sizeof(struct ex_kids)))) {
		cx->oom = 1;
		return NULL;
	}
	struct ex_kids *k = cx->iters[cx->niters];
	uint32_t n = strata_ts_children(node, k->node, fields ? k->field : NULL, k->cap);
	if (n != UINT32_MAX && n > k->cap) {
		uint32_t cap = n < 16 ? 16 : n;
		TSNode *nodes = realloc(k->node, (size_t)cap * sizeof(*nodes));
		if (nodes)
			k->node = nodes;
		TSFieldId *ids = nodes ? realloc(k->field, (size_t)cap * sizeof(*ids)) : NULL;
		if (ids)
			k->field = ids;
		if (!nodes || !ids) {
			cx->oom = 1;
			return NULL;
		}
		k->cap = cap;
		n = strata_ts_children(node, k->node, fields ? k->field : NULL, k->cap);
	}
	if (n == UINT32_MAX) {
		cx->oom = 1;
		return NULL;
	}
	k->n = n;
	k->at = 0;
	cx->niters++;
	return k;
}

/* Release the innermost loop's children (the buffers are kept for reuse). */
static void ex_iter_end(struct ex_ctx *cx)
{
	cx->niters--;
}

/* Loop over the children of node with `it` (declared by the macro); EX_KID(it) is the
 * current child, EX_KID_FIELD(it) its field id (0: none; read by EX_FOR_CHILDREN_FIELDS
 * only). On out of memory the loop runs no turn (cx->oom is set). */
#define EX_FOR_CHILDREN_HOW(cx, it, node, fields) \
	for (struct ex_kids *it = ex_iter_begin((cx), (node), (fields)), *it##_once = it; it##_once; \
	     it##_once = NULL, ex_iter_end(cx)) \
		for (; it->at < it->n; it->at++)
#define EX_FOR_CHILDREN(cx, it, node) EX_FOR_CHILDREN_HOW(cx, it, node, 0)
#define EX_FOR_CHILDREN_FIELDS(cx, it, node) EX_FOR_CHILDREN_HOW(cx, it, node, 1)
#define EX_KID(it) ((it)->node[(it)->at])
#define EX_KID_FIELD(it) ((it)->field[(it)->at])

/* The text of a node. */
static const char *ex_text(const struct ex_ctx *cx, TSNode node, size_t *n)
{
	if (ts_node_is_null(node)) {
		*n = 0;
		return cx->unit->text;
	}
	uint32_t a = ts_node_start_byte(node), b = ts_node_end_byte(node);

	if (b > cx->unit->len)
		b = cx->unit->len;
	if (a > b)
		a = b;
	*n = b - a;
	return cx->unit->text + a;
}

/* Interned text of a node. */
static const char *ex_intern(struct ex_ctx *cx, TSNode node)
{
	size_t n;
	const char *s = ex_text(cx, node, &n);
	const char *r = scan_unit_intern(cx->unit, s, n);

	if (!r)
		cx->oom = 1;
	return r;
}

/* 1-based line of a node's start. */
static uint32_t ex_line(TSNode node)
{
	return ts_node_start_point(node).row + 1;
}

/* Is c a blank of a declaration's text (space, tab, line end)? */
static int ex_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The length of s[0..n) without its trailing blanks. */
static size_t ex_trim_end(const char *s, size_t n)
{
	while (n && ex_blank(s[n - 1]))
		n--;
	return n;
}

/* How many of the first n bytes of s are in `set` (strspn within n bytes: s need not end in
 * a NUL). */
static size_t ex_span_in(const char *s, size_t n, const char *set)
{
	size_t k = 0;
	while (k < n && s[k] && strchr(set, s[k]))
		k++;
	return k;
}

/* The type text of a declaration's specifiers: the `type` field, folded. Implicit int when
 * there is none. `_Atomic` is reported as evidence, other qualifiers are dropped. */
static const char *ex_type_text(struct ex_ctx *cx, TSNode decl)
{
	TSNode t = scan_grammar_field(decl, F_TYPE);
	size_t n;
	const char *s;

	if (ts_node_is_null(t))
		return "int";
	s = ex_text(cx, t, &n);
	/* An attribute macro before the type (`STRATA_API void *f(...)`, `EXPORT int x`) makes
	 * the parser take the macro for the type and the real type for junk up to the
	 * declarator: read the whole span to the declarator, and drop a leading upper-case
	 * word when a type follows it. */
	TSNode d = scan_grammar_field(decl, F_DECLARATOR);
	if (!ts_node_is_null(d) && ts_node_start_byte(d) > ts_node_end_byte(t)) {
		size_t span = ts_node_start_byte(d) - ts_node_start_byte(t), w = 0, rest;
		int upper = 1;
		/* A macro line in front with no semicolon (`libc_hidden_proto(f)`), or a
		 * declaration the parser ran on into the definition, reaches the declarator:
		 * the type is the words after the last `)` or `;` of the span, not on a
		 * preprocessor line (as the lexer reads a header: lex_return_type) */
		size_t k = span;
		while (k > 0 && s[k - 1] != ')' && s[k - 1] != ';' && s[k - 1] != '}')
			k--;
		/* (the text is the file's bytes, with no NUL after them: every scan stops at span) */
		for (size_t at = k; k > 0 && at < span; at++)
			if (s[at] == '\n' && at + 1 < span) {
				size_t h = at + 1 + ex_span_in(s + at + 1, span - at - 1, " \t");
				if (h < span && s[h] == '#')
					for (k = h; k < span && s[k] != '\n'; k++)
						;
			}
		/* only where a line ends between them: a `)` inside the type itself
		 * (`void __attribute__((weak)) *f`, `__typeof__(x) *f`) keeps the whole span */
		size_t gap = k < span ? ex_span_in(s + k, span - k, " \t\r\n") : 0;
		if (k > 0 && k < span && gap < span - k && memchr(s + k, '\n', gap)) {
			s += k + gap;
			span -= k + gap;
			n = ex_trim_end(s, span);
		}
		while (w < span && (s[w] == '_' || (s[w] >= 'A' && s[w] <= 'Z') || (s[w] >= '0' && s[w] <= '9')))
			w++;
		upper = w >= 2 && w < span && (s[w] == ' ' || s[w] == '\t' || s[w] == '\n');
		rest = w;
		while (rest < span && ex_blank(s[rest]))
			rest++;
		if (upper && rest < span && ((s[rest] >= 'a' && s[rest] <= 'z') || s[rest] == '_' ||
		                             (s[rest] >= 'A' && s[rest] <= 'Z'))) {
			s += rest;
			n = ex_trim_end(s, span - rest);
		}
	}
	const char *r = scan_unit_fold(cx->unit, s, n, 96);
	if (!r)
		cx->oom = 1;
	return r ? r : "";
}

/* Append " *" levels to a type text. */
static const char *ex_type_ptr(struct ex_ctx *cx, const char *base, int levels)
{
	char buf[128];
	size_t n = strlen(base);

	if (levels <= 0)
		return base;
	if (n > 96)
		n = 96;
	memcpy(buf, base, n);
	buf[n++] = ' ';
	for (int i = 0; i < levels && n < sizeof(buf) - 1; i++)
		buf[n++] = '*';
	const char *r = scan_unit_intern(cx->unit, buf, n);
	if (!r)
		cx->oom = 1;
	return r ? r : base;
}

/* Follow a declarator down to its identifier, counting pointer (and array) levels; stops at
 * the first function_declarator when fdecl is given (and stores it there). *fnptr (when
 * given) is set when a function declarator is passed on the way: a pointer to a function,
 * `(*hook)(size_t)`, or an array of them. Returns the identifier node or a null node. */
static TSNode ex_declarator_name(TSNode d, int *ptrs, int *arrays, TSNode *fdecl, int *fnptr)
{
	for (int guard = 0; guard < 64 && !ts_node_is_null(d); guard++) {
		switch (scan_grammar_kind(d)) {
		case K_IDENTIFIER: case K_TYPE_IDENTIFIER: case K_FIELD_IDENTIFIER:
			return d;
		case K_POINTER_DECLARATOR: case K_ABSTRACT_POINTER_DECLARATOR:
			if (ptrs)
				(*ptrs)++;
			d = scan_grammar_field(d, F_DECLARATOR);
			break;
		case K_ARRAY_DECLARATOR:
			if (arrays)
				(*arrays)++;
			d = scan_grammar_field(d, F_DECLARATOR);
			break;
		case K_FUNCTION_DECLARATOR:
			if (fdecl && ts_node_is_null(*fdecl)) {
				TSNode inner = scan_grammar_field(d, F_DECLARATOR);
				enum scan_kind ik = scan_grammar_kind(inner);
				if (ik == K_PARENTHESIZED_DECLARATOR && ts_node_named_child_count(inner) == 1 &&
				    scan_grammar_kind(ts_node_named_child(inner, 0)) == K_IDENTIFIER) {
					*fdecl = d;       /* `(name) (...)`: a name kept from macros */
					return ts_node_named_child(inner, 0);
				}
				if (ik == K_IDENTIFIER || ik == K_TYPE_IDENTIFIER || ik == K_FIELD_IDENTIFIER ||
				    ts_node_is_null(inner)) {
					*fdecl = d;
					return inner;
				}
				/* (*name)(...) style: a function returning a function pointer. */
				if (ptrs)
					(*ptrs)++;
			}
			if (fnptr)
				*fnptr = 1;
			d = scan_grammar_field(d, F_DECLARATOR);
			break;
		case K_INIT_DECLARATOR: case K_ATTRIBUTED_DECLARATOR:
			d = scan_grammar_field(d, F_DECLARATOR);
			break;
		case K_PARENTHESIZED_DECLARATOR:
			d = ts_node_named_child(d, 0);
			break;
		default:
			return (TSNode){ { 0 }, 0, 0 };
		}
	}
	return (TSNode){ { 0 }, 0, 0 };
}

/* Has the declaration a storage class specifier spelled like `word`? */
static int ex_has_storage(struct ex_ctx *cx, TSNode decl, const char *word)
{
	size_t wl = strlen(word), tl;
	int found = 0;

	EX_FOR_CHILDREN(cx, it, decl) {
		TSNode c = EX_KID(it);
		if (scan_grammar_kind(c) != K_STORAGE_CLASS_SPECIFIER)
			continue;
		const char *t = ex_text(cx, c, &tl);
		if (tl == wl && memcmp(t, word, wl) == 0)
			found = 1;
	}
	return found;
}


/* Lock and atomic evidence for a declared type. */
static void ex_type_evidence(struct ex_ctx *cx, const char *type, uint32_t line)
{
	if (scan_vocab_is_lock_type(type)) {
		if (scan_unit_evidence(cx->unit, DIG_EV_LOCK_DECL, type, strlen(type), line, cx->func))
			cx->oom = 1;
	} else if (scan_vocab_is_atomic(type, strlen(type))) {
		if (scan_unit_evidence(cx->unit, DIG_EV_ATOMIC, type, strlen(type), line, cx->func))
			cx->oom = 1;
	}
}

/* Look a name up among the current function's locals (newest first). */
static const struct ex_local *ex_local_find(const struct ex_ctx *cx, const char *s, size_t n)
{
	const struct ex_local *l = cx->locals.data;

	for (uint32_t i = cx->locals.n; i-- > 0;)
		if (strncmp(l[i].name, s, n) == 0 && l[i].name[n] == '\0')
			return &l[i];
	return NULL;
}

/* A new element at the end of vec, or NULL with cx->oom set (out of memory). */
static void *ex_push(struct ex_ctx *cx, struct scan_vec *vec, size_t size)
{
	void *e = scan_vec_push(vec, size);
	if (!e)
		cx->oom = 1;
	return e;
}

/* Add a local or parameter. */
static void ex_local_add(struct ex_ctx *cx, const char *name, const char *type, int array)
{
	struct ex_local *l;

	if (!name || !*name)
		return;
	if (!(l = ex_push(cx, &cx->locals, sizeof(*l))))
		return;
	l->name = name;
	l->type = type;
	l->array = array;
}

/* The struct type behind a pointer or value type text (scan_unit_struct_of). */
static const char *ex_struct_of(struct ex_ctx *cx, const char *type)
{
	int oom = 0;
	const char *r = scan_unit_struct_of(cx->unit, type, &oom);
	if (oom)
		cx->oom = 1;
	return r;
}

/* The declared type of a name: a local or parameter, else a file-scope variable seen so far. */
static const char *ex_type_of(struct ex_ctx *cx, const char *s, size_t n)
{
	const struct ex_local *l = ex_local_find(cx, s, n);
	const struct dig_global *g = cx->unit->globals.data;

	if (l)
		return l->type;
	for (uint32_t i = cx->unit->globals.n; i-- > 0;)
		if (strncmp(g[i].name, s, n) == 0 && g[i].name[n] == '\0')
			return g[i].type;
	return NULL;
}

static void ex_walk(struct ex_ctx *cx, TSNode node);

/* An expression without its parentheses and casts. */
static TSNode ex_strip(TSNode e)
{
	for (int guard = 0; guard < 16 && !ts_node_is_null(e); guard++) {
		enum scan_kind k = scan_grammar_kind(e);
		if (k == K_PARENTHESIZED_EXPRESSION)
			e = ts_node_named_child(e, 0);
		else if (k == K_CAST_EXPRESSION)
			e = scan_grammar_field(e, F_VALUE);
		else
			break;
	}
	return e;
}

/* Is the node's operator the one-character `op` (`&` of &x, `=` of an assignment)? */
static int ex_op_is(const struct ex_ctx *cx, TSNode node, char op)
{
	TSNode o = scan_grammar_field(node, F_OPERATOR);
	size_t n;
	const char *s = ts_node_is_null(o) ? NULL : ex_text(cx, o, &n);
	return s && n == 1 && s[0] == op;
}

/* The local an identifier node names (its interned name), or NULL. *param: a parameter. */
static const char *ex_flow_local(const struct ex_ctx *cx, TSNode id, int *param)
{
	size_t n;
	const char *s;
	const struct ex_local *l;
	if (ts_node_is_null(id) || scan_grammar_kind(id) != K_IDENTIFIER)
		return NULL;
	s = ex_text(cx, id, &n);
	l = ex_local_find(cx, s, n);
	if (!l)
		return NULL;
	if (param)
		*param = (uint32_t)(l - (const struct ex_local *)cx->locals.data) < cx->nparams;
	return l->name;
}

/* Does an lvalue write through a pointer parameter (`*p`, `p->f`, `p[i]`, `p->a.b`)? */
static int ex_through_param(const struct ex_ctx *cx, TSNode lv)
{
	int deref = 0, param = 0;
	for (int guard = 0; guard < 16 && !ts_node_is_null(lv); guard++) {
		enum scan_kind k = scan_grammar_kind(lv);
		if (k == K_PARENTHESIZED_EXPRESSION) {
			lv = ts_node_named_child(lv, 0);
		} else if (k == K_POINTER_EXPRESSION && ex_op_is(cx, lv, '*')) {
			deref = 1;
			lv = scan_grammar_field(lv, F_ARGUMENT);
		} else if (k == K_FIELD_EXPRESSION || k == K_SUBSCRIPT_EXPRESSION) {
			deref = 1;
			lv = scan_grammar_field(lv, F_ARGUMENT);
		} else {
			break;
		}
	}
	return deref && ex_flow_local(cx, lv, &param) && param;
}

/* Record what a call does with a local or one of its fields (or a copy between locals). */
static void ex_flow_add(struct ex_ctx *cx, enum ex_flow_how how, const char *name, const char *from,
                        const char *field)
{
	struct ex_flow *f;
	if (!name)
		return;
	if (!(f = ex_push(cx, &cx->flows, sizeof(*f))))
		return;
	f->call = cx->unit->calls.n ? cx->unit->calls.n - 1 : 0;
	f->how = how;
	f->name = name;
	f->from = from;
	f->field = field;
}

/* Mark a local (or its field `field`, EX_OUT_FIELD) as (part of) the function's output. */
static void ex_out_add(struct ex_ctx *cx, const char *name, unsigned how, const char *field)
{
	struct ex_out *o;
	if (!name)
		return;
	if (!(o = ex_push(cx, &cx->outs, sizeof(*o))))
		return;
	o->name = name;
	o->how = how;
	o->field = field;
}

/* Do two field names (NULL: the local itself) name the same thing? */
static int ex_same_field(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* How a local is the function's output (enum ex_out_how bits). With a field, only how that
 * field is: EX_OUT_FIELD when that field is returned (or a field not known, `KERNADDR(d)`). */
static unsigned ex_out_how(const struct ex_ctx *cx, const char *name, const char *field)
{
	const struct ex_out *o = cx->outs.data;
	unsigned how = 0;
	for (uint32_t i = 0; i < cx->outs.n; i++)
		if (strcmp(o[i].name, name) == 0) {
			if (!field)
				how |= o[i].how;
			else if ((o[i].how & EX_OUT_FIELD) && (!o[i].field || strcmp(o[i].field, field) == 0))
				how |= EX_OUT_FIELD;
		}
	return how;
}

/* The field a function-like macro of this file reads from its one argument, when its body
 * is that access and nothing else (`#define KERNADDR(ad) ((void *)((ad)->ad_addr))`:
 * "ad_addr"), else NULL. */
static const char *ex_macro_field(struct ex_ctx *cx, TSNode fn)
{
	size_t n;
	const char *s, *arrow, *end;
	const struct dig_macro *m;
	if (ts_node_is_null(fn) || scan_grammar_kind(fn) != K_IDENTIFIER)
		return NULL;
	s = ex_text(cx, fn, &n);
	m = scan_unit_macro(cx->unit, s, n, ex_line(fn), 0);
	if (!m || !m->function_like || m->nparams != 1 || m->ncalls || !m->body || !(arrow = strstr(m->body, "->")) ||
	    strstr(arrow + 2, "->"))
		return NULL;
	arrow += 2;
	while (*arrow == ' ')
		arrow++;
	for (end = arrow; (*end >= 'a' && *end <= 'z') || (*end >= 'A' && *end <= 'Z') || (*end >= '0' && *end <= '9') || *end == '_';)
		end++;
	if (end == arrow || strchr(end, '.'))
		return NULL;
	s = scan_unit_intern(cx->unit, arrow, (size_t)(end - arrow));
	if (!s)
		cx->oom = 1;
	return s;
}

/* The locals a return expression hands out: whole (`p`, `p + 1`, `&p->hdr`), through a
 * field (`d->addr`, `(void *)d->addr`; `fields`: a field expression here hands out what
 * its base holds, which arithmetic on it does not: `cg->base + bno`), or either, as an
 * argument of a call in it (a function, or a macro such as `KERNADDR(p)` that reads a
 * field: when the file defines it as one field access, that field). `how` is what an
 * identifier here is (enum ex_out_how), `field` the field returned (NULL: not known); the
 * callee of a call is no local. */
static void ex_ret_names(struct ex_ctx *cx, TSNode e, unsigned how, const char *field, int fields, int depth)
{
	enum scan_kind k;
	const char *name;
	if (ts_node_is_null(e) || depth > 32 || cx->oom)
		return;
	k = scan_grammar_kind(e);
	if (k == K_IDENTIFIER) {
		if ((name = ex_flow_local(cx, e, NULL)) != NULL)
			ex_out_add(cx, name, how, field);
		return;
	}
	if (k == K_CALL_EXPRESSION) {
		const char *mf = ex_macro_field(cx, scan_grammar_field(e, F_FUNCTION));
		ex_ret_names(cx, scan_grammar_field(e, F_ARGUMENTS), mf ? EX_OUT_FIELD : EX_OUT_WHOLE | EX_OUT_FIELD, mf,
		             1, depth + 1);
		return;
	}
	if (k == K_FIELD_EXPRESSION) {
		if (fields) {
			TSNode f = scan_grammar_field(e, F_FIELD);
			ex_ret_names(cx, scan_grammar_field(e, F_ARGUMENT), EX_OUT_FIELD,
			             ts_node_is_null(f) ? NULL : ex_intern(cx, f), 1, depth + 1);
		}
		return;
	}
	if (k == K_POINTER_EXPRESSION && ex_op_is(cx, e, '&')) {
		TSNode a = ex_strip(scan_grammar_field(e, F_ARGUMENT));
		while (!ts_node_is_null(a) && (scan_grammar_kind(a) == K_FIELD_EXPRESSION ||
		                               scan_grammar_kind(a) == K_SUBSCRIPT_EXPRESSION))
			a = ex_strip(scan_grammar_field(a, F_ARGUMENT));
		ex_ret_names(cx, a, EX_OUT_WHOLE, NULL, 0, depth + 1);
		return;
	}
	if (k == K_BINARY_EXPRESSION)
		fields = 0;
	for (uint32_t i = 0, n = ts_node_named_child_count(e); i < n; i++)
		ex_ret_names(cx, ts_node_named_child(e, i), how, field, fields, depth + 1);
}

/* A field of a local (`p->f`, `p.f`; not through a parameter): the local, its field into
 * *field; else NULL. */
static const char *ex_local_field(struct ex_ctx *cx, TSNode e, const char **field)
{
	TSNode f;
	const char *name;
	int param = 0;
	if (ts_node_is_null(e) || scan_grammar_kind(e) != K_FIELD_EXPRESSION)
		return NULL;
	f = scan_grammar_field(e, F_FIELD);
	name = ex_flow_local(cx, ex_strip(scan_grammar_field(e, F_ARGUMENT)), &param);
	if (!name || param || ts_node_is_null(f))
		return NULL;
	*field = ex_intern(cx, f);
	return *field ? name : NULL;
}

/* An assignment or initialisation `lv = value` in a body: a call stored into a local, a
 * field of one or through a pointer parameter (ex_call marks it by cx->assign_at), a copy
 * between locals. `to` is the local assigned (NULL: lv is not one). */
static void ex_flow_store(struct ex_ctx *cx, const char *to, TSNode lv, TSNode value)
{
	TSNode v = ex_strip(value);
	const char *from, *field = NULL;
	int out = !to && !ts_node_is_null(lv) && ex_through_param(cx, lv);
	if (!to && !out && !ts_node_is_null(lv) && !ts_node_is_null(v) && scan_grammar_kind(v) == K_CALL_EXPRESSION)
		to = ex_local_field(cx, ex_strip(lv), &field);
	if (ts_node_is_null(v) || cx->func < 0 || (!to && !out))
		return;
	if (scan_grammar_kind(v) == K_CALL_EXPRESSION) {
		cx->assign_at = ts_node_start_byte(v) + 1;
		cx->assign_to = to;
		cx->assign_field = field;
		return;
	}
	if (scan_grammar_kind(v) == K_BINARY_EXPRESSION)
		v = ex_strip(scan_grammar_field(v, F_LEFT));      /* p + 1 */
	if (to && (from = ex_local_field(cx, v, &field)) != NULL) {
		ex_flow_add(cx, EX_FLOW_COPY, to, from, field);   /* pa = m->phys_addr */
		return;
	}
	if ((from = ex_flow_local(cx, v, NULL)) == NULL)
		return;
	if (out)
		ex_out_add(cx, from, EX_OUT_PARAM, NULL);
	else
		ex_flow_add(cx, EX_FLOW_COPY, to, from, NULL);
}

/* The arguments of the newest call that may carry its result or feed it: `&local` and
 * `&local->field` (filled), a local or its field passed by value (a struct filled through
 * it; an input), `&param->field` (an out-parameter filled). */
static void ex_flow_args(struct ex_ctx *cx, TSNode args)
{
	EX_FOR_CHILDREN(cx, it, args) {
		TSNode a = EX_KID(it);
		const char *name, *field = NULL;
		if (!ts_node_is_named(a))
			continue;
		a = ex_strip(a);
		if (scan_grammar_kind(a) == K_POINTER_EXPRESSION && ex_op_is(cx, a, '&')) {
			TSNode t = ex_strip(scan_grammar_field(a, F_ARGUMENT));
			if ((name = ex_flow_local(cx, t, NULL)) != NULL)
				ex_flow_add(cx, EX_FLOW_ADDR, name, NULL, NULL);
			else if (ex_through_param(cx, t))
				((struct dig_call *)cx->unit->calls.data)[cx->unit->calls.n - 1].flow |= DIG_FLOW_OUT | DIG_FLOW_FILLS;
			else if ((name = ex_local_field(cx, t, &field)) != NULL)
				ex_flow_add(cx, EX_FLOW_ADDR, name, NULL, field);
		} else if ((name = ex_flow_local(cx, a, NULL)) != NULL) {
			ex_flow_add(cx, EX_FLOW_ARG, name, NULL, NULL);
		} else if ((name = ex_local_field(cx, a, &field)) != NULL) {
			ex_flow_add(cx, EX_FLOW_ARG, name, NULL, field);
		}
	}
}

/* Is a local declared as an array? */
static int ex_local_array(const struct ex_ctx *cx, const char *name)
{
	const struct ex_local *l = ex_local_find(cx, name, strlen(name));
	return l && l->array;
}

/* Does a call of the body store into or fill a field of local `name` that flows out
 * (`d->addr = get(n)`, `map(..., &d->addr)`)? */
static int ex_field_filled(const struct ex_ctx *cx, const char *name)
{
	const struct ex_flow *f = cx->flows.data;
	for (uint32_t i = 0; i < cx->flows.n; i++)
		if (f[i].field && (f[i].how == EX_FLOW_ASSIGN || f[i].how == EX_FLOW_ADDR) && strcmp(f[i].name, name) == 0 &&
		    (ex_out_how(cx, name, f[i].field) & EX_OUT_FIELD))
			return 1;
	return 0;
}

/* The flow bits one use of a local gives its call (ex_flow_close). A value stored
 * (ASSIGN) or an address filled (ADDR, or an array passed by name) is the output when the
 * local (or that field) is; a local passed by value only fills what it points to: when a
 * field of it is the output, the call may have filled that field (FILLS | BYVAL, the model
 * asks the callee); a field passed by value is an input. A value stored whose field
 * flows out when no call of the body fills a field of it (`m = vm_page_grab(...)`, `pa =
 * m->phys_addr`, `return pa`) brought that field with it: RETURN | WEAK, a source only when
 * nothing stronger is (the record `d = kmem_alloc(...)` of `fill(d)`, `return d->addr`). */
static unsigned ex_flow_bits(const struct ex_ctx *cx, const struct ex_flow *f)
{
	unsigned h = ex_out_how(cx, f->name, f->field), flow = 0;
	int addr = f->how == EX_FLOW_ADDR || (f->how == EX_FLOW_ARG && !f->field && ex_local_array(cx, f->name));
	if (f->field) {
		if (f->how != EX_FLOW_ARG && (h & EX_OUT_FIELD))
			flow = DIG_FLOW_RETURN;
	} else if (f->how == EX_FLOW_ASSIGN) {
		flow = (h & EX_OUT_WHOLE ? DIG_FLOW_RETURN : 0) | (h & EX_OUT_PARAM ? DIG_FLOW_OUT : 0);
		if (!flow && (h & EX_OUT_FIELD) && !ex_field_filled(cx, f->name))
			flow = DIG_FLOW_RETURN | DIG_FLOW_WEAK;
	} else if (addr) {
		flow = (h & (EX_OUT_WHOLE | EX_OUT_FIELD) ? DIG_FLOW_RETURN : 0) | (h & EX_OUT_PARAM ? DIG_FLOW_OUT : 0);
	} else {
		flow = h & EX_OUT_FIELD ? DIG_FLOW_RETURN | DIG_FLOW_BYVAL : 0;
	}
	if (flow && f->how != EX_FLOW_ASSIGN)
		flow |= DIG_FLOW_FILLS;     /* filled through &local, or through the struct */
	return flow;
}

/* What a value that flows out is made from: a call whose value flows out (RETURN or OUT)
 * and that takes a local by address, or a field or array or by-address-filled local by
 * value, comes after the call that filled that local: that call flows out too
 * (`bus_dmamem_alloc(t, ..., &p->seg, ...)` then `bus_dmamem_map(t, &p->seg, ...,
 * &p->addr)` returning p->addr; `segs` filled, then mapped into *desc_p). A value stored
 * by assignment feeds only a call that takes its address (`seg = get(); map(&seg, &kva)`):
 * a pointer passed by value (`fill(d)` after `d = kmem_alloc(...)`) is where the output
 * goes, not what it is made from. */
static void ex_flow_made_from(struct ex_ctx *cx)
{
	const struct ex_flow *f = cx->flows.data;
	struct dig_call *calls = cx->unit->calls.data;
	for (uint32_t i = 0; i < cx->flows.n && !cx->oom; i++) {
		unsigned bits;
		if (f[i].how == EX_FLOW_COPY || f[i].how == EX_FLOW_ASSIGN || f[i].call >= cx->unit->calls.n)
			continue;
		bits = calls[f[i].call].flow & (DIG_FLOW_RETURN | DIG_FLOW_OUT);
		if (!bits || (calls[f[i].call].flow & (DIG_FLOW_BYVAL | DIG_FLOW_WEAK)))
			continue;
		for (uint32_t j = 0; j < cx->flows.n; j++) {
			unsigned add;
			int arr;
			if (j == i || f[j].call >= f[i].call || f[j].how == EX_FLOW_COPY || strcmp(f[j].name, f[i].name) != 0 ||
			    !ex_same_field(f[j].field, f[i].field))
				continue;
			arr = !f[j].field && ex_local_array(cx, f[j].name);
			if (f[j].how == EX_FLOW_ADDR || (f[j].how == EX_FLOW_ARG && arr))
				add = bits | DIG_FLOW_FILLS;
			else if (f[j].how == EX_FLOW_ASSIGN && f[i].how == EX_FLOW_ADDR)
				add = bits;
			else
				continue;
			calls[f[j].call].flow = (uint8_t)((calls[f[j].call].flow & ~(DIG_FLOW_BYVAL | DIG_FLOW_WEAK)) | add);
		}
	}
}

/* At the end of a body: the flow of each call, from what it did with which local and how
 * those locals are the output (copies carry output-ness back to their source). A call fed
 * by value only (BYVAL) is marked so when nothing else made it flow out. */
static void ex_flow_close(struct ex_ctx *cx)
{
	const struct ex_flow *f = cx->flows.data;
	struct dig_call *calls = cx->unit->calls.data;
	for (int round = 0, changed = 1; round < 4 && changed; round++) {
		changed = 0;
		for (uint32_t i = 0; i < cx->flows.n && !cx->oom; i++) {
			unsigned h = f[i].how == EX_FLOW_COPY ? ex_out_how(cx, f[i].name, NULL) & (EX_OUT_WHOLE | EX_OUT_PARAM) : 0;
			if (h && f[i].field)
				h = EX_OUT_FIELD;   /* a copy of its field flows out */
			if (h && (ex_out_how(cx, f[i].from, f[i].field) & h) != h) {
				ex_out_add(cx, f[i].from, h, f[i].field);
				f = cx->flows.data;
				changed = 1;
			}
		}
	}
	for (int byval = 0; byval < 2; byval++)
		for (uint32_t i = 0; i < cx->flows.n && !cx->oom; i++) {
			unsigned flow;
			struct dig_call *c;
			if (f[i].how == EX_FLOW_COPY || f[i].call >= cx->unit->calls.n)
				continue;
			flow = ex_flow_bits(cx, &f[i]);
			if (!!(flow & (DIG_FLOW_BYVAL | DIG_FLOW_WEAK)) != byval)
				continue;
			c = &calls[f[i].call];
			if (byval && (c->flow & DIG_FLOW_RETURN) && !(c->flow & (DIG_FLOW_BYVAL | DIG_FLOW_WEAK)))
				flow &= ~(unsigned)(DIG_FLOW_BYVAL | DIG_FLOW_WEAK);   /* returned another way too */
			c->flow |= (uint8_t)flow;
		}
	ex_flow_made_from(cx);
	cx->flows.n = 0;
	cx->outs.n = 0;
	cx->assign_at = 0;
	cx->in_return = 0;
}

/* Walk every child. */
static void ex_children(struct ex_ctx *cx, TSNode node)
{
	EX_FOR_CHILDREN(cx, it, node) {
		if (cx->oom)
			break;
		ex_walk(cx, EX_KID(it));
	}
}

/* An expression statement: the call it is, maybe in parentheses or under a cast
 * (`f(x);`, `(void)f(x);`), has its value discarded; remember where that call starts
 * (cx->discard_at), so ex_call marks it. A hook called for its effect
 * (`vApplicationMallocFailedHook();`) is then no source of the memory its caller hands
 * out, whatever its name says. */
static void ex_expression_statement(struct ex_ctx *cx, TSNode node)
{
	TSNode e = ts_node_named_child(node, 0);
	while (!ts_node_is_null(e) && (scan_grammar_kind(e) == K_PARENTHESIZED_EXPRESSION ||
	                               scan_grammar_kind(e) == K_CAST_EXPRESSION))
		e = scan_grammar_kind(e) == K_CAST_EXPRESSION ? scan_grammar_field(e, F_VALUE)
		                                               : ts_node_named_child(e, 0);
	if (!ts_node_is_null(e) && scan_grammar_kind(e) == K_CALL_EXPRESSION)
		cx->discard_at = ts_node_start_byte(e) + 1;
}

/* Is a callee an ops-table method called through parentheses or a dereference,
 * `(*obj->f)` or `(obj->f)`? *field gets the field expression. */
static int ex_method_of(const struct ex_ctx *cx, TSNode fn, TSNode *field)
{
	TSNode e = fn;
	for (int guard = 0; guard < 8 && !ts_node_is_null(e); guard++) {
		enum scan_kind k = scan_grammar_kind(e);
		if (k == K_PARENTHESIZED_EXPRESSION)
			e = ts_node_named_child(e, 0);
		else if (k == K_POINTER_EXPRESSION && ex_op_is(cx, e, '*'))
			e = scan_grammar_field(e, F_ARGUMENT);
		else
			break;
	}
	if (ts_node_is_null(e) || scan_grammar_kind(e) != K_FIELD_EXPRESSION || ts_node_eq(e, fn))
		return 0;
	*field = e;
	return 1;
}

/* A call site: direct f(), dispatch obj->f() (also through (*obj->f)()), or computed
 * (*fp)(). */
static void ex_call(struct ex_ctx *cx, TSNode node)
{
	TSNode fn = scan_grammar_field(node, F_FUNCTION), args = scan_grammar_field(node, F_ARGUMENTS);
	struct dig_call *c = scan_vec_push(&cx->unit->calls, sizeof(*c));
	enum scan_kind fk = scan_grammar_kind(fn);
	size_t n;
	const char *s;

	if (!c) {
		cx->oom = 1;
		return;
	}
	c->line = ex_line(node);
	c->col = ts_node_start_point(node).column + 1;
	c->func = cx->func;
	c->dead = scan_unit_dead(cx->unit, c->line);
	c->discarded = cx->discard_at == ts_node_start_byte(node) + 1;
	if (cx->in_return)
		c->flow |= DIG_FLOW_RETURN;
	if (cx->in_loop_cond)
		c->flow |= DIG_FLOW_LOOP;
	if (cx->assign_at == ts_node_start_byte(node) + 1) {
		cx->assign_at = 0;
		if (cx->assign_to)
			ex_flow_add(cx, EX_FLOW_ASSIGN, cx->assign_to, NULL, cx->assign_field);
		else
			c->flow |= DIG_FLOW_OUT;
	}
	if (c->dead)
		cx->unit->dead_calls++;
	if (!ts_node_is_null(args)) {
		int k = 0;
		EX_FOR_CHILDREN(cx, it, args) {
			TSNode a = EX_KID(it);
			if (ts_node_is_named(a) && scan_grammar_kind(a) != K_COMMENT)
				k++;
		}
		if (cx->func >= 0)
			ex_flow_args(cx, args);
		c = (struct dig_call *)cx->unit->calls.data + (cx->unit->calls.n - 1);
		c->nargs = (int16_t)(k > INT16_MAX ? INT16_MAX : k); /* the field is 16 bits wide */
		s = ex_text(cx, args, &n);
		if (n >= 2 && s[0] == '(' && s[n - 1] == ')') {
			s++;
			n -= 2;
		}
		c->args = scan_unit_fold(cx->unit, s, n, SCAN_ARGS_MAX);
	} else {
		c->args = "";
	}
	if (fk == K_IDENTIFIER) {
		s = ex_text(cx, fn, &n);
		c->written = scan_unit_intern(cx->unit, s, n);
		c->callee = scan_unit_rename(cx->unit, s, n, c->line, 0, &c->via_macro);
		if (!c->callee)
			c->callee = c->written;
		c->kind = ex_local_find(cx, s, n) ? DIG_CALL_POINTER : DIG_CALL_DIRECT;
		if (scan_vocab_is_atomic(c->callee, strlen(c->callee)) &&
		    scan_unit_evidence(cx->unit, DIG_EV_ATOMIC, c->callee, strlen(c->callee), c->line, cx->func))
			cx->oom = 1;
		if (scan_vocab_is_fill(c->callee) && !ts_node_is_null(args)) {
			TSNode fill = ts_node_named_child(args, 1);
			uint64_t v = 0;
			s = ex_text(cx, fill, &n);
			if (scan_grammar_kind(fill) == K_NUMBER_LITERAL && scan_unit_eval(cx->unit, s, n, c->line, &v) &&
			    v != 0 && scan_unit_evidence(cx->unit, DIG_EV_MAGIC_FILL, s, n, c->line, cx->func))
				cx->oom = 1;
		}
	} else if (fk == K_FIELD_EXPRESSION || ex_method_of(cx, fn, &fn)) {
		/* `obj->f(...)`, and `(*tran->tran_init_pkt)(...)`, `(ops->alloc)(...)` (fn becomes
		 * the field expression inside): the same dispatch */
		TSNode field = scan_grammar_field(fn, F_FIELD), obj = scan_grammar_field(fn, F_ARGUMENT);
		c->kind = DIG_CALL_DISPATCH;
		c->written = c->callee = ts_node_is_null(field) ? "" : ex_intern(cx, field);
		if (scan_grammar_kind(obj) == K_IDENTIFIER) {
			s = ex_text(cx, obj, &n);
			c->dispatch_type = ex_struct_of(cx, ex_type_of(cx, s, n));
		}
		ex_walk(cx, obj);
	} else {
		c->kind = DIG_CALL_POINTER;
		s = ex_text(cx, fn, &n);
		c->written = c->callee = scan_unit_fold(cx->unit, s, n, 64);
		ex_walk(cx, fn);
	}
	if (!c->callee || !c->written || !c->args)
		cx->oom = 1;
	if (!ts_node_is_null(args))
		ex_walk(cx, args);
}

/* The number of parameters of the function being walked (the first locals), 0 unknown. */
static uint32_t ex_func_nparams(const struct ex_ctx *cx)
{
	const struct dig_func *f = (const struct dig_func *)cx->unit->funcs.data + cx->func;
	return f->nparams > 0 ? (uint32_t)f->nparams : 0;
}

/* Record a registration `field = func` with a known or unknown struct type. */
static void ex_reg(struct ex_ctx *cx, const char *type, const char *field, TSNode value)
{
	size_t n;
	const char *s;
	TSNode v = value;

	/* &func and (cast)func register func too. */
	for (int guard = 0; guard < 4; guard++) {
		enum scan_kind vk = scan_grammar_kind(v);
		if (vk == K_POINTER_EXPRESSION)
			v = scan_grammar_field(v, F_ARGUMENT);
		else if (vk == K_CAST_EXPRESSION)
			v = scan_grammar_field(v, F_VALUE);
		else if (vk == K_PARENTHESIZED_EXPRESSION)
			v = ts_node_named_child(v, 0);
		else
			break;
	}
	if (scan_grammar_kind(v) != K_IDENTIFIER)
		return;
	s = ex_text(cx, v, &n);
	const struct ex_local *l = ex_local_find(cx, s, n);
	/* a local is data, not a registered function; so is a parameter stored into a
	 * variable, but one stored into a field (`mp->provider = provider`) stands for what
	 * the function's callers pass (the model follows them) */
	if (l && ((type && strcmp(type, DIG_REG_HOOK) == 0) || cx->func < 0 ||
	          l - (const struct ex_local *)cx->locals.data >= ex_func_nparams(cx)))
		return;
	struct dig_reg *r = scan_vec_push(&cx->unit->regs, sizeof(*r));
	if (!r) {
		cx->oom = 1;
		return;
	}
	r->struct_type = type;
	r->field = field;
	r->func = scan_unit_intern(cx->unit, s, n);
	r->in_func = cx->func;
	r->line = ex_line(v);
	r->dead = scan_unit_dead(cx->unit, r->line);
	if (!r->func)
		cx->oom = 1;
}

/* An initializer list: designated pairs register functions under the list's struct type;
 * nested lists of an array declarator keep the element type, other nested lists lose it. */
static void ex_init_list(struct ex_ctx *cx, TSNode list)
{
	const char *type = cx->init_type;
	int arrays = cx->init_arrays;

	EX_FOR_CHILDREN(cx, it, list) {
		TSNode c = EX_KID(it);
		enum scan_kind k = scan_grammar_kind(c);
		if (cx->oom)
			break;
		if (!ts_node_is_named(c))
			continue;
		if (k == K_INITIALIZER_PAIR) {
			TSNode d = scan_grammar_field(c, F_DESIGNATOR), v = scan_grammar_field(c, F_VALUE);
			const char *field = NULL;
			if (scan_grammar_kind(d) == K_FIELD_DESIGNATOR) {
				TSNode id = ts_node_named_child(d, 0);
				if (!ts_node_is_null(id))
					field = ex_intern(cx, id);
			}
			if (field && arrays == 0)
				ex_reg(cx, type, field, v);
			cx->init_type = arrays > 0 ? type : NULL;
			cx->init_arrays = arrays > 0 ? arrays - 1 : 0;
			ex_walk(cx, v);
		} else if (k == K_INITIALIZER_LIST) {
			cx->init_type = arrays > 0 ? type : NULL;
			cx->init_arrays = arrays > 0 ? arrays - 1 : 0;
			ex_walk(cx, c);
		} else {
			cx->init_type = NULL;
			cx->init_arrays = 0;
			ex_walk(cx, c);
		}
		cx->init_type = type;
		cx->init_arrays = arrays;
	}
}


/* Byte size of an array declarator: product of constant dimensions times the element
 * size; 0 when any part is unknown. */
static uint64_t ex_array_bytes(struct ex_ctx *cx, TSNode decl, const char *base, int ptrs)
{
	uint64_t elem = 0, total = 1;
	TSNode d = decl;

	if (ptrs > 0) {
		elem = 8;
	} else {
		elem = scan_vocab_scalar_size(base);
	}
	if (elem == 0)
		return 0;
	for (int guard = 0; guard < 16 && !ts_node_is_null(d); guard++) {
		enum scan_kind k = scan_grammar_kind(d);
		if (k == K_INIT_DECLARATOR || k == K_ATTRIBUTED_DECLARATOR || k == K_POINTER_DECLARATOR) {
			d = scan_grammar_field(d, F_DECLARATOR);
			continue;
		}
		if (k != K_ARRAY_DECLARATOR)
			break;
		TSNode size = scan_grammar_field(d, F_SIZE);
		uint64_t v;
		size_t n;
		if (ts_node_is_null(size))
			return 0;
		const char *s = ex_text(cx, size, &n);
		if (!scan_unit_eval(cx->unit, s, n, ex_line(d), &v) || v == 0)
			return 0;
		if (total > UINT64_MAX / v)
			return 0;
		total *= v;
		d = scan_grammar_field(d, F_DECLARATOR);
	}
	return total > UINT64_MAX / elem ? 0 : total * elem;
}

/* A declaration: at file scope its variables become globals (prototypes are skipped); in a
 * function they become locals. Initializers are read for registrations and calls. */
static void ex_declaration(struct ex_ctx *cx, TSNode node, int is_field)
{
	const char *base = ex_type_text(cx, node);
	int is_static = ex_has_storage(cx, node, "static"), is_extern = ex_has_storage(cx, node, "extern");
	uint32_t line = ex_line(node);
	TSNode type = scan_grammar_field(node, F_TYPE);

	/* A struct body inside the type may hold lock fields and nested declarations. */
	if (!ts_node_is_null(type) && (scan_grammar_kind(type) == K_STRUCT_SPECIFIER || scan_grammar_kind(type) == K_UNION_SPECIFIER))
		ex_walk(cx, type);
	EX_FOR_CHILDREN(cx, it, node) {
		TSNode c = EX_KID(it);
		if (scan_grammar_kind(c) == K_TYPE_QUALIFIER) {
			size_t tl;
			const char *t = ex_text(cx, c, &tl);
			if (tl == 7 && memcmp(t, "_Atomic", 7) == 0 &&
			    scan_unit_evidence(cx->unit, DIG_EV_ATOMIC, t, tl, line, cx->func))
				cx->oom = 1;
		}
	}
	int evidenced = 0;
	EX_FOR_CHILDREN_FIELDS(cx, it, node) {
		if (cx->oom)
			break;
		if (EX_KID_FIELD(it) != scan_grammar_field_id(F_DECLARATOR))
			continue;
		TSNode d = EX_KID(it), fdecl = { { 0 }, 0, 0 };
		int ptrs = 0, arrays = 0, fnptr = 0;
		TSNode id = ex_declarator_name(d, &ptrs, &arrays, &fdecl, &fnptr);
		const char *t = ex_type_ptr(cx, base, ptrs);
		if (!evidenced) {
			ex_type_evidence(cx, base, line);
			evidenced = 1;
		}
		if (!ts_node_is_null(fdecl) || ts_node_is_null(id))
			continue;  /* a prototype (or nothing usable): no variable */
		const char *name = ex_intern(cx, id);
		if (is_field || !name)
			continue;
		if (cx->func >= 0) {
			ex_local_add(cx, name, arrays ? ex_type_ptr(cx, t, arrays) : t, arrays > 0);
		} else {
			struct dig_global *g = scan_vec_push(&cx->unit->globals, sizeof(*g));
			if (!g) {
				cx->oom = 1;
				break;
			}
			g->name = name;
			g->type = t;
			g->is_static = is_static;
			g->is_extern = is_extern;
			g->is_array = arrays > 0;
			g->is_fnptr = fnptr;
			g->array_bytes = arrays ? ex_array_bytes(cx, d, base, ptrs) : 0;
			g->line = ex_line(id);
			g->dead = scan_unit_dead(cx->unit, g->line);
		}
		if (scan_grammar_kind(d) == K_INIT_DECLARATOR) {
			TSNode v = scan_grammar_field(d, F_VALUE);
			if (cx->func >= 0)
				ex_flow_store(cx, name, (TSNode){ { 0 }, 0, 0 }, v);
			const char *save = cx->init_type;
			int save_arrays = cx->init_arrays;
			cx->init_type = ex_struct_of(cx, base);
			cx->init_arrays = arrays;
			if (fnptr && !arrays && cx->func < 0)
				ex_reg(cx, DIG_REG_HOOK, name, v);   /* `void *(*hook)(size_t) = malloc;` */
			if (scan_grammar_kind(v) == K_INITIALIZER_LIST)
				ex_init_list(cx, v);
			else
				ex_walk(cx, v);
			cx->init_type = save;
			cx->init_arrays = save_arrays;
		}
	}
}

/* Parameters of a definition into the function record and the local scope. `knr` holds
 * the K&R declaration nodes that type an identifier list (NULL count 0). */
static void ex_params(struct ex_ctx *cx, struct dig_func *f, TSNode plist, TSNode def)
{
	uint32_t n = ts_node_named_child_count(plist), k = 0;
	const char **types = NULL, **names = NULL;

	f->nparams = 0;
	if (n == 0) {
		f->nparams = -1; /* `f()`: an old-style definition without a list, any arity */
		return;
	}
	types = dig_arena_alloc(cx->unit->arena, n * sizeof(*types));
	names = dig_arena_alloc(cx->unit->arena, n * sizeof(*names));
	if (!types || !names) {
		cx->oom = 1;
		return;
	}
	int is_void = 0;
	EX_FOR_CHILDREN(cx, it, plist) {
		TSNode p = EX_KID(it);
		enum scan_kind pk = scan_grammar_kind(p);
		if (k >= n)
			break;
		if (pk == K_VARIADIC_PARAMETER) {        /* `...`: any count from here on */
			names[k] = "";
			types[k++] = "...";
		} else if (pk == K_IDENTIFIER) {         /* old-style identifier list */
			names[k] = ex_intern(cx, p);
			types[k++] = "int";
		} else if (pk == K_PARAMETER_DECLARATION) {
			TSNode d = scan_grammar_field(p, F_DECLARATOR), t = scan_grammar_field(p, F_TYPE);
			if (ts_node_is_null(d) && scan_grammar_kind(t) == K_TYPE_IDENTIFIER) {
				/* f(n) with n undeclared: K&R name, implicit int */
				names[k] = ex_intern(cx, t);
				types[k++] = "int";
				continue;
			}
			int ptrs = 0, arrays = 0;
			TSNode fd = { { 0 }, 0, 0 };
			TSNode id = ex_declarator_name(d, &ptrs, &arrays, &fd, NULL);
			const char *base = ex_type_text(cx, p);
			if (ts_node_is_null(d) && n == 1 && strcmp(base, "void") == 0) {
				is_void = 1;                 /* (void) */
				break;
			}
			types[k] = ex_type_ptr(cx, base, ptrs + arrays + (!ts_node_is_null(fd)));
			names[k++] = ts_node_is_null(id) ? "" : ex_intern(cx, id);
		}
	}
	if (is_void)
		return;
	/* K&R declarations between the list and the body give the types. */
	uint32_t dn = ts_node_named_child_count(def);
	for (uint32_t i = 0; i < dn; i++) {
		TSNode d = ts_node_named_child(def, i);
		if (scan_grammar_kind(d) != K_DECLARATION)
			continue;
		f->knr = 1;
		const char *base = ex_type_text(cx, d);
		uint32_t cn = ts_node_child_count(d);
		for (uint32_t j = 0; j < cn; j++) {
			const char *fname = ts_node_field_name_for_child(d, j);
			if (!fname || strcmp(fname, "declarator") != 0)
				continue;
			int ptrs = 0, arrays = 0;
			TSNode id = ex_declarator_name(ts_node_child(d, j), &ptrs, &arrays, NULL, NULL);
			if (ts_node_is_null(id))
				continue;
			size_t il;
			const char *is = ex_text(cx, id, &il);
			for (uint32_t q = 0; q < k; q++)
				if (names[q] && strlen(names[q]) == il && memcmp(names[q], is, il) == 0)
					types[q] = ex_type_ptr(cx, base, ptrs + arrays);
		}
	}
	f->nparams = (int)k;
	f->param_types = types;
	f->param_names = names;
	for (uint32_t q = 0; q < k; q++)
		ex_local_add(cx, names[q], types[q], 0);
}

/* Compare interned identifier pointers by their text, for sorting. */
static int ex_strcmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Close a function: its free identifiers (used, not local) sorted and distinct. */
static void ex_func_close(struct ex_ctx *cx, int32_t idx)
{
	const char **used = cx->used.data;
	uint32_t n = cx->used.n, k = 0;

	if (n > 1)
		qsort(used, n, sizeof(*used), ex_strcmp);
	for (uint32_t i = 0; i < n; i++) {
		if (k > 0 && strcmp(used[k - 1], used[i]) == 0)
			continue;
		if (ex_local_find(cx, used[i], strlen(used[i])))
			continue;
		used[k++] = used[i];
	}
	struct dig_func *f = (struct dig_func *)cx->unit->funcs.data + idx;
	f->nglobals_used = k;
	f->globals_used = dig_arena_memdup(cx->unit->arena, used, k * sizeof(*used));
	if (k && !f->globals_used)
		cx->oom = 1;
}

/* Remember where the newest definition's body starts (lex.c matches hidden bodies by it). */
static void ex_func_body_at(struct ex_ctx *cx, uint32_t byte)
{
	uint32_t *b = scan_vec_push(&cx->unit->func_body, sizeof(*b));

	if (!b)
		cx->oom = 1;
	else
		*b = byte;
}

/* Walk a function body with its own scope; the recovered or parsed record is at idx. */
static void ex_func_body(struct ex_ctx *cx, int32_t idx, TSNode body)
{
	int32_t save = cx->func;

	cx->func = idx;
	cx->used.n = 0;
	cx->nparams = cx->locals.n;
	if (ts_node_named_child_count(body) > 0)
		((struct dig_func *)cx->unit->funcs.data)[idx].body_parsed = 1;   /* not hidden */
	ex_walk(cx, body);
	ex_flow_close(cx);
	ex_func_close(cx, idx);
	cx->func = save;
	cx->locals.n = 0;
	cx->used.n = 0;
}

/* A parsed function definition. */
static void ex_function(struct ex_ctx *cx, TSNode node)
{
	TSNode d = scan_grammar_field(node, F_DECLARATOR), body = scan_grammar_field(node, F_BODY), fdecl = { { 0 }, 0, 0 };
	int ptrs = 0;
	TSNode id = ex_declarator_name(d, &ptrs, NULL, &fdecl, NULL);
	TSNode knr_param = { { 0 }, 0, 0 };
	struct dig_func *f;
	size_t n;
	const char *s;

	/* Implicit-int K&R with one undeclared parameter, `swfree(daddr) { ... }`: the grammar
	 * reads the name as a type and `(daddr)` as a parenthesized declarator. The function is
	 * the type's name; its one parameter the identifier (int, by the K&R default). */
	TSNode type = scan_grammar_field(node, F_TYPE);
	if (!ts_node_is_null(type) && scan_grammar_kind(type) == K_TYPE_IDENTIFIER &&
	    scan_grammar_kind(d) == K_PARENTHESIZED_DECLARATOR && ts_node_named_child_count(d) == 1 &&
	    scan_grammar_kind(ts_node_named_child(d, 0)) == K_IDENTIFIER && ts_node_named_child_count(node) == 3) {
		knr_param = ts_node_named_child(d, 0);
		id = type;
	}

	if (ts_node_is_null(id) || ts_node_is_null(body) || cx->func >= 0) {
		ex_children(cx, node);      /* nested or nameless: just read the calls */
		return;
	}
	f = scan_vec_push(&cx->unit->funcs, sizeof(*f));
	if (!f) {
		cx->oom = 1;
		return;
	}
	int32_t idx = (int32_t)(cx->unit->funcs.n - 1);
	ex_func_body_at(cx, ts_node_start_byte(body));
	s = ex_text(cx, id, &n);
	f->line = ex_line(id);
	f->written_name = scan_unit_intern(cx->unit, s, n);
	f->name_parens = scan_grammar_kind(ts_node_parent(id)) == K_PARENTHESIZED_DECLARATOR;
	const char *via;
	f->name = scan_unit_rename(cx->unit, s, n, f->line, 1, &via);
	if (!f->name)
		f->name = f->written_name;
	if (ts_node_is_null(knr_param)) {
		/* `API_DECLARE(void *) f(...)`: the type is the macro's argument */
		const char *rt = ex_type_text(cx, node), *lb;
		size_t nlb;
		int lstars;
		if (scan_linkage_type(rt, strlen(rt), &lb, &nlb, &lstars) && (lb = scan_unit_intern(cx->unit, lb, nlb)) != NULL) {
			rt = lb;
			ptrs += lstars;
		}
		f->return_type = ex_type_ptr(cx, rt, ptrs);
	} else
		f->return_type = scan_unit_intern(cx->unit, "int", 3);
	f->returns_pointer = ptrs > 0;
	f->is_static = ex_has_storage(cx, node, "static");
	f->end_line = ts_node_end_point(body).row + 1;
	f->loc = scan_unit_loc(cx->unit, ex_line(body), f->end_line);
	f->dead = scan_unit_dead(cx->unit, f->line);
	f->nparams = -1;
	cx->locals.n = 0;
	TSNode plist = ts_node_is_null(fdecl) ? fdecl : scan_grammar_field(fdecl, F_PARAMETERS);
	if (!ts_node_is_null(plist)) {
		struct dig_func tmp = *f;
		ex_params(cx, &tmp, plist, node);
		f = (struct dig_func *)cx->unit->funcs.data + idx;
		f->nparams = tmp.nparams;
		f->param_types = tmp.param_types;
		f->param_names = tmp.param_names;
		f->knr = tmp.knr;
	} else if (!ts_node_is_null(knr_param)) {
		const char **types = dig_arena_alloc(cx->unit->arena, sizeof(*types));
		const char **names = dig_arena_alloc(cx->unit->arena, sizeof(*names));
		size_t pn;
		const char *ps = ex_text(cx, knr_param, &pn);
		f = (struct dig_func *)cx->unit->funcs.data + idx;
		if (!types || !names) {
			cx->oom = 1;
		} else {
			types[0] = scan_unit_intern(cx->unit, "int", 3);
			names[0] = scan_unit_intern(cx->unit, ps, pn);
			f->nparams = 1;
			f->param_types = types;
			f->param_names = names;
			f->knr = 1;
			ex_local_add(cx, names[0], types[0], 0);
		}
	}
	if (!f->written_name || !f->return_type)
		cx->oom = 1;
	ex_func_body(cx, idx, body);
}

/* A recovered K&R definition whose orphan block the walk just reached. */
static void ex_knr_function(struct ex_ctx *cx, struct scan_knr *k, TSNode body)
{
	struct dig_func *f = scan_vec_push(&cx->unit->funcs, sizeof(*f));

	if (!f) {
		cx->oom = 1;
		return;
	}
	*f = k->func;
	ex_func_body_at(cx, ts_node_start_byte(body));
	f = (struct dig_func *)cx->unit->funcs.data + (cx->unit->funcs.n - 1);
	f->end_line = ts_node_end_point(body).row + 1;
	f->loc = scan_unit_loc(cx->unit, ex_line(body), f->end_line);
	f->dead = scan_unit_dead(cx->unit, f->line);
	k->used = 1;
	cx->locals.n = 0;
	for (int i = 0; i < f->nparams; i++)
		ex_local_add(cx, f->param_names[i], f->param_types[i], 0);
	ex_func_body(cx, (int32_t)(cx->unit->funcs.n - 1), body);
}

/* Is node inside the header of a recovered K&R definition (to be skipped), or the orphan
 * block of one (returned)? Headers and blocks come in byte order, as the walk does. */
static struct scan_knr *ex_knr_at(struct ex_ctx *cx, TSNode node, int *in_header)
{
	struct scan_knr *k = cx->unit->knr.data;
	uint32_t a = ts_node_start_byte(node), b = ts_node_end_byte(node);

	*in_header = 0;
	while (cx->knr_next < cx->unit->knr.n && k[cx->knr_next].body_start < a)
		cx->knr_next++;
	if (cx->knr_next >= cx->unit->knr.n)
		return NULL;
	k += cx->knr_next;
	if (a == k->body_start && scan_grammar_kind(node) == K_COMPOUND_STATEMENT)
		return k;
	if (a >= k->header_start && b <= k->body_start)
		*in_header = 1;
	return NULL;
}

/* Mark what the current function's body shows (dig_func.body). */
static void ex_body_mark(struct ex_ctx *cx, unsigned bits)
{
	if (cx->func >= 0)
		((struct dig_func *)cx->unit->funcs.data)[cx->func].body |= (uint8_t)bits;
}

/* Does an expression read a variable: a local or a parameter of the function, or a
 * file-scope variable of the file seen so far (an identifier at any depth up to a bound;
 * a macro constant, `EINVAL`, is none)? */
static int ex_reads_var(struct ex_ctx *cx, TSNode e, int depth)
{
	uint32_t n;
	if (ts_node_is_null(e) || depth > 24)
		return 0;
	if (scan_grammar_kind(e) == K_IDENTIFIER) {
		size_t len;
		const char *s = ex_text(cx, e, &len);
		return s && ex_type_of(cx, s, len) != NULL;
	}
	n = ts_node_named_child_count(e);
	for (uint32_t i = 0; i < n; i++)
		if (ex_reads_var(cx, ts_node_named_child(e, i), depth + 1))
			return 1;
	return 0;
}

/* Does an assignment's left side write a variable that is no local or parameter, or
 * what it holds (its root identifier through fields, subscripts, `*` and parentheses)? */
static int ex_writes_state(const struct ex_ctx *cx, TSNode lv)
{
	for (int guard = 0; guard < 16 && !ts_node_is_null(lv); guard++) {
		enum scan_kind k = scan_grammar_kind(lv);
		if (k == K_IDENTIFIER)
			return ex_flow_local(cx, lv, NULL) == NULL;
		if (k == K_PARENTHESIZED_EXPRESSION)
			lv = ts_node_named_child(lv, 0);
		else if (k == K_POINTER_EXPRESSION || k == K_FIELD_EXPRESSION)
			lv = scan_grammar_field(lv, F_ARGUMENT);
		else if (k == K_SUBSCRIPT_EXPRESSION)
			lv = ts_node_named_child(lv, 0);
		else
			return 0;
	}
	return 0;
}

/* Does an assignment's left side write what a local or parameter points to (through `->`,
 * `*` or a subscript: `h->free = p->next`, `*out = n`, `map[i] = 1`; not the variable
 * itself, nor a field of a local record by value)? */
static int ex_writes_through(const struct ex_ctx *cx, TSNode lv)
{
	int through = 0;
	for (int guard = 0; guard < 16 && !ts_node_is_null(lv); guard++) {
		enum scan_kind k = scan_grammar_kind(lv);
		if (k == K_IDENTIFIER)
			return through && ex_flow_local(cx, lv, NULL) != NULL;
		if (k == K_PARENTHESIZED_EXPRESSION) {
			lv = ts_node_named_child(lv, 0);
		} else if (k == K_POINTER_EXPRESSION || k == K_SUBSCRIPT_EXPRESSION) {
			through = 1;
			lv = k == K_POINTER_EXPRESSION ? scan_grammar_field(lv, F_ARGUMENT) : ts_node_named_child(lv, 0);
		} else if (k == K_FIELD_EXPRESSION) {
			TSNode op = scan_grammar_field(lv, F_OPERATOR);
			size_t n = 0;
			const char *o = ts_node_is_null(op) ? "" : ex_text(cx, op, &n);
			through |= n == 2 && memcmp(o, "->", 2) == 0;
			lv = scan_grammar_field(lv, F_ARGUMENT);
		} else
			return 0;
	}
	return 0;
}

/* Does an assignment pop a list kept in a field of what a pointer points to: its left side
 * `P->F` (P a local or parameter) is set to the next link of what it held, `P->F->G`
 * (`mp->next = mp->next->next`, `h->free = h->free->link`)? */
static int ex_pops_field(const struct ex_ctx *cx, TSNode l, TSNode r)
{
	size_t ln, an;
	const char *ls, *as;
	TSNode obj, arg;
	l = ex_strip(l);
	r = ex_strip(r);
	if (ts_node_is_null(l) || ts_node_is_null(r) || scan_grammar_kind(l) != K_FIELD_EXPRESSION ||
	    scan_grammar_kind(r) != K_FIELD_EXPRESSION)
		return 0;
	obj = ex_strip(scan_grammar_field(l, F_ARGUMENT));
	arg = ex_strip(scan_grammar_field(r, F_ARGUMENT));
	if (ts_node_is_null(obj) || ts_node_is_null(arg) || scan_grammar_kind(obj) != K_IDENTIFIER ||
	    !ex_writes_through(cx, l))
		return 0;
	ls = ex_text(cx, l, &ln);
	as = ex_text(cx, arg, &an);
	return ln && ln == an && memcmp(ls, as, ln) == 0;
}

/* What a return statement returns: DIG_BODY_RET_NULL for a null constant (`NULL`, `0`,
 * `0L`, through parentheses and casts), DIG_BODY_RET_OTHER for any other value, and
 * DIG_BODY_RET_VAR beside it when the value reads a variable (ex_reads_var); 0 for a bare
 * `return;`. */
static unsigned ex_ret_kind(struct ex_ctx *cx, TSNode ret)
{
	TSNode e = ts_node_named_child(ret, 0);
	size_t n = 0, i = 0;
	const char *s;
	if (ts_node_is_null(e) || scan_grammar_kind(e) == K_COMMENT)
		return 0;
	e = ex_strip(e);
	s = ts_node_is_null(e) ? NULL : ex_text(cx, e, &n);
	if (s && n == 4 && memcmp(s, "NULL", 4) == 0)
		return DIG_BODY_RET_NULL;
	while (s && i < n && s[i] && strchr("0uUlL", s[i]))
		i++;
	if (s && n > 0 && s[0] == '0' && i == n)
		return DIG_BODY_RET_NULL;
	return DIG_BODY_RET_OTHER | (ex_reads_var(cx, e, 0) ? DIG_BODY_RET_VAR : 0);
}

/* The walk's dispatcher: one case per kind that makes facts; everything else descends. */
static void ex_walk(struct ex_ctx *cx, TSNode node)
{
	enum scan_kind k;

	if (ts_node_is_null(node) || cx->oom)
		return;
	if (scan_unit_late(cx->unit, ts_node_start_point(node).row + 1))
		return;                     /* out of time or over the facts bound */
	if (cx->depth >= EX_MAX_DEPTH) {
		cx->truncated = 1;
		return;
	}
	if (ts_node_child_count(node) == 0 && !ts_node_is_named(node))
		return;                     /* punctuation and keywords */
	k = scan_grammar_kind(node);
	if (cx->func < 0 && cx->unit->knr.n) {
		int in_header;
		struct scan_knr *kr = ex_knr_at(cx, node, &in_header);
		if (kr) {
			ex_knr_function(cx, kr, node);
			return;
		}
		if (in_header)
			return;
	}
	cx->depth++;
	switch (k) {
	case K_FUNCTION_DEFINITION:
		ex_function(cx, node);
		break;
	case K_DECLARATION:
		if (cx->func >= 0 && ex_has_storage(cx, node, "static"))
			ex_body_mark(cx, DIG_BODY_STATIC);
		ex_declaration(cx, node, 0);
		break;
	case K_FIELD_DECLARATION:
		ex_declaration(cx, node, 1);
		break;
	case K_EXPRESSION_STATEMENT:
		ex_expression_statement(cx, node);
		ex_children(cx, node);
		break;
	case K_CALL_EXPRESSION:
		ex_call(cx, node);
		break;
	case K_WHILE_STATEMENT: case K_DO_STATEMENT:
		/* the condition's calls are loop conditions (DIG_FLOW_LOOP); the body is not */
		EX_FOR_CHILDREN_FIELDS(cx, it, node) {
			int cond = EX_KID_FIELD(it) == scan_grammar_field_id(F_CONDITION);
			if (cond) {
				/* a loop that retries while the call fails is no drain */
				size_t tl;
				const char *t = ex_text(cx, EX_KID(it), &tl);
				cond = !scan_loop_retries(t, tl);
			}
			if (cx->oom)
				break;
			cx->in_loop_cond += cond;
			ex_walk(cx, EX_KID(it));
			cx->in_loop_cond -= cond;
		}
		break;
	case K_RETURN_STATEMENT:
		if (cx->func >= 0) {
			ex_body_mark(cx, ex_ret_kind(cx, node));
			for (uint32_t i = 0, n = ts_node_named_child_count(node); i < n; i++)
				ex_ret_names(cx, ts_node_named_child(node, i), EX_OUT_WHOLE, NULL, 1, 0);
			cx->in_return++;
			ex_children(cx, node);
			cx->in_return--;
		} else {
			ex_children(cx, node);
		}
		break;
	case K_INITIALIZER_LIST:
		ex_init_list(cx, node);
		break;
	case K_ASSIGNMENT_EXPRESSION: {
		TSNode l = scan_grammar_field(node, F_LEFT), r = scan_grammar_field(node, F_RIGHT);
		if (cx->func >= 0 && ex_op_is(cx, node, '='))
			ex_flow_store(cx, ex_flow_local(cx, ex_strip(l), NULL), l, r);
		if (cx->func >= 0 && ex_writes_state(cx, l))
			ex_body_mark(cx, DIG_BODY_WRITES_STATE);
		else if (cx->func >= 0 && ex_writes_through(cx, l))
			ex_body_mark(cx, DIG_BODY_WRITES_THROUGH |
			                 (ex_op_is(cx, node, '=') && ex_pops_field(cx, l, r) ? DIG_BODY_POPS : 0));
		if (scan_grammar_kind(l) == K_IDENTIFIER && ex_op_is(cx, node, '=')) {
			/* `hook = func`: a variable (not a local) a function is stored into */
			size_t n;
			const char *s = ex_text(cx, l, &n);
			if (!ex_local_find(cx, s, n))
				ex_reg(cx, DIG_REG_HOOK, ex_intern(cx, l), r);
		} else if (scan_grammar_kind(l) == K_FIELD_EXPRESSION) {
			TSNode field = scan_grammar_field(l, F_FIELD), obj = scan_grammar_field(l, F_ARGUMENT);
			const char *type = NULL;
			if (scan_grammar_kind(obj) == K_IDENTIFIER) {
				size_t n;
				const char *s = ex_text(cx, obj, &n);
				type = ex_struct_of(cx, ex_type_of(cx, s, n));
			}
			if (!ts_node_is_null(field))
				ex_reg(cx, type, ex_intern(cx, field), r);
		}
		ex_children(cx, node);
		break;
	}
	case K_GNU_ASM_EXPRESSION:
		if (cx->func >= 0)
			ex_body_mark(cx, DIG_BODY_ASM);
		ex_children(cx, node);
		break;
	case K_UPDATE_EXPRESSION:
		if (cx->func >= 0 && ex_writes_state(cx, scan_grammar_field(node, F_ARGUMENT)))
			ex_body_mark(cx, DIG_BODY_WRITES_STATE);   /* `--sb.s_nfree`, `next++` */
		else if (cx->func >= 0 && ex_writes_through(cx, scan_grammar_field(node, F_ARGUMENT)))
			ex_body_mark(cx, DIG_BODY_WRITES_THROUGH); /* `h->count++` */
		ex_children(cx, node);
		break;
	case K_BINARY_EXPRESSION: {
		TSNode op = scan_grammar_field(node, F_OPERATOR), r = scan_grammar_field(node, F_RIGHT);
		size_t n;
		const char *s = ts_node_is_null(op) ? "" : ex_text(cx, op, &n);
		if (!ts_node_is_null(op) && n == 1 && s[0] == '&' && scan_grammar_kind(r) == K_UNARY_EXPRESSION) {
			TSNode rop = scan_grammar_field(r, F_OPERATOR), arg = scan_grammar_field(r, F_ARGUMENT);
			size_t on;
			const char *os = ts_node_is_null(rop) ? "" : ex_text(cx, rop, &on);
			if (!ts_node_is_null(rop) && on == 1 && os[0] == '~' && !ts_node_is_null(arg)) {
				s = ex_text(cx, arg, &n);
				if (scan_unit_evidence(cx->unit, DIG_EV_ALIGN_MASK, s, n, ex_line(node), cx->func))
					cx->oom = 1;
			}
		}
		ex_children(cx, node);
		break;
	}
	case K_NUMBER_LITERAL: {
		size_t n;
		const char *s = ex_text(cx, node, &n);
		if (scan_magic_literal(s, n) &&
		    scan_unit_evidence(cx->unit, DIG_EV_MAGIC_FILL, s, n, ex_line(node), cx->func))
			cx->oom = 1;
		break;
	}
	case K_IDENTIFIER:
		if (cx->func >= 0) {
			const char **u = scan_vec_push(&cx->used, sizeof(*u));
			if (!u)
				cx->oom = 1;
			else if (!(*u = ex_intern(cx, node)))
				cx->used.n--;
		}
		break;
	case K_ERROR:
		cx->unit->has_error = 1;
		ex_children(cx, node);
		break;
	case K_COMMENT: case K_STRING_LITERAL: case K_CHAR_LITERAL: case K_CONCATENATED_STRING:
	case K_SYSTEM_LIB_STRING: case K_PREPROC_DEF: case K_PREPROC_FUNCTION_DEF:
	case K_PREPROC_INCLUDE: case K_PREPROC_CALL: case K_FIELD_IDENTIFIER:
	case K_TYPE_IDENTIFIER: case K_PRIMITIVE_TYPE:
		break;                      /* the lexical pass read these, or they hold no facts */
	case K_PREPROC_IF: case K_PREPROC_IFDEF: case K_PREPROC_ELIF: case K_PREPROC_ELIFDEF:
		/* the branches are code; the condition's names are not uses */
		EX_FOR_CHILDREN_FIELDS(cx, it, node) {
			TSFieldId fid = EX_KID_FIELD(it);
			if (cx->oom)
				break;
			if (fid && (fid == scan_grammar_field_id(F_NAME) || fid == scan_grammar_field_id(F_CONDITION)))
				continue;
			ex_walk(cx, EX_KID(it));
		}
		break;
	case K_TYPE_DEFINITION: {
		TSNode type = scan_grammar_field(node, F_TYPE);
		if (!ts_node_is_null(type))
			ex_walk(cx, type);
		break;
	}
	default:
		if (ts_node_is_missing(node))
			cx->unit->has_error = 1;
		ex_children(cx, node);
		break;
	}
	cx->depth--;
}

/* Extract the facts of one tree into the unit. */
int scan_extract_tree(struct scan_unit *unit, TSNode root)
{
	struct ex_ctx cx;

	if (scan_grammar_init())
		return -1;
	memset(&cx, 0, sizeof(cx));
	cx.unit = unit;
	cx.func = -1;
	if (ts_node_has_error(root))
		unit->has_error = 1;
	ex_walk(&cx, root);
	scan_vec_fini(&cx.locals);
	scan_vec_fini(&cx.used);
	scan_vec_fini(&cx.flows);
	scan_vec_fini(&cx.outs);
	for (uint32_t i = 0; i < cx.iters_cap; i++) {
		if (cx.iters[i]) {
			free(cx.iters[i]->node);
			free(cx.iters[i]->field);
			free(cx.iters[i]);
		}
	}
	free(cx.iters);
	if (cx.truncated)
		unit->has_error = 2;
	return cx.oom ? -1 : 0;
}

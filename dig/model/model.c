/*
 * dig/model/model.c: the model as data: its storage, its indexes and their accessors.
 *
 * What the model holds is described in model.h; how it is built, stage by stage, in
 * build.c. This file decides nothing about allocation. It keeps:
 *
 * 1. Storage. Everything the model allocates lives in one arena (struct model_mem: 1 MiB
 *    chunks, bump-allocated; a large block gets a chunk of its own) and dies with
 *    model_destroy(), with the few malloc'd arrays that grow while the link runs (the
 *    candidate lists, the renamed calls, the port folders). Strings from the facts are
 *    borrowed: the tree must outlive the model.
 * 2. Indexes. Definitions and calls are in file order, so a file's first one is a binary
 *    search (model_defs_of_file, model_calls_of_file); renamed calls are sorted by call;
 *    globals by name then file (model_globals_find); names go through a string hash
 *    (struct model_strmap). The live-facts iterators (model_live_calls_next ...) walk the
 *    tree's facts the way every stage counts them: live files, facts not in #if 0.
 * 3. Accessors and names: what a node is (model_node_kind), what the enums print as, every
 *    node of a name (model_nodes_find, for the queries).
 *
 * Failure: out of memory gives NULL (or "" for a string); nothing is printed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>

#include "dig/hash.h"
#include "dig/model/model_impl.h"

/* Allocate zeroed memory on the model's arena: carved from the head chunk, or a new head
 * chunk when it is full, or a chunk of its own (linked behind the head) when large. */
void *model_mem_alloc(struct model *model, size_t size)
{
	struct model_mem *m = model->mem;
	size = (size + 15) & ~(size_t)15;
	if (size == 0)
		size = 16;
	if (m && m->cap - m->used >= size) {
		void *p = m->data + m->used;
		m->used += size;
		return p;
	}
	if (size > MODEL_MEM_CHUNK / 4) {
		m = calloc(1, sizeof *m + size);
		if (!m)
			return NULL;
		m->used = m->cap = size;
		if (model->mem) {
			m->next = model->mem->next;
			model->mem->next = m;
		} else {
			model->mem = m;
		}
		return m->data;
	}
	m = calloc(1, sizeof *m + MODEL_MEM_CHUNK);
	if (!m)
		return NULL;
	m->cap = MODEL_MEM_CHUNK;
	m->used = size;
	m->next = model->mem;
	model->mem = m;
	return m->data;
}

/* A formatted string on the model's list. */
const char *model_mem_printf(struct model *model, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *s;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return "";
	s = model_mem_alloc(model, (size_t)n + 1);
	if (!s)
		return "";
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

/* Order strings (qsort over const char * elements). */
int model_str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Is one word of a type a number: a qualifier or storage word, C's integer words and the
 * usual spellings of a number (`size_t`, `off_t`, `daddr_t`, `intptr_t`), each with a `u` or
 * `u_` before it and bits or `_t` after it (`u_long`, `uchar`, `uint32_t`, `int16_t`)? A
 * word that only begins like one (`interface_t`, `longjmp_buf`) is none. */
int model_number_word(const char *w)
{
	static const char *const named[] = { "signed", "unsigned", "const", "volatile", "register", "static",
	                                     "size_t", "ssize_t", "off_t", "daddr_t", "paddr_t", "vaddr_t",
	                                     "uintptr_t", "intptr_t", NULL };
	static const char *const ints[] = { "int", "long", "short", "char", NULL };
	const char *b = w + (w[0] == 'u' ? (w[1] == '_' ? 2 : 1) : 0);
	for (int i = 0; named[i]; i++)
		if (strcmp(w, named[i]) == 0 || strcmp(b, named[i]) == 0)
			return 1;
	for (int i = 0; ints[i]; i++) {
		size_t n = strlen(ints[i]);
		const char *r = b + n;
		if (strncmp(b, ints[i], n) != 0)
			continue;
		while (*r >= '0' && *r <= '9')
			r++;
		if (!*r || strcmp(r, "_t") == 0)
			return 1;
	}
	return 0;
}

/* Is a return type a number: every word of it a number word (model_number_word; implicit
 * int)? A typedef of another name (`bkpt_t`, `cproc_t`) is taken for a handle. */
int model_number_type(const char *t)
{
	char tok[64];
	if (!t)
		return 1;
	while (*t) {
		size_t n = 0;
		while (*t == ' ' || *t == '\t')
			t++;
		while (*t && *t != ' ' && *t != '\t' && n + 1 < sizeof tok)
			tok[n++] = *t++;
		tok[n] = '\0';
		if (!n)
			break;
		if (!model_number_word(tok))
			return 0;
	}
	return 1;
}

/* Is the file-scope variable g allocator state by its type: an array (not of char: a
 * message string), a pointer, or a struct or typedef that is no plain number: a free list,
 * a table, a bitmap, an arena? A counter (`u_long nbouncebufs`, a statistic both sides
 * bump), an atomic one (`atomic_t ip_frag_mem`: a budget), a flag or a setting are not. */
int model_global_state(const struct dig_global *g)
{
	const char *t = g->type ? g->type : "";
	if (g->is_array)
		return strcmp(t, "char") != 0;
	if (strchr(t, '*'))
		return 1;
	return !strstr(t, "atomic") && !model_number_type(t);
}

/* Is the file-scope variable g a lock by its type (no pointer: `kmutex_t uvm_pageqlock`,
 * `simple_lock_data_t`, `struct spinlock`)? */
int model_global_lock(const struct dig_global *g)
{
	const char *t = g->type ? g->type : "";
	return !g->is_array && !strchr(t, '*') && (model_name_has_lock(t) || strstr(t, "mutex") != NULL);
}

/* Is `id` a whole identifier of the text `args` (an argument list, `n * size`)? */
int model_args_name(const char *args, const char *id)
{
	size_t n = strlen(id);
	for (const char *p = args; n && (p = strstr(p, id)) != NULL; p += n) {
		/* a member (`x.size`, `x->size`) is no parameter name */
		int before = p > args && (model_ident_char(p[-1]) || p[-1] == '.' || p[-1] == '>');
		if (!before && !model_ident_char(p[n]))
			return 1;
	}
	return 0;
}

/* The argument k (0-based, top-level commas) of an argument text, trimmed (with strip,
 * without leading casts and `&`), into buf; 0 when there is none. */
int model_arg_text(const char *args, int k, char *buf, size_t size, int strip)
{
	const char *p = args ? args : "", *e;
	int depth = 0;
	for (int i = 0; i < k; p++) {
		if (!*p)
			return 0;
		depth += (*p == '(' || *p == '[') - (*p == ')' || *p == ']');
		i += *p == ',' && depth == 0;
	}
	for (e = p, depth = 0; *e && !(*e == ',' && depth == 0); e++)
		depth += (*e == '(' || *e == '[') - (*e == ')' || *e == ']');
	while (p < e && *p == ' ')
		p++;
	for (; strip;) {
		while (p < e && (*p == ' ' || *p == '&'))
			p++;
		if (p < e && *p == '(') {   /* a cast: `(unsigned long *) bh->b_data` */
			const char *q = memchr(p, ')', (size_t)(e - p));
			if (q && memchr(p, '*', (size_t)(q - p)) && q + 1 < e) {
				p = q + 1;
				continue;
			}
		}
		break;
	}
	while (e > p && e[-1] == ' ')
		e--;
	if (e == p || (size_t)(e - p) >= size)
		return 0;
	memcpy(buf, p, (size_t)(e - p));
	buf[e - p] = '\0';
	return 1;
}

/* Words of a C type that say "a number", never a handle. */
static const char *const model_scalar[] = { "void", "char", "int", "long", "short", "unsigned", "signed",
                                            "float", "double", "bool", "_Bool", NULL };

int model_scalar_word(const char *p, size_t n)
{
	for (int i = 0; model_scalar[i]; i++)
		if (strlen(model_scalar[i]) == n && strncmp(model_scalar[i], p, n) == 0)
			return 1;
	return 0;
}

int model_number_typedef(const char *word)
{
	char w[64];
	size_t n = strlen(word), skip = 0;
	if (n >= sizeof w || n < 3)
		return 0;
	if (word[0] == 'u' && word[1] == '_')
		skip = 2;
	else if (word[0] == 'u')
		skip = 1;
	memcpy(w, word + skip, n - skip + 1);
	n -= skip;
	if (n < 2 || strcmp(w + n - 2, "_t") != 0)
		return 0;
	w[n -= 2] = '\0';
	while (n && w[n - 1] >= '0' && w[n - 1] <= '9')
		w[--n] = '\0';
	return model_scalar_word(w, n);
}

/* The last word of a type that is no qualifier decides: no number word (model_number_word:
 * `u_char`, `u_long`, `off_t`, `intptr_t`; model_number_typedef: `uint32_t`), no scalar
 * word (`void`, `double`), no size and no raw memory of the vocabulary. */
int model_handle_type(const struct model *model, const char *t)
{
	char base[128];
	size_t n = 0;
	const char *p = t ? t : "";
	if (strchr(p, '('))
		return 0;               /* a function (pointer) is no record */
	while (*p) {                    /* the last identifier word that is no qualifier */
		const char *q = p;
		while (model_ident_char(*q))
			q++;
		if (q > p) {
			size_t len = (size_t)(q - p);
			int qual = (len == 5 && strncmp(p, "const", 5) == 0) || (len == 8 && strncmp(p, "volatile", 8) == 0) ||
			           (len == 8 && strncmp(p, "register", 8) == 0) || (len == 8 && strncmp(p, "restrict", 8) == 0);
			if (!qual && len < sizeof base) {
				memcpy(base, p, len);
				n = len;
			}
			p = q;
		} else
			p++;
	}
	base[n] = '\0';
	if (n == 0 || model_number_word(base) || model_number_typedef(base) || model_scalar_word(base, n))
		return 0;
	return !model_vocab_match(model->vocab, VOCAB_SIZE_PARAM, base) &&
	       !model_vocab_match(model->vocab, VOCAB_MEM_TYPE, base);
}

/* The shapes of a definition that only moves or computes (listpool.c's theory: moves
 * only, computes only), for refute.c, classify.c, flow.c, impl.c and listpool.c. */
/* How deep model_moves_only follows: the list helpers read run to five inline levels
 * (get -> get_first -> is_empty -> first -> head), one more to spare. */
#define MODEL_MOVES_DEPTH 6
/* How deep a computation may call others that compute only (`_Heap_Block_of_alloc_area`
 * over `_Heap_Align_down`, an alignment over a rounding). */
#define MODEL_COMPUTES_DEPTH 2
/* A body of one statement: its line and the two braces (dig_func.loc counts them). */
#define MODEL_ONE_STATEMENT_LOC 3
static int moves_only(const struct model *model, uint32_t t, int depth);

/* Does call mc (of t, which moves only so far) reach nothing but functions that move only:
 * a definition that does, or a check or a log defined nowhere? */
static int moves_only_call(const struct model *model, const struct model_call *mc, uint32_t t, int depth)
{
	const struct model_node *cn;
	if (mc->target != MODEL_TARGET_NODE || mc->node < 0 || (uint32_t)mc->node == t)
		return 0;
	cn = &model->nodes[mc->node];
	if (!cn->func)
		return model_vocab_match(model->vocab, VOCAB_ASSERT, cn->name) ||
		       model_vocab_match(model->vocab, VOCAB_LOG, cn->name);
	return moves_only(model, (uint32_t)mc->node, depth + 1);
}

/* moves only (the theory above), depth calls below the function first asked about. */
static int moves_only(const struct model *model, uint32_t t, int depth)
{
	const struct model_node *tn = &model->nodes[t];
	const struct dig_func *f = tn->func;
	uint32_t first, end;
	if (t >= model->ndefs || !f || depth > MODEL_MOVES_DEPTH || (f->body & (DIG_BODY_STATIC | DIG_BODY_WRITES_STATE)) ||
	    (tn->sig & (SIG_STATE | SIG_OWN_STATE | SIG_STATIC_ARENA | SIG_HELPER_STATE | SIG_CALLS_ALLOC | SIG_CALLS_BACKEND)))
		return 0;
	/* the lexer keeps no call through a pointer (`(*pc->backing)(size)`): a body it read
	 * that returns raw memory may get it so */
	if (!f->body_parsed && (tn->sig & SIG_RET_MEM))
		return 0;
	end = model_calls_of_def(model, t, &first);
	for (uint32_t i = first; i < end; i++) {
		const struct model_call *mc = &model->calls[i];
		const struct dig_call *fact = model_call_fact(model, mc);
		if (mc->caller != (int32_t)t ||
		    (f->body_parsed ? !(fact->flow & (DIG_FLOW_RETURN | DIG_FLOW_OUT | DIG_FLOW_FILLS))
		                    : fact->discarded && !strchr(fact->args ? fact->args : "", '&')))
			continue;
		if (!moves_only_call(model, mc, t, depth))
			return 0;
	}
	return 1;
}

int model_moves_only(const struct model *model, uint32_t t)
{
	return moves_only(model, t, 0);
}

/* computes only, depth calls below the function first asked about: one statement that
 * keeps no state, writes nothing its arguments point to (a pop off a handle's list on
 * three lines, `p = h->free; h->free = p->next; return p`, is no computation: the parsed
 * body says DIG_BODY_WRITES_THROUGH) and calls nothing but functions that compute only
 * themselves. A body the
 * lexer read that returns raw memory may get it through a pointer call the lexer does not
 * keep; one line of it that a computation calls (`_Heap_Align_down(value, alignment)`)
 * is arithmetic. */
static int computes_only(const struct model *model, uint32_t t, int depth)
{
	const struct model_node *tn = &model->nodes[t];
	const struct dig_func *f = t < model->ndefs ? tn->func : NULL;
	uint32_t first, end;
	if (!f || f->loc > MODEL_ONE_STATEMENT_LOC + 1 || depth > MODEL_COMPUTES_DEPTH ||
	    (f->body & (DIG_BODY_STATIC | DIG_BODY_WRITES_STATE | DIG_BODY_WRITES_THROUGH)) ||
	    (tn->sig & (SIG_STATE | SIG_OWN_STATE | SIG_STATIC_ARENA | SIG_HELPER_STATE | SIG_CALLS_ALLOC | SIG_CALLS_BACKEND)))
		return 0;
	if (!f->body_parsed && (tn->sig & SIG_RET_MEM) && (depth == 0 || f->loc > MODEL_ONE_STATEMENT_LOC))
		return 0;
	end = model_calls_of_def(model, t, &first);
	for (uint32_t i = first; i < end; i++) {
		const struct model_call *mc = &model->calls[i];
		if (mc->caller != (int32_t)t)
			continue;
		if (mc->target != MODEL_TARGET_NODE || mc->node < 0 || (uint32_t)mc->node == t ||
		    !computes_only(model, (uint32_t)mc->node, depth + 1))
			return 0;
	}
	return 1;
}

int model_computes_only(const struct model *model, uint32_t t)
{
	return computes_only(model, t, 0);
}

/* Binary search of a sorted string array. */
int model_strv_has(const char *const *v, uint32_t n, const char *s)
{
	return n && bsearch(&s, v, n, sizeof *v, model_str_cmp) != NULL;
}

/* First index of an array of n elements in file order (each `stride` bytes, with its
 * uint32_t file index at byte offset `off`) whose file index is at least fi. */
static uint32_t model_file_lower_bound(const void *base, uint32_t n, size_t stride, size_t off, uint32_t fi)
{
	const unsigned char *b = base;
	uint32_t lo = 0, hi = n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		uint32_t f;
		memcpy(&f, b + (size_t)mid * stride + off, sizeof f);
		if (f < fi)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Binary search of the definition nodes (in file order) for file fi's first. */
uint32_t model_defs_of_file(const struct model *model, uint32_t fi)
{
	return model_file_lower_bound(model->nodes, model->ndefs, sizeof model->nodes[0],
	                              offsetof(struct model_node, file_index), fi);
}

/* First index of calls of file `fi` (calls are in file order). */
uint32_t model_calls_of_file(const struct model *model, uint32_t fi)
{
	return model_file_lower_bound(model->calls, model->ncalls, sizeof model->calls[0],
	                              offsetof(struct model_call, file_index), fi);
}

uint32_t model_calls_of_def(const struct model *model, uint32_t fn, uint32_t *first)
{
	const struct model_node *n = &model->nodes[fn];
	uint32_t at = model_calls_of_file(model, n->file_index), end;
	while (at < model->ncalls && model->calls[at].file_index == n->file_index &&
	       model_call_fact(model, &model->calls[at])->line < n->func->line)
		at++;
	end = at;
	while (end < model->ncalls && model->calls[end].file_index == n->file_index &&
	       model_call_fact(model, &model->calls[end])->line <= n->func->end_line)
		end++;
	*first = at;
	return end;
}

void model_file_spans(const struct model *model, uint32_t lo, uint32_t *hi, uint32_t *clo, uint32_t *chi)
{
	uint32_t fi = model->nodes[lo].file_index, h = lo, c;
	while (h < model->ndefs && model->nodes[h].file_index == fi)
		h++;
	*hi = h;
	*clo = c = model_calls_of_file(model, fi);
	while (c < model->ncalls && model->calls[c].file_index == fi)
		c++;
	*chi = c;
}

/* Binary search of the renamed calls (sorted by call index). */
const struct model_renamed *model_call_renamed(const struct model *model, const struct model_call *mc)
{
	uint32_t at = (uint32_t)(mc - model->calls), lo = 0, hi = model->nrenamed;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (model->renamed[mid].call < at)
			lo = mid + 1;
		else
			hi = mid;
	}
	return &model->renamed[lo];
}

/* Order globals by name, then file. */
int model_global_cmp(const void *a, const void *b)
{
	const struct model_global *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	if (c)
		return c;
	return x->file < y->file ? -1 : x->file > y->file;
}

/* Binary search for the first global named `name`; the run of equal names follows it. */
uint32_t model_globals_find(const struct model_global *g, uint32_t n, const char *name, uint32_t *count)
{
	uint32_t lo = 0, hi = n, end;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (strcmp(g[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (end = lo; end < n && strcmp(g[end].name, name) == 0; end++)
		ASSERT(end == lo || model_global_cmp(&g[end - 1], &g[end]) <= 0);
	*count = end - lo;
	return lo;
}

/* Advance an iterator to the next live fact: on through the current file's facts (the
 * calls, or the definitions), then the next live files'. False at the end. */
static int model_live_next(struct model_live *it, int calls)
{
	const struct dig_tree *tree = it->tree;
	it->index = it->started ? it->index + 1 : 0;
	it->started = 1;
	for (; it->file < tree->nfiles; it->file++, it->index = 0) {
		const struct dig_file *f = &tree->files[it->file];
		uint32_t n = calls ? f->ncalls : f->nfuncs;
		if (!model_file_live(f))
			continue;
		for (; it->index < n; it->index++) {
			if (!(calls ? f->calls[it->index].dead : f->funcs[it->index].dead))
				return 1;
			it->dead++;
		}
	}
	return 0;
}

/* The next live call, or NULL. */
const struct dig_call *model_live_calls_next(struct model_live *it)
{
	return model_live_next(it, 1) ? &it->tree->files[it->file].calls[it->index] : NULL;
}

/* The next live function definition, or NULL. */
const struct dig_func *model_live_funcs_next(struct model_live *it)
{
	return model_live_next(it, 0) ? &it->tree->files[it->file].funcs[it->index] : NULL;
}

/* The string index's hash (dig/hash.h). */
uint32_t model_str_hash(const char *s)
{
	return dig_hash_str(DIG_HASH_INIT, s);
}

/* An empty index with room for n keys at half load at most. */
int model_strmap_init(struct model_strmap *m, uint32_t n)
{
	size_t cap = 16;
	while (cap < (size_t)n * 2)
		cap *= 2;
	m->slot = calloc(cap, sizeof *m->slot);
	m->mask = (uint32_t)(cap - 1);
	return m->slot ? 0 : -1;
}

/* Free an index (its keys are borrowed). */
void model_strmap_fini(struct model_strmap *m)
{
	free(m->slot);
	m->slot = NULL;
}

/* Linear probing from the hash: the key's slot, or the empty one that ends its probe. */
struct model_strmap_slot *model_strmap_slot(const struct model_strmap *m, const char *key, uint32_t hash)
{
	for (uint32_t i = hash & m->mask;; i = (i + 1) & m->mask) {
		struct model_strmap_slot *s = &m->slot[i];
		if (!s->key || (s->hash == hash && (s->key == key || strcmp(s->key, key) == 0)))
			return s;
	}
}

/* Make room for one more element in a malloc'd array. */
int model_grow(void **arr, uint32_t n, uint32_t *cap, size_t elem)
{
	void *grown;
	uint32_t ncap;
	if (n < *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 16;
	grown = realloc(*arr, (size_t)ncap * elem);
	if (!grown)
		return -1;
	*arr = grown;
	*cap = ncap;
	return 0;
}

/* Free the model and everything on its list (the tree stays). */
void model_destroy(struct model *model)
{
	struct model_mem *m;
	if (!model)
		return;
	m = model->mem;
	while (m) {
		struct model_mem *next = m->next;
		free(m);
		m = next;
	}
	free(model->calls);
	free(model->cands);
	free(model->renamed);
	free(model->ports);
	model_vocab_destroy(model->vocab);
	free(model);
}

/* Role names as the writers print them. */
const char *model_role_name(enum model_role role)
{
	static const char *const names[MODEL_ROLE_COUNT] = {
		[MODEL_ROLE_GENERAL] = "general-purpose",
		[MODEL_ROLE_KERNEL] = "kernel general",
		[MODEL_ROLE_FIXED] = "fixed-size objects",
		[MODEL_ROLE_PAGE] = "page-level",
		[MODEL_ROLE_RMAP] = "resource map",
		[MODEL_ROLE_BOOT] = "early-boot",
		[MODEL_ROLE_WRAPPER] = "wrapper",
	};
	return (unsigned)role < MODEL_ROLE_COUNT ? names[role] : "?";
}

/* Domain names as the writers print them. */
const char *model_domain_name(enum model_domain domain)
{
	static const char *const names[MODEL_DOMAIN_COUNT] = {
		[MODEL_DOMAIN_KERNEL] = "kernel",
		[MODEL_DOMAIN_USER] = "user",
		[MODEL_DOMAIN_BOOT] = "boot",
		[MODEL_DOMAIN_ROOT] = "root",
		[MODEL_DOMAIN_TEST] = "test",
	};
	return (unsigned)domain < MODEL_DOMAIN_COUNT ? names[domain] : "?";
}

/* Feature names as the writers print them. */
const char *model_feature_name(enum model_feature feature)
{
	static const char *const names[MODEL_FEAT_COUNT] = {
		[MODEL_FEAT_THREADING] = "threading",
		[MODEL_FEAT_DEBUGGING] = "debugging",
		[MODEL_FEAT_ALIGNMENT] = "alignment",
		[MODEL_FEAT_ZEROING] = "zeroing",
	};
	return (unsigned)feature < MODEL_FEAT_COUNT ? names[feature] : "?";
}

/* One word for what a node is: alloc, free, wrapper, backend, helper, external, function. */
const char *model_node_kind(const struct model *model, uint32_t node)
{
	unsigned f = model->nodes[node].flags;
	if (f & MODEL_NODE_WRAPPER)
		return (f & MODEL_NODE_FREE) ? "wrapper-free" : "wrapper-alloc";
	if (f & MODEL_NODE_BACKEND)
		return (f & MODEL_NODE_EXTERNAL) ? "external-backend" : "backend";
	if (f & MODEL_NODE_ALLOC)
		return "alloc";
	if (f & MODEL_NODE_FREE)
		return "free";
	if (f & MODEL_NODE_HELPER)
		return "helper";
	if (f & MODEL_NODE_EXTERNAL)
		return "external";
	return "function";
}

/* Is `path` inside folder `in` (a path prefix ending at a '/')? */
int model_path_under(const char *path, const char *in)
{
	size_t n;
	while (in[0] == '.' && in[1] == '/')
		in += 2;
	n = strlen(in);
	while (n && in[n - 1] == '/')
		n--;
	if (n == 0 || (n == 1 && in[0] == '.'))
		return 1;
	return strncmp(path, in, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

/* Every node named `name` (definitions under `in` when given; externals only without it). */
uint32_t model_nodes_find(const struct model *model, const char *name, const char *in, uint32_t **out)
{
	uint32_t n = 0;
	*out = malloc(((size_t)model->nnodes + 1) * sizeof **out);
	if (!*out)
		return 0;
	for (uint32_t i = 0; i < model->nnodes; i++) {
		const struct model_node *node = &model->nodes[i];
		if (strcmp(node->name, name) != 0)
			continue;
		if (in && (!node->file || !model_path_under(node->file->path, in)))
			continue;
		(*out)[n++] = i;
	}
	return n;
}

/* The index of f's parameter named `name`, or -1. */
int model_param_index(const struct dig_func *f, const char *name)
{
	for (int k = 0; f->param_names && k < f->nparams; k++)
		if (f->param_names[k] && strcmp(f->param_names[k], name) == 0)
			return k;
	return -1;
}

/* Does m store its parameter `k` into a table (DIG_EV_PARAM_STORE)? */
int model_stores_param(const struct model_node *m, int k)
{
	const struct dig_file *f = m->file;
	int32_t fi = model_func_index(m);
	const char *pn = k < m->func->nparams && m->func->param_names ? m->func->param_names[k] : NULL;
	if (!pn || !*pn)
		return 0;
	for (uint32_t e = 0; e < f->nevidence; e++)
		if (f->evidence[e].kind == DIG_EV_PARAM_STORE && f->evidence[e].func == fi && !f->evidence[e].dead &&
		    strcmp(f->evidence[e].token, pn) == 0)
			return 1;
	return 0;
}

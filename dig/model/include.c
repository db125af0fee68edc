/*
 * dig/model/include.c: the macros a file gets from the headers it includes, and its own
 * statement macros.
 *
 * The scan has no preprocessor and no include paths: a `#define malloc xmalloc` applies
 * only inside the file that writes it. A C compiler applies it in every file that includes
 * that header (directly or through other headers), and nowhere else, so the link stage
 * asks here which macros reach each file:
 *   1. Resolution. An `#include "a/b.h"` or `<a/b.h>` is resolved against the tree by name:
 *      the files whose path ends in `a/b.h` (after `./` and `../` are dropped), the one
 *      sharing the longest folder prefix with the includer winning (model_include_resolve,
 *      over the basename index model->inc_index, which lives on the model's arena; the
 *      rule itself is dig_inc_resolve in scan/headers.c, which the scan's #if values use
 *      for the same includes, so the two layers never disagree on a header). When
 *      several tie, a compiler would read one of them and the tree does not say which: only
 *      what every one of them brings is kept (inc_tied) -- a rename in one port's or one
 *      library's header never reaches a file the others could serve as well. When no path
 *      ends so, a target that starts with the dug folder's own name names the file below
 *      the root (`<glib/gmem.h>` in a dig of glib/: its build says -I..; headers.c,
 *      inc_root_named).
 *   2. Include paths. A file dug from a compilation database (--compdb) carries its build
 *      command's -I folders as DIG_EV_INCLUDE_DIR evidence; for its own #includes the
 *      header is then looked for as a compiler does first -- in the includer's folder, then
 *      in each of those folders in order, by exact path -- and only when none holds it by
 *      the name rule above. (Headers carry no build command: their #includes use the name
 *      rule.)
 *   3. Depth. Headers are followed to a depth of INC_MAX_DEPTH.
 *   4. Lines. A macro applies to lines after the #include that brought it, and until the
 *      includer's #undef of the name; a header's own #undef ends its definition (it exports
 *      nothing of it) and what its earlier #includes brought of that name, and so does an
 *      #undef in a header included later: it ends what every earlier #include brought
 *      (inc_undef_earlier; such headers join the relevant set, inc_roots).
 *   5. What. Renames (`#define malloc xmalloc`, `#define malloc(n) Malloc(n, __FILE__)`)
 *      and statement macros: a function-like macro whose body calls something and is no
 *      rename (`#define MALLOC(p, t, s) (p) = (t)malloc(s)`, a `do { } while (0)` block):
 *      a use of it calls what its body calls (link.c expands it, through further macros:
 *      `MGET` -> `MALLOC` -> `malloc`). The file's own statement macros join its table
 *      (the scan applies its own renames itself). A body that pastes its callee from an
 *      argument (`g_##func##_n (`, a template: facts.h dig_macro.calls) is worth
 *      expanding whatever it calls: which allocator a use names, its arguments say.
 *   6. Cost. Resolving every include of a 30,000-file tree by suffix is expensive, so only
 *      includes whose basename is that of a header that has such a macro, or that
 *      (transitively, up to INC_MAX_DEPTH rounds) includes one, are resolved at all.
 * Limits (documented in docs/accuracy.md): conditions around a header's #define are not
 * evaluated (where an #ifdef's branches define a macro differently, a use calls what every
 * definition calls, when one of them calls just that: inc_group_pick) (the link stage falls back to the written name when the renamed one has no
 * definition that takes the call, and leaves a statement macro's use as written when a
 * definition of its name takes it).
 */
#include <stdlib.h>
#include <string.h>

#include "dig/model/model_impl.h"
#include "dig/scan/scan.h"

#define INC_MAX_DEPTH 4      /* headers followed below a file's own includes */
#define INC_MAX_VISIT 256      /* headers visited per includer */
#define INC_MAX_TIED MODEL_INC_MAX_TIED /* equally near headers of one name considered */
#define INC_MAX_HOPS 8       /* a rename of a rename ... */
#define INC_OUT_BITS 16384   /* the filter of the names in an includer's table (outbits) */

/* Every readable file of the tree, by basename then path order (model->inc_index): the
 * resolver's index (dig_inc_resolve, scan/headers.c, which the scan's #if values use too). */
struct model_inc_index {
	struct dig_inc_index ix;
};

struct inc_state {
	struct model *model;
	const char **relevant;       /* sorted basenames of headers that (may) bring renames */
	uint32_t nrelevant;
	uint32_t visit[INC_MAX_VISIT];  /* the headers visited for this includer, in order */
	uint32_t nvisit;
	unsigned char *onlist;       /* per file: 1 while it is in visit[] (inc_visit_cut) */
	struct model_rename *out;    /* the table being built for one includer */
	uint32_t nout, capout;
	struct inc_res *res;         /* per file: its relevant includes resolved (inc_res_of) */
	struct model_strmap stmt;    /* the statement macros worth expanding, by name (val 1:
	                                worth it; inc_stmt_index) */
	struct inc_rows *rows;       /* per file: the rows its own macros give (inc_rows_of) */
	struct model_strmap chain;   /* every name a row renames to or calls (tree-wide) */
	struct model_strmap want;    /* the includer's names: what it calls, defines, registers */
	uint64_t wantbits[64];       /* their hashes mod 4096, a filter before the index */
	uint64_t outbits[INC_OUT_BITS / 64]; /* the hashes of the names pushed to out (mod
	                                INC_OUT_BITS) since the includer began: a header's #undef
	                                of none of them ends no row (inc_undef_earlier) */
	uint32_t want_cap;           /* keys the want index was made for */
	uint32_t *tied;              /* inc_tied's hash slots (row index + 1, 0 empty) */
	uint32_t tied_cap;           /* slots in tied */
};

/* The rows one file's own macros give (inc_row_of), made once: a header is visited from
 * every file that includes it, and most of its macros give none. */
struct inc_rows {
	struct model_rename *r;
	unsigned char *chain;        /* per row: its name is in st->chain (asked of every file) */
	uint32_t n;
	int built;                   /* 0 not yet, 1 built, 2 out of memory */
	struct model_strmap undefs;  /* the names the file #undefs -> the last such line
	                                (inc_undef_line; made on first use) */
	uint32_t *uhash;             /* per #undef: model_str_hash of its name (made with undefs) */
	int undefs_built;
};

/* A file's relevant #includes, resolved once (a header is followed from every includer):
 * records of (line, n, n file indices) in v[0..n). */
struct inc_res {
	uint32_t *v;
	uint32_t n, cap;
	int built;                   /* 0 not yet, 1 built, 2 out of memory */
};

/* Is `base` the basename of a header that may bring renames? */
static int inc_relevant(const struct inc_state *st, const char *base)
{
	return model_strv_has(st->relevant, st->nrelevant, base);
}

/* Build model->inc_index (once, on the model's arena). Returns 0 or -1 when out of memory. */
static int inc_index_build(struct model *model)
{
	const struct dig_tree *tree = model->tree;
	struct model_inc_index *mi;
	const char **paths;
	unsigned char *usable;

	if (model->inc_index)
		return 0;
	mi = model_mem_alloc(model, sizeof *mi);
	paths = mi ? model_mem_alloc(model, ((size_t)tree->nfiles + 1) * sizeof *paths) : NULL;
	usable = paths ? model_mem_alloc(model, (size_t)tree->nfiles + 1) : NULL;
	if (!usable || !(mi->ix.bases = model_mem_alloc(model, ((size_t)tree->nfiles + 1) * sizeof *mi->ix.bases)))
		return -1;
	mi->ix.paths = paths;
	mi->ix.npaths = tree->nfiles;
	char *real = dig_inc_root_real(tree->root);
	mi->ix.root_real = real ? model_mem_printf(model, "%s", real) : NULL;
	free(real);
	mi->ix.usable = usable;
	mi->ix.nbases = 0;
	for (uint32_t fi = 0; fi < tree->nfiles; fi++) {
		paths[fi] = tree->files[fi].path;
		usable[fi] = tree->files[fi].status != DIG_FILE_SKIPPED;
		if (!usable[fi])
			continue;
		mi->ix.bases[mi->ix.nbases].path = tree->files[fi].path;
		mi->ix.bases[mi->ix.nbases].base = dig_inc_basename(tree->files[fi].path);
		mi->ix.bases[mi->ix.nbases++].file = fi;
	}
	dig_inc_index_sort(mi->ix.bases, mi->ix.nbases);
	model->inc_index = mi;
	return 0;
}

/* The files an #include of from_path names, nearest first (see model_impl.h): with the
 * includer's -I folders (DIG_EV_INCLUDE_DIR evidence, --compdb) when it has some. */
uint32_t model_include_resolve(struct model *model, const char *from_path, const char *target, uint32_t *out)
{
	uint32_t fi = dig_tree_find(model->tree, from_path), ndirs = 0;
	const struct dig_file *f = fi != UINT32_MAX ? &model->tree->files[fi] : NULL;
	const char *dirs[64];

	if (inc_index_build(model))
		return 0;
	for (uint32_t j = 0; f && j < f->nevidence && ndirs < 64; j++)
		if (f->evidence[j].kind == DIG_EV_INCLUDE_DIR)
			dirs[ndirs++] = f->evidence[j].token;
	return dig_inc_resolve(&model->inc_index->ix, from_path, dirs, ndirs, target, out, INC_MAX_TIED);
}

static int inc_follow(struct inc_state *st, const struct dig_file *f, uint32_t after, int depth);

/* A row's model_str_hash(from), computed (and kept) when the row has none yet. */
static uint32_t inc_row_hash(struct model_rename *r)
{
	if (!r->hash)
		r->hash = model_str_hash(r->from);
	return r->hash;
}

/* Append a row to the table being built. Returns -1 when out of memory. */
static int inc_push(struct inc_state *st, const struct model_rename *row)
{
	uint32_t h;
	if (model_grow((void **)&st->out, st->nout, &st->capout, sizeof *st->out))
		return -1;
	st->out[st->nout] = *row;
	h = inc_row_hash(&st->out[st->nout++]);
	st->outbits[(h / 64) % (INC_OUT_BITS / 64)] |= 1ull << (h & 63);
	return 0;
}

/* Does the includer ask about a name of hash h (calls, defines or registers it)? */
static int inc_wanted(const struct inc_state *st, const char *name, uint32_t h)
{
	return (st->wantbits[(h >> 6) & 63] >> (h & 63) & 1) && model_strmap_slot(&st->want, name, h)->key;
}

/* Only names the includer or a macro chain can ask about matter (inc_table_build keeps no
 * other): most of a header's macros are neither. */
static int inc_push_asked(struct inc_state *st, const struct model_rename *row)
{
	uint32_t h = row->hash ? row->hash : model_str_hash(row->from);
	if (!inc_wanted(st, row->from, h) && !model_strmap_slot(&st->chain, row->from, h)->key)
		return 0;
	return inc_push(st, row);
}

/* Is m a statement macro (function-like, its body calls something, no rename)? */
static int inc_is_statement(const struct dig_macro *m)
{
	return !m->dead && m->name && m->function_like && m->ncalls && !m->renames_to;
}

/* Is a statement macro of this name worth expanding (inc_stmt_index)? */
static int inc_stmt_wanted(const struct inc_state *st, const char *name)
{
	const struct model_strmap_slot *s = model_strmap_slot(&st->stmt, name, model_str_hash(name));
	return s->key && s->val;
}

/* The statement macros worth expanding: those whose body calls, directly or through other
 * statement macros of the tree (by name, to INC_MAX_HOPS levels), a deep word of the
 * vocabulary (an allocation, release or backend API: model_vocab_deep). The others (a
 * KASSERT that calls panic, a DPRINTF) would only add calls no allocator is found by, at
 * the cost of resolving the includes of nearly every file. Returns -1 when out of memory. */
static int inc_stmt_index(struct inc_state *st)
{
	const struct dig_tree *tree = st->model->tree;
	uint32_t n = 0, k = 0;
	const struct dig_macro **cand;
	int grew = 1;

	for (uint32_t fi = 0; fi < tree->nfiles; fi++)
		for (uint32_t j = 0; model_file_live(&tree->files[fi]) && j < tree->files[fi].nmacros; j++)
			n += inc_is_statement(&tree->files[fi].macros[j]);
	cand = malloc(((size_t)n + 1) * sizeof *cand);
	if (!cand || model_strmap_init(&st->stmt, n)) {
		free(cand);
		return -1;
	}
	for (uint32_t fi = 0; fi < tree->nfiles; fi++)
		for (uint32_t j = 0; model_file_live(&tree->files[fi]) && j < tree->files[fi].nmacros; j++) {
			const struct dig_macro *m = &tree->files[fi].macros[j];
			struct model_strmap_slot *s;
			if (!inc_is_statement(m))
				continue;
			cand[k++] = m;
			s = model_strmap_slot(&st->stmt, m->name, model_str_hash(m->name));
			s->key = m->name;
			s->hash = model_str_hash(m->name);
			for (uint32_t c = 0; c < m->ncalls && !s->val; c++)   /* a pasted name: what a use makes */
				s->val = (uint32_t)(model_vocab_deep(st->model->vocab, m->calls[c]) || strchr(m->calls[c], '#'));
		}
	for (int round = 0; round < INC_MAX_HOPS && grew; round++) {
		grew = 0;
		for (uint32_t i = 0; i < k; i++) {
			struct model_strmap_slot *s = model_strmap_slot(&st->stmt, cand[i]->name, model_str_hash(cand[i]->name));
			for (uint32_t c = 0; c < cand[i]->ncalls && !s->val; c++)
				if (inc_stmt_wanted(st, cand[i]->calls[c]))
					s->val = 1, grew = 1;
		}
	}
	free(cand);
	return 0;
}

/* The row a live macro of a file gives, into *row: a rename (not to itself), or a
 * statement macro worth expanding (inc_stmt_wanted). 0 when neither, or when the file's
 * own #undef ends it (a header then exports nothing of it). */
static int inc_row_of(const struct inc_state *st, const struct dig_macro *m, uint32_t after, struct model_rename *row)
{
	memset(row, 0, sizeof *row);
	if (m->dead || !m->name || m->undef_line)
		return 0;
	row->from = m->name;
	row->via = m->name;
	row->function_like = m->function_like;
	row->after = after;
	if (m->renames_to && strcmp(m->name, m->renames_to) != 0)
		row->to = m->renames_to, row->pure = m->function_like && dig_macro_renames_args(m);
	else if (inc_is_statement(m) && inc_stmt_wanted(st, m->name))
		row->calls = (const char *const *)m->calls, row->ncalls = m->ncalls;
	else
		return 0;
	return 1;
}

/* File fi's own rows, built on first use. */
static const struct inc_rows *inc_rows_of(struct inc_state *st, uint32_t fi)
{
	struct inc_rows *rs = &st->rows[fi];
	const struct dig_file *f = &st->model->tree->files[fi];
	struct model_rename row;
	uint32_t cap = 0;

	if (rs->built)
		return rs;
	rs->built = 1;
	for (uint32_t j = 0; j < f->nmacros; j++) {
		if (!inc_row_of(st, &f->macros[j], 0, &row))
			continue;
		if (model_grow((void **)&rs->r, rs->n, &cap, sizeof *rs->r)) {
			rs->built = 2;
			break;
		}
		row.hash = model_str_hash(row.from);   /* once per header, not per includer */
		rs->r[rs->n++] = row;
	}
	if (rs->built == 1 && rs->n && !(rs->chain = malloc(rs->n)))
		rs->built = 2;
	for (uint32_t j = 0; rs->built == 1 && j < rs->n; j++)
		rs->chain[j] = model_strmap_slot(&st->chain, rs->r[j].from, rs->r[j].hash)->key != NULL;
	return rs;
}

/* Forget the headers visited after the first `to` (a tie's next candidate, a new includer). */
static void inc_visit_cut(struct inc_state *st, uint32_t to)
{
	while (st->nvisit > to)
		st->onlist[st->visit[--st->nvisit]] = 0;
}

/* Header fi, reached through the includer's #include at line `after`, #undefs names: that
 * ends what earlier includes brought of them. A row brought by an earlier #include line
 * stops applying at this one (until); a row brought by the same line (an earlier header
 * of the same chain) never applies (until = after: an empty window, kept so that the
 * indices of a tie in progress stay put). */
static uint32_t inc_undef_line(struct inc_state *st, uint32_t fi, const char *name, uint32_t h);
static void inc_key_add(struct model_strmap *m, const char *name);

static void inc_undef_earlier(struct inc_state *st, uint32_t fi, uint32_t after)
{
	const struct dig_file *f = &st->model->tree->files[fi];
	const uint32_t *h;
	int any = 0;

	if (!st->nout)
		return;
	if (!st->rows[fi].undefs_built)
		(void)inc_undef_line(st, fi, "", 0);   /* the undef index and hashes, made once */
	if (!(h = st->rows[fi].uhash))
		return;
	for (uint32_t u = 0; u < f->nundefs && !any; u++)   /* none pushed: nothing to end */
		any = st->outbits[(h[u] / 64) % (INC_OUT_BITS / 64)] >> (h[u] & 63) & 1;
	if (!any)
		return;
	if (f->nundefs > 8) {        /* many: the header's undef index, row by row */
		for (uint32_t i = 0; i < st->nout; i++) {
			struct model_rename *r = &st->out[i];
			if (r->after <= after && (!r->until || after < r->until) &&
			    inc_undef_line(st, fi, r->from, inc_row_hash(r)))
				r->until = after;
		}
		return;
	}
	for (uint32_t i = 0; i < st->nout; i++) {
		struct model_rename *r = &st->out[i];
		uint32_t rh = inc_row_hash(r);
		for (uint32_t u = 0; u < f->nundefs; u++)
			if (rh == h[u] && r->after <= after && (!r->until || after < r->until) &&
			    strcmp(r->from, f->undefs[u].name) == 0)
				r->until = after;
	}
}

/* Add the renames and statement macros of header `fi` (and of the headers it includes) to
 * the table, each to apply after line `after` of the includer; the header's #undefs end
 * what came before it (inc_undef_earlier). */
static int inc_collect(struct inc_state *st, uint32_t fi, uint32_t after, int depth)
{
	const struct dig_file *f = &st->model->tree->files[fi];
	struct model_rename row;

	if (st->onlist[fi] || st->nvisit >= INC_MAX_VISIT)
		return 0;
	st->onlist[fi] = 1;
	st->visit[st->nvisit++] = fi;
	if (f->nundefs)
		inc_undef_earlier(st, fi, after);
	const struct inc_rows *own = inc_rows_of(st, fi);
	if (own->built == 2)
		return -1;
	for (uint32_t j = 0; j < own->n; j++) {
		if (!own->chain[j] && !inc_wanted(st, own->r[j].from, own->r[j].hash))
			continue;
		row = own->r[j];
		row.after = after;
		if (inc_push(st, &row))
			return -1;
	}
	if (depth >= INC_MAX_DEPTH)
		return 0;
	return inc_follow(st, f, after, depth + 1);
}

/* Do two rows do the same (rename to the same name, or call the same names, the same way)? */
static int inc_same(const struct model_rename *a, const struct model_rename *b)
{
	if (a->function_like != b->function_like || a->pure != b->pure || (a->to == NULL) != (b->to == NULL) ||
	    a->ncalls != b->ncalls)
		return 0;
	if (a->to && strcmp(a->to, b->to) != 0)
		return 0;
	for (uint32_t k = 0; k < a->ncalls; k++)
		if (strcmp(a->calls[k], b->calls[k]) != 0)
			return 0;
	return 1;
}

/* Do rows a and b name the same name (of equal hashes, inc_row_hash)? */
static int inc_row_same_name(const struct model_rename *a, const struct model_rename *b)
{
	return a->hash == b->hash && strcmp(a->from, b->from) == 0;
}

/* Index rows [lo, hi) of st->out by the hash of their name in st->tied (open addressing);
 * its mask, or UINT32_MAX when out of memory. */
static uint32_t inc_tied_index(struct inc_state *st, uint32_t lo, uint32_t hi)
{
	uint32_t cap = 16;
	while (cap < 2 * (hi - lo))
		cap *= 2;
	if (cap > st->tied_cap) {
		uint32_t *grown = realloc(st->tied, (size_t)cap * sizeof *grown);
		if (!grown)
			return UINT32_MAX;
		st->tied = grown;
		st->tied_cap = cap;
	}
	memset(st->tied, 0, (size_t)cap * sizeof *st->tied);
	for (uint32_t j = lo; j < hi; j++) {
		uint32_t k = st->out[j].hash & (cap - 1);
		while (st->tied[k])
			k = (k + 1) & (cap - 1);
		st->tied[k] = j + 1;
	}
	return cap - 1;
}

/* One #include that names n equally near headers tied[0..n): a compiler reads one of
 * them, and which one the tree does not say, so only what every one of them brings is
 * kept (rows of the first found the same in each other's, in the first's order: each
 * other's rows indexed by the hash of their name). Returns -1 when out of memory. */
static int inc_tied(struct inc_state *st, const uint32_t *tied, uint32_t n, uint32_t after, int depth)
{
	uint32_t mark[INC_MAX_TIED + 1] = { 0 }, saved = st->nvisit, kept;

	if (n > INC_MAX_TIED)
		n = INC_MAX_TIED;
	if (n == 1)
		return inc_collect(st, tied[0], after, depth);
	for (uint32_t k = 0; k < n; k++) {
		mark[k] = st->nout;
		if (k)
			inc_visit_cut(st, saved);   /* each candidate is followed on its own */
		if (inc_collect(st, tied[k], after, depth))
			return -1;
	}
	mark[n] = st->nout;
	for (uint32_t i = mark[0]; i < mark[n]; i++)   /* every row hashed (inc_push did) */
		(void)inc_row_hash(&st->out[i]);
	kept = mark[1];
	for (uint32_t k = 1; k < n && kept > mark[0]; k++) {
		uint32_t mask = inc_tied_index(st, mark[k], mark[k + 1]), left = mark[0];
		if (mask == UINT32_MAX)
			return -1;
		for (uint32_t i = mark[0]; i < kept; i++) {
			int found = 0;
			for (uint32_t j = st->out[i].hash & mask; st->tied[j] && !found; j = (j + 1) & mask) {
				const struct model_rename *o = &st->out[st->tied[j] - 1];
				found = inc_row_same_name(o, &st->out[i]) && inc_same(o, &st->out[i]);
			}
			if (found)
				st->out[left++] = st->out[i];
		}
		kept = left;
	}
	st->nout = kept;
	return 0;
}

/* The last line at which file fi #undefs `name` (of hash h, model_str_hash; 0: computed
 * here) -- 0: never --, from its undef index (made on first use, with rs->uhash; the
 * per-file loop finds it made: inc_prebuild_one). */
static uint32_t inc_undef_line(struct inc_state *st, uint32_t fi, const char *name, uint32_t h)
{
	struct inc_rows *rs = &st->rows[fi];
	const struct dig_file *f = &st->model->tree->files[fi];
	const struct model_strmap_slot *s;

	if (!rs->undefs_built) {
		rs->undefs_built = 1;
		if (model_strmap_init(&rs->undefs, f->nundefs))
			return 0;
		if (!(rs->uhash = malloc(((size_t)f->nundefs + 1) * sizeof *rs->uhash))) {
			model_strmap_fini(&rs->undefs);
			return 0;
		}
		for (uint32_t u = 0; u < f->nundefs; u++) {
			uint32_t uh = rs->uhash[u] = model_str_hash(f->undefs[u].name);
			struct model_strmap_slot *slot = model_strmap_slot(&rs->undefs, f->undefs[u].name, uh);
			slot->key = f->undefs[u].name;
			slot->hash = uh;
			if (f->undefs[u].line > slot->val)
				slot->val = f->undefs[u].line;
		}
	}
	if (!rs->undefs.slot)
		return 0;
	s = model_strmap_slot(&rs->undefs, name, h ? h : model_str_hash(name));
	return s->key ? s->val : 0;
}

/* A header's #undef after one of its #includes (at `line`) ends what that include brought
 * (rows from `start` on): it reaches no includer of the header. */
static void inc_undef_drop(struct inc_state *st, uint32_t fi, uint32_t start, uint32_t line)
{
	uint32_t kept = start;
	for (uint32_t i = start; i < st->nout; i++)
		if (inc_undef_line(st, fi, st->out[i].from, inc_row_hash(&st->out[i])) <= line)
			st->out[kept++] = st->out[i];
	st->nout = kept;
}

/* File fi's live #includes of relevant headers, resolved (built on first use). */
static const struct inc_res *inc_res_of(struct inc_state *st, const struct dig_file *f)
{
	struct inc_res *r = &st->res[f - st->model->tree->files];
	char buf[512];
	uint32_t tied[INC_MAX_TIED];
	if (r->built)
		return r;
	r->built = 1;
	for (uint32_t j = 0; j < f->nevidence; j++) {
		const struct dig_evidence *ev = &f->evidence[j];
		const char *target;
		uint32_t n;
		if (ev->kind != DIG_EV_INCLUDE || ev->dead || !ev->token)
			continue;
		target = dig_inc_target(ev->token, buf, sizeof buf);
		if (!target || !inc_relevant(st, dig_inc_basename(target)))
			continue;
		n = model_include_resolve(st->model, f->path, target, tied);
		if (n == 0)
			continue;
		while (r->n + 2 + n > r->cap) {
			if (model_grow((void **)&r->v, r->cap, &r->cap, sizeof *r->v)) {   /* doubles */
				r->built = 2;
				return r;
			}
		}
		r->v[r->n++] = ev->line;
		r->v[r->n++] = n;
		memcpy(r->v + r->n, tied, n * sizeof *tied);
		r->n += n;
	}
	return r;
}

/* Follow file f's live #includes of relevant headers into inc_collect at `depth`; the
 * rows found apply after `after`, or (0) after each #include line itself. In a header
 * (depth > 1), its own #undef ends what an earlier include of it brought. */
static int inc_follow(struct inc_state *st, const struct dig_file *f, uint32_t after, int depth)
{
	const struct inc_res *r = inc_res_of(st, f);
	if (r->built == 2)
		return -1;
	for (uint32_t i = 0; i < r->n; i += 2 + r->v[i + 1]) {
		uint32_t start = st->nout;
		if (inc_tied(st, r->v + i + 2, r->v[i + 1], after ? after : r->v[i], depth))
			return -1;
		if (depth > 1 && f->nundefs)
			inc_undef_drop(st, (uint32_t)(f - st->model->tree->files), start, r->v[i]);
	}
	return 0;
}

/* The headers that start the relevant set, marked in rel[]: those whose own macros give
 * rows, and those that #undef a name some header's row renames or expands (their #undef
 * ends that row in the files that include both). Returns -1 when out of memory. */
static int inc_roots(struct inc_state *st, unsigned char *rel)
{
	const struct dig_tree *tree = st->model->tree;
	struct model_strmap names;   /* every name a row renames or expands */
	uint32_t nrows = 0;

	for (uint32_t fi = 0; fi < tree->nfiles; fi++) {
		const struct inc_rows *own;
		if (tree->files[fi].status == DIG_FILE_SKIPPED)
			continue;
		own = inc_rows_of(st, fi);
		if (own->built == 2)
			return -1;
		rel[fi] = own->n > 0;
		nrows += own->n;
	}
	if (model_strmap_init(&names, nrows))
		return -1;
	for (uint32_t fi = 0; fi < tree->nfiles; fi++)
		for (uint32_t j = 0; rel[fi] && j < st->rows[fi].n; j++)
			inc_key_add(&names, st->rows[fi].r[j].from);
	for (uint32_t fi = 0; fi < tree->nfiles; fi++) {
		const struct dig_file *f = &tree->files[fi];
		for (uint32_t u = 0; u < f->nundefs && !rel[fi] && f->status != DIG_FILE_SKIPPED; u++)
			rel[fi] = model_strmap_slot(&names, f->undefs[u].name, model_str_hash(f->undefs[u].name))->key != NULL;
	}
	model_strmap_fini(&names);
	return 0;
}

/* Build the basename index and the set of relevant header names. */
static int inc_index(struct inc_state *st)
{
	const struct dig_tree *tree = st->model->tree;
	unsigned char *rel = calloc((size_t)tree->nfiles + 1, 1);
	char buf[512];

	st->relevant = malloc(((size_t)tree->nfiles + 1) * sizeof *st->relevant);
	if (!rel || !st->relevant || inc_index_build(st->model)) {
		free(rel);
		return -1;
	}
	if (inc_roots(st, rel)) {
		free(rel);
		return -1;
	}
	/* widen: a header including a relevant name is relevant (by name: cheap, a superset) */
	for (int round = 0; round <= INC_MAX_DEPTH; round++) {
		int grew = 0;
		st->nrelevant = 0;
		for (uint32_t fi = 0; fi < tree->nfiles; fi++)
			if (rel[fi])
				st->relevant[st->nrelevant++] = dig_inc_basename(tree->files[fi].path);
		if (st->nrelevant)
			qsort(st->relevant, st->nrelevant, sizeof *st->relevant, model_str_cmp);
		if (round == INC_MAX_DEPTH)
			break;
		for (uint32_t fi = 0; fi < tree->nfiles; fi++) {
			const struct dig_file *f = &tree->files[fi];
			if (rel[fi] || f->status == DIG_FILE_SKIPPED)
				continue;
			for (uint32_t j = 0; j < f->nevidence && !rel[fi]; j++) {
				const struct dig_evidence *ev = &f->evidence[j];
				const char *target;
				if (ev->kind != DIG_EV_INCLUDE || ev->dead || !ev->token)
					continue;
				target = dig_inc_target(ev->token, buf, sizeof buf);
				if (target && inc_relevant(st, dig_inc_basename(target)))
					rel[fi] = 1, grew = 1;
			}
		}
		if (!grew)
			break;
	}
	free(rel);
	return 0;
}

/* Does row a call `name` (a rename: its target; a statement macro: a name its body calls)? */
static int inc_row_calls(const struct model_rename *a, const char *name)
{
	if (a->to)
		return strcmp(a->to, name) == 0;
	for (uint32_t k = 0; k < a->ncalls; k++)
		if (strcmp(a->calls[k], name) == 0)
			return 1;
	return 0;
}

/* Does every name row a calls appear among what row b calls, both function-like? */
static int inc_row_within(const struct model_rename *a, const struct model_rename *b)
{
	if (!a->function_like || !b->function_like || (a->to == NULL && a->ncalls == 0))
		return 0;
	if (a->to)
		return inc_row_calls(b, a->to);
	for (uint32_t k = 0; k < a->ncalls; k++)
		if (!inc_row_calls(b, a->calls[k]))
			return 0;
	return 1;
}

/* The row of the group of one name whose head is `head` (rows chained by next[]): the
 * file's own statement macro when it has one (its earliest); else, when every row does the
 * same (inc_same), the one with the earliest include line. When headers define the name
 * differently (an #ifdef's branches: `MFREE` with and without a trace call), a use calls
 * what every definition calls: the earliest function-like row whose calls every other
 * row makes too (`FREE(a, t) free(a, t)` beside a block that pops a bucket or calls free);
 * else none (UINT32_MAX). */
static uint32_t inc_group_pick(const struct model_rename *r, const uint32_t *next, uint32_t head)
{
	uint32_t best = head, own = UINT32_MAX, differ = 0, common = UINT32_MAX;
	for (uint32_t i = head; i != UINT32_MAX; i = next[i]) {
		if (r[i].own && (own == UINT32_MAX || r[i].after < r[own].after))
			own = i;
		if (i != head && !inc_same(&r[i], &r[head]))
			differ = 1;
		if (r[i].after < r[best].after)
			best = i;
	}
	if (own != UINT32_MAX)
		return own;
	if (!differ)
		return best;
	for (uint32_t i = head; i != UINT32_MAX; i = next[i]) {
		int within = 1;
		for (uint32_t j = head; j != UINT32_MAX && within; j = next[j])
			within = j == i || inc_row_within(&r[i], &r[j]);
		if (within && (common == UINT32_MAX || r[i].after < r[common].after))
			common = i;
	}
	return common;
}

/* Queue the group renaming `name` (when there is one, not yet seen, and its headers agree)
 * at hop `level`: its picked row goes to keep[]. */
static void inc_take(const struct model_rename *r, const uint32_t *next, const struct model_strmap *map,
                     const char *name, uint32_t level, uint32_t *keep, uint32_t *lev, uint32_t *nkeep)
{
	struct model_strmap_slot *slot;
	uint32_t pick;
	if (!name)
		return;
	slot = model_strmap_slot(map, name, model_str_hash(name));
	if (!slot->key || slot->n)
		return;
	slot->n = 1; /* seen */
	pick = inc_group_pick(r, next, slot->val);
	if (pick == UINT32_MAX)
		return;
	keep[*nkeep] = pick;
	lev[*nkeep] = level;
	(*nkeep)++;
}

/* Order rows by written name (one row per name is left). */
static int inc_row_cmp(const void *a, const void *b)
{
	const struct model_rename *x = a, *y = b;
	return strcmp(x->from, y->from);
}

/* One includer's table from the rows collected for it, r[0..n): per written name the
 * row inc_group_pick keeps; and only the names link.c will ask about: the names the file
 * calls directly, defines (written names) or registers, and what those rename to or call
 * (a chain of up to INC_MAX_HOPS). Rows are grouped by
 * name with a hash index, so the cost is linear in the rows collected. The table is
 * written back into r, sorted by name; returns its length. Out of memory: -1. */
static int64_t inc_table_build(const struct dig_file *f, struct model_rename *r, uint32_t n)
{
	struct model_strmap map;
	uint32_t *next = malloc(((size_t)n + 1) * 3 * sizeof *next), *keep, *lev, nkeep = 0;
	struct model_rename *tmp;
	if (!next || model_strmap_init(&map, n)) {
		free(next);
		return -1;
	}
	keep = next + n + 1;
	lev = keep + n + 1;
	/* chain rows of one name, in collection order: head in the slot, next[] after it */
	for (uint32_t i = n; i-- > 0;) {
		uint32_t h = model_str_hash(r[i].from);
		struct model_strmap_slot *slot = model_strmap_slot(&map, r[i].from, h);
		next[i] = slot->key ? slot->val : UINT32_MAX;
		slot->key = r[i].from;
		slot->hash = h;
		slot->val = i;
	}
	for (uint32_t j = 0; j < f->ncalls; j++)
		if (f->calls[j].kind == DIG_CALL_DIRECT)
			inc_take(r, next, &map, f->calls[j].callee, 0, keep, lev, &nkeep);
	for (uint32_t j = 0; j < f->nfuncs; j++)
		inc_take(r, next, &map, f->funcs[j].written_name, 0, keep, lev, &nkeep);
	for (uint32_t j = 0; j < f->nregs; j++)
		inc_take(r, next, &map, f->regs[j].func, 0, keep, lev, &nkeep);
	for (uint32_t k = 0; k < nkeep; k++) {
		if (lev[k] >= INC_MAX_HOPS)
			continue;
		inc_take(r, next, &map, r[keep[k]].to, lev[k] + 1, keep, lev, &nkeep);
		for (uint32_t c = 0; c < r[keep[k]].ncalls; c++)
			inc_take(r, next, &map, r[keep[k]].calls[c], lev[k] + 1, keep, lev, &nkeep);
	}
	model_strmap_fini(&map);
	tmp = malloc(((size_t)nkeep + 1) * sizeof *tmp);
	if (!tmp) {
		free(next);
		return -1;
	}
	for (uint32_t k = 0; k < nkeep; k++)
		tmp[k] = r[keep[k]];
	if (nkeep > 1)
		qsort(tmp, nkeep, sizeof *tmp, inc_row_cmp);
	memcpy(r, tmp, (size_t)nkeep * sizeof *tmp);
	free(tmp);
	free(next);
	return nkeep;
}

/* The includer's side: its #undef of a name ends what its includes brought of it (a row
 * applies until the first #undef after it), and its own statement macros join the table
 * (from their #define to their #undef). Returns -1 when out of memory. */
static int inc_own(struct inc_state *st, const struct dig_file *f)
{
	struct model_rename row;
	uint32_t fi = (uint32_t)(f - st->model->tree->files);

	for (uint32_t i = 0; i < st->nout && f->nundefs; i++)
		for (uint32_t u = 0;
		     u < f->nundefs && inc_undef_line(st, fi, st->out[i].from, inc_row_hash(&st->out[i])) > st->out[i].after;
		     u++)
			if (f->undefs[u].line > st->out[i].after && strcmp(f->undefs[u].name, st->out[i].from) == 0 &&
			    (!st->out[i].until || f->undefs[u].line < st->out[i].until))
				st->out[i].until = f->undefs[u].line;
	for (uint32_t j = 0; j < f->nmacros; j++) {
		const struct dig_macro *m = &f->macros[j];
		if (!inc_is_statement(m) || !inc_stmt_wanted(st, m->name))
			continue;
		memset(&row, 0, sizeof row);
		row.from = row.via = m->name;
		row.calls = (const char *const *)m->calls;
		row.ncalls = m->ncalls;
		row.function_like = 1;
		row.own = 1;
		row.after = m->line;
		row.until = m->undef_line;
		if (inc_push_asked(st, &row))
			return -1;
	}
	return 0;
}

/* Add a name to a string index (made with room for it). */
static void inc_key_add(struct model_strmap *m, const char *name)
{
	uint32_t h;
	struct model_strmap_slot *s;
	if (!name || !*name)
		return;
	h = model_str_hash(name);
	s = model_strmap_slot(m, name, h);
	s->key = name;
	s->hash = h;
}

/* The names every row renames to or calls, tree-wide (st->chain): a row of such a name can
 * matter to a file that never writes it. Returns -1 when out of memory. */
static int inc_chain_index(struct inc_state *st)
{
	const struct dig_tree *tree = st->model->tree;
	uint32_t n = 0;
	struct model_rename row;

	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1 && model_strmap_init(&st->chain, n))
			return -1;
		for (uint32_t fi = 0; fi < tree->nfiles; fi++) {
			const struct dig_file *f = &tree->files[fi];
			for (uint32_t j = 0; model_file_live(f) && j < f->nmacros; j++) {
				if (!inc_row_of(st, &f->macros[j], 0, &row))
					continue;
				n += 1 + row.ncalls;
				if (pass == 1) {
					inc_key_add(&st->chain, row.to);
					for (uint32_t c = 0; c < row.ncalls; c++)
						inc_key_add(&st->chain, row.calls[c]);
				}
			}
		}
	}
	return 0;
}

/* Add one of the includer's names to st->want and its filter. */
static void inc_want_add(struct inc_state *st, const char *name)
{
	uint32_t h;
	if (!name || !*name)
		return;
	inc_key_add(&st->want, name);
	h = model_str_hash(name);
	st->wantbits[(h >> 6) & 63] |= 1ull << (h & 63);
}

/* The includer's own names (st->want): what it calls directly, defines and registers.
 * Returns -1 when out of memory. */
static int inc_want_index(struct inc_state *st, const struct dig_file *f)
{
	uint32_t n = f->ncalls + f->nfuncs + f->nregs;
	if (n > st->want_cap || st->want_cap > 4 * n + 64 || !st->want.slot) {
		model_strmap_fini(&st->want);
		if (model_strmap_init(&st->want, n))
			return -1;
		st->want_cap = n;
	} else {
		memset(st->want.slot, 0, ((size_t)st->want.mask + 1) * sizeof *st->want.slot);
	}
	memset(st->wantbits, 0, sizeof st->wantbits);
	for (uint32_t j = 0; j < f->ncalls; j++)
		if (f->calls[j].kind == DIG_CALL_DIRECT)
			inc_want_add(st, f->calls[j].callee);
	for (uint32_t j = 0; j < f->nfuncs; j++)
		inc_want_add(st, f->funcs[j].written_name);
	for (uint32_t j = 0; j < f->nregs; j++)
		inc_want_add(st, f->regs[j].func);
	return 0;
}

/* One file's shared tables, made before the per-file loop (inc_prebuild): its resolved
 * includes, its own rows and its #undef index, which the lazy accessors would otherwise
 * make on first use from whichever thread came first. */
static int inc_prebuild_one(void *arg, unsigned worker, uint32_t fi)
{
	struct inc_state *st = arg;
	const struct dig_file *f = &st->model->tree->files[fi];

	(void)worker;
	if (f->status == DIG_FILE_SKIPPED && !model_file_live(f))
		return 0;
	if (inc_rows_of(st, fi)->built == 2 || inc_res_of(st, f)->built == 2)
		return -1;
	if (f->nundefs)
		(void)inc_undef_line(st, fi, "", 0);
	return 0;
}

/* The per-file loop's state: the shared tables, each worker's scratch and the result. */
struct inc_run {
	struct inc_state *ws;        /* per worker: a copy of the shared state, own scratch */
	struct model_renames *per;
};

/* File fi's table: what its includes bring and its own statement macros (per[fi]). */
static int inc_file(void *arg, unsigned worker, uint32_t fi)
{
	struct inc_run *run = arg;
	struct inc_state *st = &run->ws[worker];
	const struct dig_file *f = &st->model->tree->files[fi];
	int64_t kept;

	if (!model_file_live(f))
		return 0;
	st->nout = 0;
	memset(st->outbits, 0, sizeof st->outbits);
	inc_visit_cut(st, 0);
	if (inc_want_index(st, f) || (st->nrelevant && inc_follow(st, f, 0, 1)) || inc_own(st, f))
		return -1;
	if (!st->nout)
		return 0;
	if ((kept = inc_table_build(f, st->out, st->nout)) < 0)
		return -1;
	if (!(st->nout = (uint32_t)kept))
		return 0;
	if (!(run->per[fi].r = malloc((size_t)st->nout * sizeof *run->per[fi].r)))
		return -1;
	memcpy(run->per[fi].r, st->out, st->nout * sizeof *st->out);
	run->per[fi].n = st->nout;
	return 0;
}

/* The per-file tables on the model's threads: the shared tables first, then one file per
 * index, each worker with its own scratch (a copy of st whose out and want are its own). */
static int inc_files(struct inc_state *st, struct model_renames *per)
{
	unsigned nw = model_parallel_workers(st->model);
	struct inc_run run = { calloc(nw, sizeof *run.ws), per };
	uint32_t nfiles = st->model->tree->nfiles;
	int rc = -1;

	if (!run.ws || model_parallel_for(st->model, nfiles, inc_prebuild_one, st))
		goto done;
	for (unsigned k = 0; k < nw; k++) {
		run.ws[k] = *st;
		run.ws[k].out = NULL;
		run.ws[k].nout = run.ws[k].capout = 0;
		memset(&run.ws[k].want, 0, sizeof run.ws[k].want);
		run.ws[k].want_cap = 0;
		run.ws[k].nvisit = 0;
		run.ws[k].tied = NULL;
		run.ws[k].tied_cap = 0;
		if (!(run.ws[k].onlist = calloc((size_t)nfiles + 1, 1)))
			goto done;
	}
	rc = model_parallel_for(st->model, nfiles, inc_file, &run);
done:
	for (unsigned k = 0; run.ws && k < nw; k++) {
		free(run.ws[k].out);
		free(run.ws[k].onlist);
		free(run.ws[k].tied);
		model_strmap_fini(&run.ws[k].want);
	}
	free(run.ws);
	return rc;
}

/* Per file of the tree, the renames its includes bring (see the theory above). */
int model_includes_build(struct model *model, struct model_renames **out)
{
	const struct dig_tree *tree = model->tree;
	struct model_renames *per = calloc((size_t)tree->nfiles + 1, sizeof *per);
	struct inc_state st;
	int rc = -1;

	memset(&st, 0, sizeof st);
	st.model = model;
	*out = per;
	st.res = calloc((size_t)tree->nfiles + 1, sizeof *st.res);
	st.rows = calloc((size_t)tree->nfiles + 1, sizeof *st.rows);
	st.onlist = calloc((size_t)tree->nfiles + 1, 1);
	if (!per || !st.res || !st.rows || !st.onlist || inc_stmt_index(&st) || inc_chain_index(&st) || inc_index(&st))
		goto done;
	rc = inc_files(&st, per);
done:
	for (uint32_t fi = 0; st.res && fi < tree->nfiles; fi++)
		free(st.res[fi].v);
	for (uint32_t fi = 0; st.rows && fi < tree->nfiles; fi++) {
		free(st.rows[fi].r);
		free(st.rows[fi].chain);
		free(st.rows[fi].uhash);
		model_strmap_fini(&st.rows[fi].undefs);
	}
	free(st.rows);
	free(st.res);
	free(st.onlist);
	free(st.relevant);
	free(st.out);
	free(st.tied);
	model_strmap_fini(&st.stmt);
	model_strmap_fini(&st.chain);
	model_strmap_fini(&st.want);
	return rc;
}

/* Free the per-file tables. */
void model_includes_free(struct model_renames *per, uint32_t nfiles)
{
	if (!per)
		return;
	for (uint32_t i = 0; i < nfiles; i++)
		free(per[i].r);
	free(per);
}

/* One row of `name` that applies at `line`: a rename (object-like or passing the arguments
 * on when object_only is 1, object-like only when 2), or (statement) a statement macro. */
static const struct model_rename *inc_find(const struct model_renames *t, const char *name, uint32_t line,
                                           int object_only, int statement)
{
	uint32_t lo = 0, hi = t->n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (strcmp(t->r[mid].from, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < t->n && strcmp(t->r[lo].from, name) == 0; lo++) {
		const struct model_rename *r = &t->r[lo];
		if (r->after < line && (!r->until || line < r->until) && (r->to == NULL) == (statement != 0) &&
		    !(object_only && r->function_like && (!r->pure || object_only == 2)))
			return r;
	}
	return NULL;
}

/* Follow the inherited renames of `name` at `line`: the final name, or NULL when none
 * applies; *via gets the first macro. */
const char *model_rename_apply(const struct model_renames *t, const char *name, uint32_t line, int object_only,
                               const char **via)
{
	const char *to = NULL;
	*via = NULL;
	if (!t || !t->n || !name)
		return NULL;
	for (int hop = 0; hop < INC_MAX_HOPS; hop++) {
		const struct model_rename *r = inc_find(t, to ? to : name, line, object_only, 0);
		if (!r || strcmp(r->to, name) == 0)
			break;
		if (!*via)
			*via = r->via;
		to = r->to;
	}
	return to;
}

const struct model_rename *model_statement_macro(const struct model_renames *t, const char *name, uint32_t line)
{
	if (!t || !t->n || !name)
		return NULL;
	return inc_find(t, name, line, 0, 1);
}

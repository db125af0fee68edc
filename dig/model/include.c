/*
 * dig/model/include.c: the macro renames a file inherits from the headers it includes.
 *
 * The scan has no preprocessor and no include paths: a `#define malloc xmalloc` applies
 * only inside the file that writes it. A C compiler applies it in every file that includes
 * that header (directly or through other headers), so the link stage asks here which
 * renames reach each file:
 *   1. Resolution. An `#include "a/b.h"` or `<a/b.h>` is resolved against the tree by name:
 *      the files whose path ends in `a/b.h` (after `./` and `../` are dropped), the one
 *      sharing the longest folder prefix with the includer winning; when several tie, only
 *      the renames they agree on are kept (model_include_resolve, over the basename index
 *      model->inc_index, which lives on the model's arena).
 *   2. Include paths. A file dug from a compilation database (--compdb) carries its build
 *      command's -I folders as DIG_EV_INCLUDE_DIR evidence; for its own #includes the
 *      header is then looked for as a compiler does first -- in the includer's folder, then
 *      in each of those folders in order, by exact path -- and only when none holds it by
 *      the name rule above. (Headers carry no build command: their #includes use the name
 *      rule.)
 *   3. Depth. Headers are followed to a depth of INC_MAX_DEPTH.
 *   4. Lines. A rename applies to lines after the #include that brought it.
 *   5. Cost. Resolving every include of a 30,000-file tree by suffix is expensive, so only
 *      includes whose basename is that of a header that renames, or that (transitively, up
 *      to INC_MAX_DEPTH rounds) includes one, are resolved at all.
 * Limits (documented in docs/accuracy.md): conditions around a #define are not evaluated
 * (the link stage falls back to the written name when the renamed one has no definition
 * that takes the call), and #undef in a header is not seen.
 */
#include <stdlib.h>
#include <string.h>

#include "dig/model/model_impl.h"
#include "dig/scan/scan.h"

#define INC_MAX_DEPTH 4      /* headers followed below a file's own includes */
#define INC_MAX_VISIT 64     /* headers visited per includer */
#define INC_MAX_TIED MODEL_INC_MAX_TIED /* equally near headers of one name considered */
#define INC_MAX_HOPS 8       /* a rename of a rename ... */

/* A file indexed by its basename. */
struct inc_base {
	const char *base;
	uint32_t file;
};

/* Every readable file of the tree, by basename then path order (model->inc_index). */
struct model_inc_index {
	struct inc_base *bases;
	uint32_t n;
};

struct inc_state {
	struct model *model;
	const char **relevant;       /* sorted basenames of headers that (may) bring renames */
	uint32_t nrelevant;
	uint32_t visit[INC_MAX_VISIT];
	uint32_t nvisit;
	struct model_rename *out;    /* the table being built for one includer */
	uint32_t nout, capout;
	struct inc_res *res;         /* per file: its relevant includes resolved (inc_res_of) */
};

/* A file's relevant #includes, resolved once (a header is followed from every includer):
 * records of (line, n, n file indices) in v[0..n). */
struct inc_res {
	uint32_t *v;
	uint32_t n, cap;
	int built;                   /* 0 not yet, 1 built, 2 out of memory */
};

/* The last path component. */
static const char *inc_basename(const char *path)
{
	const char *b = strrchr(path, '/');
	return b ? b + 1 : path;
}

/* Order basename entries by basename, then file. */
static int inc_base_cmp(const void *a, const void *b)
{
	const struct inc_base *x = a, *y = b;
	int c = strcmp(x->base, y->base);
	if (c)
		return c;
	return x->file < y->file ? -1 : x->file > y->file;
}


/* The header an #include names, into buf: quotes or brackets and leading ./ and ../
 * dropped. Returns NULL when it names no file (a macro, an empty token). */
static const char *inc_target(const char *token, char *buf, size_t size)
{
	const char *p = token, *e;
	size_t n;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p != '"' && *p != '<')
		return NULL;
	p++;
	e = strpbrk(p, "\">");
	n = e ? (size_t)(e - p) : strlen(p);
	while (n >= 2 && p[0] == '.' && (p[1] == '/' || (n >= 3 && p[1] == '.' && p[2] == '/'))) {
		size_t skip = p[1] == '/' ? 2 : 3;
		p += skip;
		n -= skip;
	}
	if (n == 0 || n >= size)
		return NULL;
	memcpy(buf, p, n);
	buf[n] = '\0';
	return buf;
}

/* Is `base` the basename of a header that may bring renames? */
static int inc_relevant(const struct inc_state *st, const char *base)
{
	return model_strv_has(st->relevant, st->nrelevant, base);
}

/* Build model->inc_index (once, on the model's arena). Returns 0 or -1 when out of memory. */
static int inc_index_build(struct model *model)
{
	const struct dig_tree *tree = model->tree;
	struct model_inc_index *ix;

	if (model->inc_index)
		return 0;
	ix = model_mem_alloc(model, sizeof *ix);
	if (!ix || !(ix->bases = model_mem_alloc(model, ((size_t)tree->nfiles + 1) * sizeof *ix->bases)))
		return -1;
	for (uint32_t fi = 0; fi < tree->nfiles; fi++) {
		if (tree->files[fi].status == DIG_FILE_SKIPPED)
			continue;
		ix->bases[ix->n].base = inc_basename(tree->files[fi].path);
		ix->bases[ix->n].file = fi;
		ix->n++;
	}
	if (ix->n)
		qsort(ix->bases, ix->n, sizeof *ix->bases, inc_base_cmp);
	model->inc_index = ix;
	return 0;
}

/* The readable file at folder `dir` (length dl; 0: the root) + "/" + target, or
 * UINT32_MAX. */
static uint32_t inc_exact(const struct model *model, const char *dir, size_t dl, const char *target)
{
	size_t tl = strlen(target);
	char buf[1024];
	uint32_t fi;

	if (dl + tl + 2 > sizeof buf)
		return UINT32_MAX;
	memcpy(buf, dir, dl);
	buf[dl] = '/';
	memcpy(buf + dl + (dl > 0), target, tl + 1);
	fi = dig_tree_find(model->tree, buf);
	return fi != UINT32_MAX && model->tree->files[fi].status != DIG_FILE_SKIPPED ? fi : UINT32_MAX;
}

/* For an includer with -I folders (--compdb): its folder, then each -I folder, by exact
 * path. UINT32_MAX when it has none or none holds the header. */
static uint32_t inc_by_dirs(const struct model *model, const char *from_path, const char *target)
{
	uint32_t fi = dig_tree_find(model->tree, from_path), found = UINT32_MAX;
	const struct dig_file *f = fi != UINT32_MAX ? &model->tree->files[fi] : NULL;
	int has = 0;

	for (uint32_t j = 0; f && j < f->nevidence && found == UINT32_MAX; j++) {
		const struct dig_evidence *ev = &f->evidence[j];
		if (ev->kind != DIG_EV_INCLUDE_DIR)
			continue;
		if (!has) {
			const char *slash = strrchr(from_path, '/');
			has = 1;
			found = inc_exact(model, from_path, slash ? (size_t)(slash - from_path) : 0, target);
		}
		if (found == UINT32_MAX)
			found = inc_exact(model, ev->token, strlen(ev->token), target);
	}
	return found != fi ? found : UINT32_MAX;
}

/* The files an #include of from_path names, nearest first (see model_impl.h). */
uint32_t model_include_resolve(struct model *model, const char *from_path, const char *target, uint32_t *out)
{
	const char *base = inc_basename(target);
	size_t tl = strlen(target);
	uint32_t lo = 0, hi, n = 0;
	int best = -1;
	uint32_t by_dirs = inc_by_dirs(model, from_path, target);
	if (by_dirs != UINT32_MAX) {
		out[0] = by_dirs;
		return 1;
	}
	if (inc_index_build(model))
		return 0;
	const struct model_inc_index *ix = model->inc_index;
	hi = ix->n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (strcmp(ix->bases[mid].base, base) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < ix->n && strcmp(ix->bases[lo].base, base) == 0; lo++) {
		const char *path = model->tree->files[ix->bases[lo].file].path;
		size_t pl = strlen(path);
		int depth;
		if (strcmp(path, from_path) == 0)
			continue;
		if (pl < tl || strcmp(path + pl - tl, target) != 0 || (pl > tl && path[pl - tl - 1] != '/'))
			continue;
		depth = model_path_common_depth(from_path, path);
		if (depth > best) {
			best = depth;
			n = 0;
		}
		if (depth == best && n < INC_MAX_TIED)
			out[n++] = ix->bases[lo].file;
	}
	return n;
}

static int inc_follow(struct inc_state *st, const struct dig_file *f, uint32_t after, int depth);

/* Add the renames of header `fi` (and of the headers it includes) to the table, each to
 * apply after line `after` of the includer. */
static int inc_collect(struct inc_state *st, uint32_t fi, uint32_t after, int depth)
{
	const struct dig_file *f = &st->model->tree->files[fi];

	for (uint32_t i = 0; i < st->nvisit; i++)
		if (st->visit[i] == fi)
			return 0;
	if (st->nvisit >= INC_MAX_VISIT)
		return 0;
	st->visit[st->nvisit++] = fi;
	for (uint32_t j = 0; j < f->nmacros; j++) {
		const struct dig_macro *m = &f->macros[j];
		if (m->dead || !m->name || !m->renames_to || strcmp(m->name, m->renames_to) == 0)
			continue;
		if (model_grow((void **)&st->out, st->nout, &st->capout, sizeof *st->out))
			return -1;
		st->out[st->nout].from = m->name;
		st->out[st->nout].to = m->renames_to;
		st->out[st->nout].via = m->name;
		st->out[st->nout].function_like = m->function_like;
		st->out[st->nout].after = after;
		st->nout++;
	}
	if (depth >= INC_MAX_DEPTH)
		return 0;
	return inc_follow(st, f, after, depth + 1);
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
		target = inc_target(ev->token, buf, sizeof buf);
		if (!target || !inc_relevant(st, inc_basename(target)))
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
 * renames found apply after `after`, or (0) after each #include line itself. */
static int inc_follow(struct inc_state *st, const struct dig_file *f, uint32_t after, int depth)
{
	const struct inc_res *r = inc_res_of(st, f);
	if (r->built == 2)
		return -1;
	for (uint32_t i = 0; i < r->n; i += 2 + r->v[i + 1])
		for (uint32_t k = 0; k < r->v[i + 1]; k++)
			if (inc_collect(st, r->v[i + 2 + k], after ? after : r->v[i], depth))
				return -1;
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
	for (uint32_t fi = 0; fi < tree->nfiles; fi++) {
		const struct dig_file *f = &tree->files[fi];
		if (f->status == DIG_FILE_SKIPPED)
			continue;
		for (uint32_t j = 0; j < f->nmacros && !rel[fi]; j++)
			rel[fi] = !f->macros[j].dead && f->macros[j].renames_to != NULL;
	}
	/* widen: a header including a relevant name is relevant (by name: cheap, a superset) */
	for (int round = 0; round <= INC_MAX_DEPTH; round++) {
		int grew = 0;
		st->nrelevant = 0;
		for (uint32_t fi = 0; fi < tree->nfiles; fi++)
			if (rel[fi])
				st->relevant[st->nrelevant++] = inc_basename(tree->files[fi].path);
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
				target = inc_target(ev->token, buf, sizeof buf);
				if (target && inc_relevant(st, inc_basename(target)))
					rel[fi] = 1, grew = 1;
			}
		}
		if (!grew)
			break;
	}
	free(rel);
	return 0;
}

/* The row of the rename group whose head is `head` (rows chained by next[]): when every
 * row renames to the same name the same way, the one with the earliest include line;
 * when two headers rename the name differently, none (UINT32_MAX). */
static uint32_t inc_group_pick(const struct model_rename *r, const uint32_t *next, uint32_t head)
{
	uint32_t best = head;
	for (uint32_t i = next[head]; i != UINT32_MAX; i = next[i]) {
		if (strcmp(r[i].to, r[head].to) != 0 || r[i].function_like != r[head].function_like)
			return UINT32_MAX;
		if (r[i].after < r[best].after)
			best = i;
	}
	return best;
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
 * earliest rename, or none when two headers rename it differently; and only the names
 * link.c will ask about: the names the file calls directly, defines (written names) or
 * registers, and what those rename to (a chain of up to INC_MAX_HOPS). Rows are grouped by
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
	for (uint32_t k = 0; k < nkeep; k++)
		if (lev[k] < INC_MAX_HOPS)
			inc_take(r, next, &map, r[keep[k]].to, lev[k] + 1, keep, lev, &nkeep);
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
	if (!per || !st.res || inc_index(&st))
		goto done;
	for (uint32_t fi = 0; fi < tree->nfiles && st.nrelevant; fi++) {
		const struct dig_file *f = &tree->files[fi];
		if (!model_file_live(f))
			continue;
		st.nout = 0;
		st.nvisit = 0;
		if (inc_follow(&st, f, 0, 1))
			goto done;
		if (!st.nout)
			continue;
		{
			int64_t kept = inc_table_build(f, st.out, st.nout);
			if (kept < 0)
				goto done;
			st.nout = (uint32_t)kept;
		}
		if (!st.nout)
			continue;
		per[fi].r = malloc((size_t)st.nout * sizeof *per[fi].r);
		if (!per[fi].r)
			goto done;
		memcpy(per[fi].r, st.out, st.nout * sizeof *st.out);
		per[fi].n = st.nout;
	}
	rc = 0;
done:
	for (uint32_t fi = 0; st.res && fi < tree->nfiles; fi++)
		free(st.res[fi].v);
	free(st.res);
	free(st.relevant);
	free(st.out);
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

/* One rename of `name` that applies at `line` (object-like only when object_only). */
static const struct model_rename *inc_find(const struct model_renames *t, const char *name, uint32_t line,
                                           int object_only)
{
	uint32_t lo = 0, hi = t->n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (strcmp(t->r[mid].from, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < t->n && strcmp(t->r[lo].from, name) == 0; lo++)
		if (t->r[lo].after < line && !(object_only && t->r[lo].function_like))
			return &t->r[lo];
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
		const struct model_rename *r = inc_find(t, to ? to : name, line, object_only);
		if (!r || strcmp(r->to, name) == 0)
			break;
		if (!*via)
			*via = r->via;
		to = r->to;
	}
	return to;
}

/*
 * dig/write/rank.c: the ranking behind report.md's first page, report.html and the graphs.
 * Theory.
 *
 * A maintainer asks "which allocators does this tree have, and which matter?". The model
 * answers with every implementation it found, wrappers and copies included; the ranking
 * turns that into a short list:
 *
 *   kind     each implementation is REAL (keeps its own state and hands memory out; takes
 *            it back too, except in early boot), a WRAPPER (forwards: folded under what its
 *            chain ends at), a LAYER (works on another implementation's state), or a
 *            suspect: RELEASE_ONLY (no allocating entry point: often a destructor) or
 *            NO_CALLERS (nothing in the tree calls it).
 *   copies   real implementations with the same role and the same entry-point names are
 *            one row (the tree carries the same allocator twice: a vendored library, a
 *            second port); the row names its copies and sums their call sites.
 *   family   kernel slab/arena/page, user mallocs, object caches, resource maps, boot: from
 *            the model's domain and role (rank_family_of).
 *   order    rows by family, then call sites (descending), then name.
 *   folds    a wrapper's end is where its chain leaves the wrappers: a row (counted under
 *            that row) or an outside name (an external like the C library's malloc, a
 *            backend); "119 wrappers end at malloc".
 *   subs     a row's callers' subsystems: the folders its call sites come from (calls that
 *            resolve to one of its functions from a function outside it: the sites its call
 *            count counts), grouped at the first depth that splits them into three groups
 *            none of which holds two thirds (or as deep as the paths go).
 *   RF       the redundancy factor of the cleaned list: rows counted by the model's RF
 *            (stateful, not a build alternative) over the distinct roles among them.
 *
 * Deterministic: every sort breaks ties by name, path or index. Memory: a few arrays per
 * implementation and one pass over the calls.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dig/write/rank.h"

/* The family words, as the report prints them. */
const char *rank_family_name(enum rank_family family)
{
	static const char *const names[RANK_FAM_COUNT] = {
		"Kernel: slab, arena, page", "User-space mallocs", "Object caches", "Resource maps", "Boot and standalone",
	};
	return (unsigned)family < RANK_FAM_COUNT ? names[family] : "?";
}

const char *rank_kind_name(enum rank_kind kind)
{
	static const char *const names[RANK_KIND_COUNT] = {
		"allocator", "wrapper", "layer", "release-only", "no callers",
	};
	return (unsigned)kind < RANK_KIND_COUNT ? names[kind] : "?";
}

enum rank_family rank_family_of(const struct model *m, uint32_t k)
{
	const struct model_impl *impl = &m->impls[k];
	if (impl->domain == MODEL_DOMAIN_BOOT || impl->role == MODEL_ROLE_BOOT)
		return RANK_FAM_BOOT;
	if (impl->role == MODEL_ROLE_RMAP)
		return RANK_FAM_RMAP;
	if (impl->domain == MODEL_DOMAIN_KERNEL)
		return RANK_FAM_KERNEL;
	if (impl->role == MODEL_ROLE_FIXED)
		return RANK_FAM_CACHE;
	return RANK_FAM_USER;
}

const char *rank_entry_name(const struct model *m, uint32_t k, char *buf, size_t size)
{
	const char *name = m->impls[k].name, *at = strstr(name, " @ ");
	size_t n = at ? (size_t)(at - name) : strlen(name);
	if (n >= size)
		n = size - 1;
	memcpy(buf, name, n);
	buf[n] = '\0';
	return buf;
}

const char *rank_entry_file(const struct model *m, uint32_t k)
{
	const struct model_impl *impl = &m->impls[k];
	const char *at = strstr(impl->name, " @ ");
	return at ? at + 3 : impl->nfiles ? impl->files[0] : "?";
}

const char *rank_locking(const struct model *m, uint32_t k, char *buf, size_t size)
{
	const char *s = m->impls[k].feat[MODEL_FEAT_THREADING].summary;
	size_t n = 0;
	/* "mutex (a, b, c); other (d)" -> "mutex (a); other (d)" */
	if (!s || !*s || strcmp(s, "none") == 0) {
		snprintf(buf, size, "no locks");
		return buf;
	}
	buf[0] = '\0';
	while (*s && n + 1 < size) {
		const char *open = strchr(s, '('), *semi = strstr(s, "; ");
		const char *end = semi ? semi : s + strlen(s);
		if (open && open < end) {
			const char *stop = open + 1;
			while (*stop && *stop != ',' && *stop != ')' && *stop != ' ')
				stop++;
			n += (size_t)snprintf(buf + n, size - n, "%s%.*s)", n ? "; " : "", (int)(stop - s), s);
		} else {
			n += (size_t)snprintf(buf + n, size - n, "%s%.*s", n ? "; " : "", (int)(end - s), s);
		}
		if (!semi || n >= size)
			break;
		s = semi + 2;
	}
	return buf;
}

/* Does the implementation have an allocating (resp. releasing) entry point? */
static int rank_has(const struct model *m, uint32_t k, unsigned flag)
{
	const struct model_impl *impl = &m->impls[k];
	for (uint32_t i = 0; i < impl->nnodes; i++)
		if (m->nodes[impl->nodes[i]].flags & flag)
			return 1;
	return 0;
}

/* What the ranking makes of implementation k. */
static enum rank_kind rank_kind_of(const struct model *m, uint32_t k)
{
	const struct model_impl *impl = &m->impls[k];
	if (impl->role == MODEL_ROLE_WRAPPER || impl->rf == MODEL_RF_WRAPPER)
		return RANK_WRAPPER;
	if (impl->rf == MODEL_RF_LAYER)
		return RANK_LAYER;
	if (!rank_has(m, k, MODEL_NODE_ALLOC))
		return RANK_RELEASE_ONLY;
	if (!impl->calls)
		return RANK_NO_CALLERS;
	return RANK_REAL;
}

/* The copy key of a real implementation: role, then its entry-point names, sorted. */
static char *rank_copy_key(const struct model *m, uint32_t k)
{
	const struct model_impl *impl = &m->impls[k];
	const char **names = malloc(((size_t)impl->nnodes + 1) * sizeof *names);
	size_t len = 16, n = 0, at;
	char *key;
	if (!names)
		return NULL;
	for (uint32_t i = 0; i < impl->nnodes; i++) {
		const struct model_node *node = &m->nodes[impl->nodes[i]];
		if (node->flags & (MODEL_NODE_ALLOC | MODEL_NODE_FREE)) {
			names[n++] = node->name;
			len += strlen(node->name) + 1;
		}
	}
	/* impl->nodes is sorted by name already (model.h); no sort needed */
	key = malloc(len);
	if (key) {
		at = (size_t)snprintf(key, len, "%d", (int)impl->role);
		for (size_t i = 0; i < n; i++)
			at += (size_t)snprintf(key + at, len - at, "\x01%s", names[i]);
	}
	free(names);
	return key;
}

/* Sort state for implementation indices by a key string. */
struct rank_keyed {
	uint32_t impl;
	char *key;
};

static int rank_keyed_cmp(const void *a, const void *b)
{
	const struct rank_keyed *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : (x->impl < y->impl ? -1 : x->impl > y->impl);
}

/* Rows: by family, then calls (descending), then the representative's name. */
static int rank_row_cmp(const void *a, const void *b, void *model)
{
	const struct model *m = model;
	const struct rank_row *x = a, *y = b;
	if (x->family != y->family)
		return x->family < y->family ? -1 : 1;
	if (x->calls != y->calls)
		return x->calls > y->calls ? -1 : 1;
	return strcmp(m->impls[x->impl].name, m->impls[y->impl].name);
}

/* Implementation indices by calls (descending), then name. */
static int rank_calls_cmp(const void *a, const void *b, void *model)
{
	const struct model *m = model;
	const struct model_impl *x = &m->impls[*(const uint32_t *)a], *y = &m->impls[*(const uint32_t *)b];
	if (x->calls != y->calls)
		return x->calls > y->calls ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Group the real implementations into rows of copies. */
static int rank_rows(struct rank *r)
{
	const struct model *m = r->model;
	struct rank_keyed *keyed = malloc(((size_t)m->nimpls + 1) * sizeof *keyed);
	uint32_t n = 0;
	int rc = -1;
	if (!keyed)
		return -1;
	for (uint32_t k = 0; k < m->nimpls; k++)
		if (r->kind[k] == RANK_REAL || r->kind[k] == RANK_NO_CALLERS) {
			keyed[n].impl = k;
			if (!(keyed[n].key = rank_copy_key(m, k)))
				goto out;
			n++;
		}
	if (n)
		qsort(keyed, n, sizeof *keyed, rank_keyed_cmp);
	r->rows = calloc((size_t)n + 1, sizeof *r->rows);
	if (!r->rows)
		goto out;
	for (uint32_t i = 0; i < n;) {
		uint32_t j = i + 1, best = i, calls = 0;
		struct rank_row *row = &r->rows[r->nrows];
		while (j < n && strcmp(keyed[j].key, keyed[i].key) == 0)
			j++;
		/* copies nothing calls are still copies of a called one: one row, all real; a group
		 * that nothing calls stays among the suspects */
		for (uint32_t x = i; x < j; x++)
			calls += m->impls[keyed[x].impl].calls;
		if (!calls) {
			i = j;
			continue;
		}
		for (uint32_t x = i; x < j; x++)
			if (r->kind[keyed[x].impl] != RANK_REAL) {
				r->count[r->kind[keyed[x].impl]]--;
				r->kind[keyed[x].impl] = RANK_REAL;
				r->count[RANK_REAL]++;
			}
		row->copies = malloc((size_t)(j - i) * sizeof *row->copies);
		if (!row->copies)
			goto out;
		for (uint32_t x = i; x < j; x++) {
			const struct model_impl *impl = &m->impls[keyed[x].impl];
			if (impl->calls > m->impls[keyed[best].impl].calls)
				best = x;
			row->calls += impl->calls;
			row->callers += impl->fanin_funcs;
			if (impl->rf == MODEL_RF_COUNTED)
				row->counted = 1;
		}
		row->impl = keyed[best].impl;
		row->copies[row->ncopies++] = row->impl;
		for (uint32_t x = i; x < j; x++)
			if (x != best)
				row->copies[row->ncopies++] = keyed[x].impl;
		row->family = rank_family_of(m, row->impl);
		for (uint32_t c = 0; c < row->ncopies; c++)
			row->ncopied += 1 + m->impls[row->copies[c]].ncopies;
		r->copies += row->ncopied - 1;
		r->nrows++;
		i = j;
	}
	if (r->nrows)
		qsort_r(r->rows, r->nrows, sizeof *r->rows, rank_row_cmp, (void *)m);
	for (uint32_t i = 0; i < r->nrows; i++) {
		r->fam_rows[r->rows[i].family]++;
		for (uint32_t c = 0; c < r->rows[i].ncopies; c++)
			r->row_of[r->rows[i].copies[c]] = (int32_t)i;
	}
	rc = 0;
out:
	for (uint32_t i = 0; i < n; i++)
		free(keyed[i].key);
	free(keyed);
	return rc;
}

/* The node a wrapper forwards to: its chain's second link, else the callee it calls most
 * that is an allocator API; -1 when none. */
static int32_t rank_wrapper_target(const struct model *m, uint32_t k)
{
	const struct model_impl *impl = &m->impls[k];
	if (impl->nchain > 1)
		return (int32_t)impl->chain[1];
	for (uint32_t i = 0; i < impl->ntop_callees; i++) {
		int32_t t = impl->top_callees[i].node;
		if (t >= 0 && m->nodes[t].impl != (int)k && model_node_is_api(m, (uint32_t)t))
			return t;
	}
	return -1;
}

/* The row whose entry points include one named `name`, when exactly one row has it (its
 * copies are one row); else -1. */
static int32_t rank_row_named(const struct rank *r, const char *name)
{
	const struct model *m = r->model;
	int32_t found = -1;
	for (uint32_t i = 0; i < r->nrows; i++)
		for (uint32_t c = 0; c < r->rows[i].ncopies; c++) {
			const struct model_impl *impl = &m->impls[r->rows[i].copies[c]];
			int has = 0;
			for (uint32_t x = 0; x < impl->nnodes && !has; x++)
				has = (m->nodes[impl->nodes[x]].flags & (MODEL_NODE_ALLOC | MODEL_NODE_FREE)) &&
				      strcmp(m->nodes[impl->nodes[x]].name, name) == 0;
			if (has) {
				if (found >= 0 && found != (int32_t)i)
					return -1;
				found = (int32_t)i;
			}
		}
	return found;
}

/* Fold every wrapper under where its chain leaves the wrappers. */
static int rank_folds(struct rank *r)
{
	const struct model *m = r->model;
	uint32_t cap = 0;
	for (uint32_t k = 0; k < m->nimpls; k++) {
		int32_t t, row = -1;
		const char *name = NULL;
		uint32_t at = k, i;
		if (r->kind[k] != RANK_WRAPPER)
			continue;
		for (int steps = 0; steps < 16; steps++) {
			t = rank_wrapper_target(m, at);
			if (t < 0) {
				/* a chain that stops at an ambiguous call: its name, and the row when all
				 * its candidates are one row's copies */
				if (m->impls[at].chain_ambiguous) {
					name = m->impls[at].chain_ambiguous;
					row = rank_row_named(r, name);
				}
				break;
			}
			name = m->nodes[t].name;
			if (m->nodes[t].impl < 0)
				break;
			at = (uint32_t)m->nodes[t].impl;
			if (r->kind[at] != RANK_WRAPPER) {
				row = r->row_of[at];
				break;
			}
		}
		if (row >= 0)
			name = m->nodes[m->impls[r->rows[row].impl].chain[0]].name;
		if (!name) {
			r->wrappers_of_nothing++;
			continue;
		}
		for (i = 0; i < r->nfolds; i++)
			if (row >= 0 ? r->folds[i].row == row : (r->folds[i].row < 0 && strcmp(r->folds[i].name, name) == 0))
				break;
		if (i == r->nfolds) {
			if (r->nfolds == cap) {
				struct rank_fold *grown = realloc(r->folds, (size_t)(cap ? cap * 2 : 16) * sizeof *grown);
				if (!grown)
					return -1;
				r->folds = grown;
				cap = cap ? cap * 2 : 16;
			}
			r->folds[i].row = row;
			r->folds[i].name = name;
			r->folds[i].wrappers = 0;
			r->folds[i].calls = 0;
			r->nfolds++;
		}
		r->folds[i].wrappers++;
		r->folds[i].calls += m->impls[k].calls;
		if (row >= 0)
			r->rows[row].wrappers++;
	}
	return 0;
}

static int rank_fold_cmp(const void *a, const void *b)
{
	const struct rank_fold *x = a, *y = b;
	if (x->wrappers != y->wrappers)
		return x->wrappers > y->wrappers ? -1 : 1;
	return strcmp(x->name, y->name);
}

static int rank_site_cmp(const void *a, const void *b)
{
	const struct rank_site *x = a, *y = b;
	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	return strcmp(x->path, y->path);
}

/* The length of the first `depth` folder components of path (never its file name); 0 for
 * a file in the root. */
static size_t rank_prefix(const char *path, int depth)
{
	size_t last = 0;
	int d = 0;
	for (const char *p = path; *p && d < depth; p++)
		if (*p == '/') {
			last = (size_t)(p - path);
			d++;
		}
	return last;
}

/* A folder prefix: the first len bytes of path. */
struct rank_prefix_ref {
	const char *path;
	size_t len;
};

static int rank_prefix_cmp(const void *a, const void *b)
{
	const struct rank_prefix_ref *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->path, y->path, n);
	if (c)
		return c;
	return x->len < y->len ? -1 : x->len > y->len;
}

/* The distinct folder prefixes of `depth` components of the sites, with their counts,
 * into subs (malloc'd strings); returns how many, or -1 when out of memory. */
static int64_t rank_prefixes(const struct rank_site *s, uint32_t n, int depth, struct rank_sub *subs)
{
	struct rank_prefix_ref *refs = malloc(((size_t)n + 1) * sizeof *refs);
	int64_t groups = 0;
	if (!refs)
		return -1;
	for (uint32_t i = 0; i < n; i++) {
		refs[i].path = s[i].path;
		refs[i].len = rank_prefix(s[i].path, depth);
	}
	qsort(refs, n, sizeof *refs, rank_prefix_cmp);
	for (uint32_t i = 0; i < n;) {
		uint32_t j = i + 1;
		while (j < n && rank_prefix_cmp(&refs[i], &refs[j]) == 0)
			j++;
		if (subs) {
			char *dir = malloc(refs[i].len + 2);
			if (!dir) {
				free(refs);
				return -1;
			}
			if (refs[i].len)
				memcpy(dir, refs[i].path, refs[i].len);
			else
				dir[refs[i].len++] = '.';
			dir[refs[i].len] = '\0';
			subs[groups].dir = dir;
			subs[groups].calls = j - i;
		}
		groups++;
		i = j;
	}
	free(refs);
	return groups;
}

/* Order subsystems by calls (descending), then folder. */
static int rank_sub_cmp(const void *a, const void *b)
{
	const struct rank_sub *x = a, *y = b;
	if (x->calls != y->calls)
		return x->calls > y->calls ? -1 : 1;
	return strcmp(x->dir, y->dir);
}

/* Group call sites into subsystems: at the first depth that splits them into three
 * groups none of which holds two thirds, or as deep as their folders go. */
const char *rank_sub_label(const char *dir)
{
	return strcmp(dir, ".") == 0 ? "(top folder)" : dir;
}

int rank_subs_of(const struct rank_site *s, uint32_t n, struct rank_sub **subs, uint32_t *nsubs)
{
	int depth = 1, maxdepth = 1;
	int64_t groups;
	*subs = NULL;
	*nsubs = 0;
	for (uint32_t i = 0; i < n; i++) {
		int d = 0;
		for (const char *p = s[i].path; *p; p++)
			d += *p == '/';
		if (d > maxdepth)
			maxdepth = d;
	}
	for (; depth < maxdepth; depth++) {
		struct rank_sub *probe = calloc((size_t)n + 1, sizeof *probe);
		uint32_t top = 0;
		if (!probe || (groups = rank_prefixes(s, n, depth, probe)) < 0) {
			free(probe);
			return -1;
		}
		for (int64_t g = 0; g < groups; g++) {
			if (probe[g].calls > top)
				top = probe[g].calls;
			free((void *)probe[g].dir);
		}
		free(probe);
		if (groups >= 3 && (uint64_t)top * 3 <= (uint64_t)n * 2)
			break;
	}
	*subs = calloc((size_t)n + 1, sizeof **subs);
	if (!*subs || (groups = rank_prefixes(s, n, depth, *subs)) < 0)
		return -1;
	*nsubs = (uint32_t)groups;
	if (*nsubs)
		qsort(*subs, *nsubs, sizeof **subs, rank_sub_cmp);
	return 0;
}

void rank_subs_free(struct rank_sub *subs, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		free((void *)subs[i].dir);
	free(subs);
}

/* Every row's callers' subsystems, from one pass over the calls. */
static int rank_subsystems(struct rank *r)
{
	const struct model *m = r->model;
	struct rank_site *sites = NULL;
	uint32_t n = 0, cap = 0;
	int rc = -1;
	for (uint32_t c = 0; c < m->ncalls; c++) {
		const struct model_call *mc = &m->calls[c];
		int impl;
		if (mc->target != MODEL_TARGET_NODE || mc->node < 0 || (impl = m->nodes[mc->node].impl) < 0 ||
		    r->row_of[impl] < 0 || mc->caller < 0 || m->nodes[mc->caller].impl == impl)
			continue;
		if (n == cap) {
			struct rank_site *grown = realloc(sites, (size_t)(cap ? cap * 2 : 1024) * sizeof *grown);
			if (!grown)
				goto out;
			sites = grown;
			cap = cap ? cap * 2 : 1024;
		}
		sites[n].row = (uint32_t)r->row_of[impl];
		sites[n].path = m->tree->files[mc->file_index].path;
		sites[n].kernel = m->nodes[mc->caller].domain == MODEL_DOMAIN_KERNEL ||
		                  m->nodes[mc->caller].domain == MODEL_DOMAIN_BOOT;
		n++;
	}
	if (n)
		qsort(sites, n, sizeof *sites, rank_site_cmp);
	for (uint32_t i = 0; i < n;) {
		uint32_t j = i;
		while (j < n && sites[j].row == sites[i].row)
			j++;
		if (rank_subs_of(sites + i, j - i, &r->rows[sites[i].row].subs, &r->rows[sites[i].row].nsubs))
			goto out;
		i = j;
	}
	r->sites = sites;
	r->nsites = n;
	sites = NULL;
	rc = 0;
out:
	free(sites);
	return rc;
}

/* A file and a row its allocator functions call. */
struct rank_file {
	uint32_t file;
	int32_t row;
};

static int rank_file_cmp(const void *a, const void *b)
{
	const struct rank_file *x = a, *y = b;
	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	return x->row < y->row ? -1 : x->row > y->row;
}

static int rank_glue_cmp(const void *a, const void *b)
{
	const struct rank_glue *x = a, *y = b;
	if (x->impls != y->impls)
		return x->impls > y->impls ? -1 : 1;
	return strcmp(x->path, y->path);
}

/* Glue files: files whose allocator functions (entry points, helpers, wrappers) call into
 * two or more allocator rows other than their own. */
static int rank_glue_files(struct rank *r)
{
	const struct model *m = r->model;
	struct rank_file *pairs = NULL;
	uint32_t n = 0, cap = 0;
	for (uint32_t c = 0; c < m->ncalls; c++) {
		const struct model_call *mc = &m->calls[c];
		int from, to;
		if (mc->target != MODEL_TARGET_NODE || mc->node < 0 || mc->caller < 0 ||
		    (from = m->nodes[mc->caller].impl) < 0 || (to = m->nodes[mc->node].impl) < 0 || from == to ||
		    r->row_of[to] < 0 || r->row_of[to] == r->row_of[from])
			continue;
		if (n == cap) {
			struct rank_file *grown = realloc(pairs, (size_t)(cap ? cap * 2 : 256) * sizeof *grown);
			if (!grown) {
				free(pairs);
				return -1;
			}
			pairs = grown;
			cap = cap ? cap * 2 : 256;
		}
		pairs[n].file = mc->file_index;
		pairs[n].row = r->row_of[to];
		n++;
	}
	if (n)
		qsort(pairs, n, sizeof *pairs, rank_file_cmp);
	r->glue = calloc((size_t)n + 1, sizeof *r->glue);
	if (!r->glue) {
		free(pairs);
		return -1;
	}
	for (uint32_t i = 0; i < n;) {
		uint32_t j = i, rows = 0;
		for (; j < n && pairs[j].file == pairs[i].file; j++)
			rows += j == i || pairs[j].row != pairs[j - 1].row;
		if (rows >= 2) {
			r->glue[r->nglue].path = m->tree->files[pairs[i].file].path;
			r->glue[r->nglue].impls = rows;
			r->nglue++;
		}
		i = j;
	}
	free(pairs);
	if (r->nglue)
		qsort(r->glue, r->nglue, sizeof *r->glue, rank_glue_cmp);
	return 0;
}

/* Suspects: release-only and uncalled implementations, and files that glue several. */
static int rank_suspects(struct rank *r)
{
	const struct model *m = r->model;
	r->release_only = malloc(((size_t)m->nimpls + 1) * sizeof *r->release_only);
	r->no_callers = malloc(((size_t)m->nimpls + 1) * sizeof *r->no_callers);
	if (!r->release_only || !r->no_callers)
		return -1;
	for (uint32_t k = 0; k < m->nimpls; k++) {
		if (r->kind[k] == RANK_RELEASE_ONLY)
			r->release_only[r->nrelease_only++] = k;
		else if (r->kind[k] == RANK_NO_CALLERS)
			r->no_callers[r->nno_callers++] = k;
	}
	if (r->nrelease_only)
		qsort_r(r->release_only, r->nrelease_only, sizeof *r->release_only, rank_calls_cmp, (void *)m);
	return rank_glue_files(r);
}

/* The redundancy factor, the only place it is computed: the rows the model counts
 * (stateful, not a build alternative; a row of copies counts once) over the distinct roles
 * among them, and 100 (1 - roles / rows), the share a unification could remove while
 * keeping every role. The dig summary, report.md, report.html and topology.json print
 * these fields and nothing else. */
static void rank_redundancy(struct rank *r)
{
	const struct model *m = r->model;
	for (uint32_t i = 0; i < r->nrows; i++) {
		const struct rank_row *row = &r->rows[i];
		if (!row->counted)
			continue;
		r->rf_rows++;
		if (r->rf_per_role[m->impls[row->impl].role]++ == 0)
			r->rf_roles++;
	}
	r->rf = r->rf_roles ? (double)r->rf_rows / (double)r->rf_roles : 0.0;
	r->rf_percent = r->rf_rows ? 100.0 * (1.0 - (double)r->rf_roles / (double)r->rf_rows) : 0.0;
}

int rank_build(const struct model *m, struct rank *r)
{
	memset(r, 0, sizeof *r);
	r->model = m;
	r->kind = calloc((size_t)m->nimpls + 1, sizeof *r->kind);
	r->row_of = malloc(((size_t)m->nimpls + 1) * sizeof *r->row_of);
	if (!r->kind || !r->row_of)
		goto fail;
	for (uint32_t k = 0; k < m->nimpls; k++) {
		r->kind[k] = rank_kind_of(m, k);
		r->count[r->kind[k]]++;
		r->row_of[k] = -1;
	}
	if (rank_rows(r) || rank_folds(r) || rank_subsystems(r) || rank_suspects(r))
		goto fail;
	if (r->nfolds)
		qsort(r->folds, r->nfolds, sizeof *r->folds, rank_fold_cmp);
	rank_redundancy(r);
	return 0;
fail:
	rank_free(r);
	return -1;
}

void rank_free(struct rank *r)
{
	for (uint32_t i = 0; i < r->nrows; i++) {
		rank_subs_free(r->rows[i].subs, r->rows[i].nsubs);
		free(r->rows[i].copies);
	}
	free(r->rows);
	free(r->kind);
	free(r->row_of);
	free(r->folds);
	free(r->release_only);
	free(r->no_callers);
	free(r->glue);
	free(r->sites);
	memset(r, 0, sizeof *r);
}

/*
 * dig/model/measure.c: the numbers, from live calls only (the scan drops definitions,
 * prototypes, comments and macro bodies; #if 0 calls and byte-identical copies never reach
 * the model).
 *   1. Allocation sites: calls that reach an allocator API (an entry point, a wrapper, a
 *      backend, or an external allocation/release name); an ambiguous call counts when any
 *      candidate is one. Counted per API, per file, and per (file, API).
 *   2. Reach: each implementation's calls from outside, distinct calling functions and
 *      files, and the kernel functions that reach it transitively; its top callers and
 *      callees; the critical-path lists (by fan-in, by kernel reach).
 *   3. The redundancy factor's inputs. RF = I / R, where I is the number of allocators that
 *      keep their own state (wrappers excluded: they add an API, not an allocator; layers
 *      that keep no variable of their own and build alternatives of an earlier one --
 *      per-port copies included -- are left out too) and R the number of distinct roles
 *      among them (general-purpose, kernel general, fixed-size objects, page-level,
 *      resource map, early-boot). Here each implementation gets its standing
 *      (model_impl.rf) and model.rf the counts; the factor
 *      itself is computed once, on the ranked list, where copies count once and suspects
 *      are left out (write/rank.c, rank_redundancy), and every output shows that one.
 */
#include <stdlib.h>
#include <string.h>

#include "dig/model/model_impl.h"

/* Is node n an allocator API (entry point, wrapper, backend, external allocation name)? */
int model_node_is_api(const struct model *model, uint32_t n)
{
	const struct model_node *t = &model->nodes[n];
	if (t->flags & (MODEL_NODE_ALLOC | MODEL_NODE_FREE | MODEL_NODE_BACKEND))
		return 1;
	if ((t->flags & MODEL_NODE_EXTERNAL) && !(t->sig & SIG_LOCKNAME) && (t->sig & (SIG_NAME_ALLOC | SIG_NAME_FREE)))
		return 1;
	return 0;
}

/* Order counts: by count descending, then name, then path. */
static int measure_count_cmp(const void *a, const void *b)
{
	const struct model_count *x = a, *y = b;
	int c;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	if ((c = strcmp(x->name ? x->name : "", y->name ? y->name : "")) != 0)
		return c;
	if ((c = strcmp(x->path ? x->path : "", y->path ? y->path : "")) != 0)
		return c;
	return x->node < y->node ? -1 : x->node > y->node;
}

/* Order counts by key (node, name, path) for merging. */
static int measure_key_cmp(const void *a, const void *b)
{
	const struct model_count *x = a, *y = b;
	int c;
	if (x->node != y->node)
		return x->node < y->node ? -1 : 1;
	if ((c = strcmp(x->name ? x->name : "", y->name ? y->name : "")) != 0)
		return c;
	return strcmp(x->path ? x->path : "", y->path ? y->path : "");
}

/* Sort by key, merge equal keys adding counts, sort by count; move onto the model. */
static int measure_merge(struct model *model, struct model_count *raw, uint32_t n, struct model_count **out, uint32_t *nout)
{
	uint32_t w = 0;
	if (n)
		qsort(raw, n, sizeof *raw, measure_key_cmp);
	for (uint32_t i = 0; i < n; i++) {
		if (w && measure_key_cmp(&raw[w - 1], &raw[i]) == 0)
			raw[w - 1].count += raw[i].count;
		else
			raw[w++] = raw[i];
	}
	if (w)
		qsort(raw, w, sizeof *raw, measure_count_cmp);
	*out = model_mem_alloc(model, ((size_t)w + 1) * sizeof **out);
	if (!*out)
		return -1;
	if (w)
		memcpy(*out, raw, w * sizeof *raw);
	*nout = w;
	return 0;
}

/* Append a count; added to the last one when that has the same key by the same pointers
 * (sites come file by file: measure_merge then sorts and merges far fewer). */
static int measure_push(struct model_count **arr, uint32_t *n, uint32_t *cap, int32_t node, const char *name,
                        const char *path, uint32_t count)
{
	struct model_count *last = *n ? &(*arr)[*n - 1] : NULL;
	if (last && last->node == node && last->name == name && last->path == path) {
		last->count += count;
		return 0;
	}
	if (model_grow((void **)arr, *n, cap, sizeof **arr))
		return -1;
	(*arr)[*n].node = node;
	(*arr)[*n].name = name;
	(*arr)[*n].path = path;
	(*arr)[*n].count = count;
	(*n)++;
	return 0;
}

/* Sites, per-API and per-file counts. */
static int measure_sites(struct model *model)
{
	struct model_count *api = NULL, *file = NULL, *fapi = NULL;
	uint32_t na = 0, ca = 0, nf = 0, cf = 0, nfa = 0, cfa = 0;
	int rc = -1;

	for (uint32_t i = 0; i < model->ncalls; i++) {
		struct model_call *mc = &model->calls[i];
		const char *path = model->tree->files[mc->file_index].path;
		int32_t key = mc->node;
		const char *name;
		if (mc->node < 0)
			continue;
		if (mc->target == MODEL_TARGET_AMBIGUOUS) {
			for (uint32_t j = 0; j < mc->ncands; j++)
				mc->alloc_site |= model_node_is_api(model, model_call_cands(model, mc)[j]) != 0;
			key = -1;
			name = model_call_callee(model, mc);
		} else {
			mc->alloc_site = model_node_is_api(model, (uint32_t)mc->node) != 0;
			for (uint32_t j = 0; j < mc->ncands; j++)
				mc->alloc_site |= model_node_is_api(model, model_call_cands(model, mc)[j]) != 0;
			name = model->nodes[mc->node].name;
		}
		if (!mc->alloc_site)
			continue;
		model->alloc_sites++;
		if (measure_push(&api, &na, &ca, key, name, NULL, 1) || measure_push(&file, &nf, &cf, -1, NULL, path, 1) ||
		    measure_push(&fapi, &nfa, &cfa, key, name, path, 1))
			goto out;
	}
	if (measure_merge(model, api, na, &model->api_counts, &model->napi_counts) ||
	    measure_merge(model, file, nf, &model->file_counts, &model->nfile_counts) ||
	    measure_merge(model, fapi, nfa, &model->file_api, &model->nfile_api))
		goto out;
	rc = 0;
out:
	free(api);
	free(file);
	free(fapi);
	return rc;
}

/* Fan-in of nodes and implementations; top callers and callees of implementations. */
static int measure_fanin(struct model *model)
{
	uint32_t nimpls = model->nimpls;
	for (uint32_t n = 0; n < model->nnodes; n++)
		model->nodes[n].fanin_funcs = model->in_start[n + 1] - model->in_start[n];
	for (uint32_t k = 0; k < nimpls; k++) {
		struct model_impl *impl = &model->impls[k];
		struct model_count *callers = NULL, *callees = NULL, *files = NULL;
		uint32_t ncr = 0, ccr = 0, nce = 0, cce = 0, nfl = 0, cfl = 0;
		int bad = 0;
		for (uint32_t i = 0; i < impl->nnodes && !bad; i++) {
			uint32_t n = impl->nodes[i];
			for (uint32_t j = model->in_start[n]; j < model->in_start[n + 1] && !bad; j++) {
				const struct model_edge *e = &model->edges[model->in_edges[j]];
				const struct model_node *from = &model->nodes[e->from];
				if (from->impl == (int)k)
					continue;
				bad |= measure_push(&callers, &ncr, &ccr, (int32_t)e->from, from->name, from->file ? from->file->path : NULL, e->count);
				bad |= measure_push(&files, &nfl, &cfl, -1, NULL, from->file ? from->file->path : "", e->count);
				impl->calls += e->count;
			}
			for (uint32_t j = model->out_start[n]; j < model->out_start[n + 1] && !bad; j++) {
				const struct model_edge *e = &model->edges[j];
				const struct model_node *to = &model->nodes[e->to];
				if (to->impl == (int)k && to->func)
					continue;
				bad |= measure_push(&callees, &nce, &cce, (int32_t)e->to, to->name, to->file ? to->file->path : NULL, e->count);
			}
		}
		if (bad || measure_merge(model, callers, ncr, &impl->top_callers, &impl->ntop_callers) ||
		    measure_merge(model, callees, nce, &impl->top_callees, &impl->ntop_callees)) {
			free(callers);
			free(callees);
			free(files);
			return -1;
		}
		impl->fanin_funcs = impl->ntop_callers;
		{
			struct model_count *merged;
			uint32_t nm;
			if (measure_merge(model, files, nfl, &merged, &nm)) {
				free(callers);
				free(callees);
				free(files);
				return -1;
			}
			impl->fanin_files = nm;
		}
		free(callers);
		free(callees);
		free(files);
	}
	return 0;
}

/* Kernel reach, split across the model's threads (model_parallel_for): each worker has
 * its own stack and marks (made on its first implementation, so a worker that takes none
 * costs nothing); each walk reads only the edges and writes only impl->kernel_reach. The
 * walks read the callers of a node from `from` (in_edges' callers, in order: one load where
 * the edge list took two) and whether it is a kernel function from `kernel` (a byte, not
 * the node's record): the walks are what measure costs. */
struct measure_reach {
	struct model *model;
	uint32_t *from;              /* model->nedges: edges[in_edges[j]].from */
	unsigned char *kernel;       /* model->nnodes: the node's domain is the kernel */
	struct measure_reach_ws {
		uint32_t *stack;     /* nnodes + 1 */
		uint32_t *mark;      /* nnodes + 1, by stamp */
		uint32_t stamp;
	} *ws;                       /* per worker */
};

/* One implementation's reverse walk: the distinct kernel-domain functions that reach it. */
static int measure_reach_one(void *arg, unsigned worker, uint32_t k)
{
	struct measure_reach *r = arg;
	struct model *model = r->model;
	struct model_impl *impl = &model->impls[k];
	struct measure_reach_ws *ws = &r->ws[worker];
	if (!ws->stack) {
		ws->stack = malloc(((size_t)model->nnodes + 1) * sizeof *ws->stack);
		ws->mark = calloc((size_t)model->nnodes + 1, sizeof *ws->mark);
		if (!ws->stack || !ws->mark)
			return -1;
	}
	uint32_t *stack = ws->stack, *mark = ws->mark, stamp = ++ws->stamp, top = 0, reach = 0;
	for (uint32_t i = 0; i < impl->nnodes; i++) {
		stack[top++] = impl->nodes[i];
		mark[impl->nodes[i]] = stamp;
	}
	while (top) {
		uint32_t n = stack[--top];
		for (uint32_t j = model->in_start[n]; j < model->in_start[n + 1]; j++) {
			uint32_t from = r->from[j];
			if (mark[from] == stamp)
				continue;
			mark[from] = stamp;
			reach += r->kernel[from];
			stack[top++] = from;
		}
	}
	impl->kernel_reach = reach;
	return 0;
}

/* Kernel reach: distinct kernel-domain functions that reach an implementation (or node)
 * through calls, found by a reverse walk per implementation; a node of several
 * implementations keeps the last one's, as when the walks ran in order. */
static int measure_kernel_reach(struct model *model)
{
	unsigned nw = model_parallel_workers(model);
	struct measure_reach r = { model, malloc(((size_t)model->nedges + 1) * sizeof *r.from),
	                           malloc((size_t)model->nnodes + 1), calloc(nw, sizeof *r.ws) };
	int rc = -1;
	if (r.from && r.kernel && r.ws) {
		for (uint32_t j = 0; j < model->nedges; j++)
			r.from[j] = model->edges[model->in_edges[j]].from;
		for (uint32_t n = 0; n < model->nnodes; n++)
			r.kernel[n] = model->nodes[n].domain == MODEL_DOMAIN_KERNEL;
		rc = model_parallel_for(model, model->nimpls, measure_reach_one, &r);
	}
	for (unsigned w = 0; r.ws && w < nw; w++) {
		free(r.ws[w].stack);
		free(r.ws[w].mark);
	}
	free(r.ws);
	free(r.from);
	free(r.kernel);
	if (rc)
		return -1;
	for (uint32_t k = 0; k < model->nimpls; k++) {
		const struct model_impl *impl = &model->impls[k];
		for (uint32_t i = 0; i < impl->nnodes; i++)
			model->nodes[impl->nodes[i]].kernel_reach = impl->kernel_reach;
	}
	return 0;
}

/* Order impl indices by fan-in (functions) descending, then name (qsort_r: the model is
 * the context). */
static int measure_fanin_cmp(const void *a, const void *b, void *ctx)
{
	const struct model *model = ctx;
	const struct model_impl *x = &model->impls[*(const uint32_t *)a];
	const struct model_impl *y = &model->impls[*(const uint32_t *)b];
	if (x->fanin_funcs != y->fanin_funcs)
		return x->fanin_funcs > y->fanin_funcs ? -1 : 1;
	if (x->calls != y->calls)
		return x->calls > y->calls ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Order impl indices by kernel reach descending, then name. */
static int measure_reach_cmp(const void *a, const void *b, void *ctx)
{
	const struct model *model = ctx;
	const struct model_impl *x = &model->impls[*(const uint32_t *)a];
	const struct model_impl *y = &model->impls[*(const uint32_t *)b];
	if (x->kernel_reach != y->kernel_reach)
		return x->kernel_reach > y->kernel_reach ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Are two folders the same, or siblings under one parent that is not the tree's root? */
static int measure_sibling_dirs(const char *a, const char *b)
{
	size_t la = model_dir_len(a), lb = model_dir_len(b), pa = la, pb = lb;
	while (pa && a[pa - 1] != '/')
		pa--;
	while (pb && b[pb - 1] != '/')
		pb--;
	if (la == lb && strncmp(a, b, la) == 0)
		return 1;
	return pa && pa == pb && strncmp(a, b, pa) == 0;
}

/* Does implementation k keep state of its own: does one of its functions use a variable
 * of its own file, a static arena, a map or an object handed in (see below)? One that only
 * works on another's state (mallocng's realloc.c over malloc.c's heap) is a layer, not a
 * second allocator. */
static int measure_keeps_state(const struct model *model, uint32_t k)
{
	const struct model_impl *impl = &model->impls[k];
	for (uint32_t i = 0; i < impl->nnodes; i++) {
		const struct model_node *n = &model->nodes[impl->nodes[i]];
		const char *pt;
		if (n->sig & (SIG_OWN_STATE | SIG_STATIC_ARENA | SIG_RMAP_PARAM))
			return 1;
		/* or state in an object the caller passes: an allocating entry point that does
		 * its own work on a first parameter that is neither a size nor raw memory (a
		 * zone, an arena handle, `tre_mem_t mem`) */
		if (!(n->flags & MODEL_NODE_ALLOC) || (n->flags & MODEL_NODE_WRAPPER) || n->func->nparams < 1 ||
		    !n->func->param_types || !(pt = n->func->param_types[0]))
			continue;
		if ((n->sig & SIG_HANDLE_PARAM) && !strstr(pt, "void") && !strstr(pt, "char"))
			return 1;
		if (!strchr(pt, '*') && !model_vocab_match(model->vocab, VOCAB_SIZE_PARAM, pt) &&
		    !model_vocab_match(model->vocab, VOCAB_MEM_TYPE, pt) && strlen(pt) > 2 &&
		    strcmp(pt + strlen(pt) - 2, "_t") == 0)
			return 1;
	}
	return 0;
}

/* A public, non-wrapper entry point of a stateful implementation, for the alternatives. */
struct measure_api {
	const char *name;
	uint32_t impl;
	const char *path;
	uint32_t file;
};

/* A pair of implementations defining one public name each in sibling folders. */
struct measure_pair {
	uint32_t early, late;          /* impl indices, early < late */
	uint32_t shared;               /* public names both define */
};

/* Order entry points by name, then implementation. */
static int measure_api_cmp(const void *a, const void *b)
{
	const struct measure_api *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	if (c)
		return c;
	return x->impl < y->impl ? -1 : x->impl > y->impl;
}

/* Order pairs by (early, late). */
static int measure_pair_cmp(const void *a, const void *b)
{
	const struct measure_pair *x = a, *y = b;
	if (x->early != y->early)
		return x->early < y->early ? -1 : 1;
	return x->late < y->late ? -1 : x->late > y->late;
}

/* Do two implementations' first files sit in the same two folders as another pair's? */
static int measure_same_dirs(const struct model *model, const struct measure_pair *p, const struct measure_pair *q)
{
	const char *a = model->impls[p->early].files[0], *b = model->impls[p->late].files[0];
	const char *c = model->impls[q->early].files[0], *d = model->impls[q->late].files[0];
	size_t la = model_dir_len(a), lb = model_dir_len(b), lc = model_dir_len(c), ld = model_dir_len(d);
	return (la == lc && lb == ld && !strncmp(a, c, la) && !strncmp(b, d, lb)) ||
	       (la == ld && lb == lc && !strncmp(a, d, la) && !strncmp(b, c, lb));
}

/* Mark build alternatives (alt[k] = 1): implementation k defines at least two public entry
 * points of an earlier stateful implementation by name, in the same or a sibling folder
 * (musl's mallocng/ and oldmalloc/ both define __libc_malloc_impl, __libc_realloc,
 * __libc_free; the build links one); or one of them, when the two folders already hold
 * such a pair (their aligned_alloc.c files); or one public entry point of an earlier one
 * in another machine port of its family (model_ports_apart: a per-port family of one
 * allocator, one built per kernel, counts once). Two allocators of one name elsewhere (each
 * program's private malloc) stay redundancy. Returns -1 when out of memory. */
static int measure_alternatives(const struct model *model, const unsigned char *counted, unsigned char *alt)
{
	struct measure_api *api = NULL;
	struct measure_pair *pairs = NULL;
	uint32_t na = 0, ca = 0, np = 0, cp = 0, w = 0;
	int rc = -1;
	for (uint32_t k = 0; k < model->nimpls; k++) {
		const struct model_impl *impl = &model->impls[k];
		if (!counted[k])
			continue;
		for (uint32_t i = 0; i < impl->nnodes; i++) {
			const struct model_node *n = &model->nodes[impl->nodes[i]];
			if (!(n->flags & (MODEL_NODE_ALLOC | MODEL_NODE_FREE)) || (n->flags & MODEL_NODE_WRAPPER) ||
			    n->func->is_static)
				continue;
			if (model_grow((void **)&api, na, &ca, sizeof *api))
				goto out;
			api[na].name = n->name;
			api[na].impl = k;
			api[na].path = n->file->path;
			api[na].file = n->file_index;
			na++;
		}
	}
	if (na)
		qsort(api, na, sizeof *api, measure_api_cmp);
	for (uint32_t i = 0; i < na;) {
		uint32_t j = i + 1;
		while (j < na && strcmp(api[j].name, api[i].name) == 0)
			j++;
		for (uint32_t x = i; x < j && j - i <= 64; x++)
			for (uint32_t y = x + 1; y < j; y++) {
				if (api[x].impl != api[y].impl && model_ports_apart(model, api[x].file, api[y].file)) {
					/* a per-port copy: one family, counted once */
					alt[api[x].impl < api[y].impl ? api[y].impl : api[x].impl] = 1;
					continue;
				}
				if (api[x].impl == api[y].impl || !measure_sibling_dirs(api[x].path, api[y].path))
					continue;
				if (model_grow((void **)&pairs, np, &cp, sizeof *pairs))
					goto out;
				pairs[np].early = api[x].impl < api[y].impl ? api[x].impl : api[y].impl;
				pairs[np].late = api[x].impl < api[y].impl ? api[y].impl : api[x].impl;
				pairs[np].shared = 1;
				np++;
			}
		i = j;
	}
	if (np)
		qsort(pairs, np, sizeof *pairs, measure_pair_cmp);
	for (uint32_t i = 0; i < np; i++) {
		if (w && pairs[w - 1].early == pairs[i].early && pairs[w - 1].late == pairs[i].late)
			pairs[w - 1].shared++;
		else
			pairs[w++] = pairs[i];
	}
	for (uint32_t i = 0; i < w; i++)
		if (pairs[i].shared >= 2)
			alt[pairs[i].late] = 1;
	for (uint32_t i = 0; i < w; i++) {
		if (pairs[i].shared != 1 || alt[pairs[i].late])
			continue;
		for (uint32_t j = 0; j < w; j++)
			if (pairs[j].shared >= 2 && measure_same_dirs(model, &pairs[i], &pairs[j])) {
				alt[pairs[i].late] = 1;
				break;
			}
	}
	rc = 0;
out:
	free(api);
	free(pairs);
	return rc;
}

/* Critical-path lists (at most 5 each, non-zero only) and the redundancy factor. */
static int measure_rank(struct model *model)
{
	uint32_t n = 0;
	model->critical_fanin = model_mem_alloc(model, ((size_t)model->nimpls + 1) * sizeof *model->critical_fanin);
	model->critical_kernel = model_mem_alloc(model, ((size_t)model->nimpls + 1) * sizeof *model->critical_kernel);
	if (!model->critical_fanin || !model->critical_kernel)
		return -1;
	for (uint32_t k = 0; k < model->nimpls; k++)
		if (model->impls[k].fanin_funcs)
			model->critical_fanin[n++] = k;
	qsort_r(model->critical_fanin, n, sizeof *model->critical_fanin, measure_fanin_cmp, model);
	model->ncritical_fanin = n < 5 ? n : 5;
	n = 0;
	for (uint32_t k = 0; k < model->nimpls; k++)
		if (model->impls[k].kernel_reach)
			model->critical_kernel[n++] = k;
	qsort_r(model->critical_kernel, n, sizeof *model->critical_kernel, measure_reach_cmp, model);
	model->ncritical_kernel = n < 5 ? n : 5;

	{
		unsigned char *counted = calloc((size_t)model->nimpls + 1, 1);
		unsigned char *alt = calloc((size_t)model->nimpls + 1, 1);
		if (!counted || !alt) {
			free(counted);
			free(alt);
			return -1;
		}
		for (uint32_t k = 0; k < model->nimpls; k++) {
			if (model->impls[k].role == MODEL_ROLE_WRAPPER) {
				model->impls[k].rf = MODEL_RF_WRAPPER;
				continue;
			}
			if (!measure_keeps_state(model, k)) {
				model->rf.layers++;
				model->impls[k].rf = MODEL_RF_LAYER;
			} else {
				counted[k] = 1;
				model->impls[k].rf = MODEL_RF_COUNTED;
			}
		}
		if (measure_alternatives(model, counted, alt)) {
			free(counted);
			free(alt);
			return -1;
		}
		for (uint32_t k = 0; k < model->nimpls; k++) {
			const struct model_impl *impl = &model->impls[k];
			if (!counted[k])
				continue;
			if (alt[k]) {
				model->rf.alternatives++;
				model->impls[k].rf = MODEL_RF_ALTERNATIVE;
				continue;
			}
			model->rf.impls++;
			if (model->rf.per_role[impl->role]++ == 0)
				model->rf.roles++;
		}
		free(counted);
		free(alt);
	}
	return 0;
}

/* Measure everything. */
int model_measure_build(struct model *model)
{
	if (measure_sites(model) || measure_fanin(model) || measure_kernel_reach(model) || measure_rank(model))
		return -1;
	model_timing_mark("model: measure");
	return 0;
}

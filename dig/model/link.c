/*
 * dig/model/link.c: one symbol table over the tree and every live call resolved against it.
 *
 * Nodes: live definitions in path, line order, then external names in name order. A call
 * resolves by (1) a definition in the caller's own file, (2) dropping file-static functions
 * of other files and, for non-test callers, definitions under test folders, (3) arity
 * (nargs against nparams; unknown or variadic parameter lists accept any count), (4)
 * nearness: the longest common folder prefix, then a header of the caller's includes named
 * like the definition's file, (5) the one definition in the caller's domain (kernel, user,
 * boot, root, test by folder words), if exactly one is. Several survivors make the call AMBIGUOUS with every one
 * listed; none makes it external (the name gets an external node). Dispatch calls join
 * registrations of the same field whose struct types agree (or one is unknown).
 */
#include <stdlib.h>
#include <string.h>

#include "dig/model/model_impl.h"

/* A live ops-table registration and its file (the dispatch index). */
struct link_reg {
	const struct dig_reg *reg;
	uint32_t file;
};

/* A (name, node) pair of the sorted name index. */
struct link_name {
	const char *name;
	uint32_t node;
};

struct link_state {
	struct model *model;
	struct link_name *names;   /* definitions, sorted by name then node */
	uint32_t nnames;
	char **ext;                /* external names, sorted, unique */
	uint32_t next;
	int32_t *file_first;       /* per file: first node index of its definitions, or -1 */
	signed char *file_domain;  /* per file: its folder domain (MODEL_DOMAIN_* or -1) */
	uint32_t *scratch;         /* candidate buffer, ndefs long */
	struct link_reg *regs;     /* live registrations, sorted by field */
	uint32_t nregs;
};

/* Order name entries by name, then node index. */
static int link_name_cmp(const void *a, const void *b)
{
	const struct link_name *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	if (c)
		return c;
	return x->node < y->node ? -1 : x->node > y->node;
}

/* Order strings. */
static int link_str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The range of definitions named `name`: *first and the count. */
static uint32_t link_name_range(const struct link_state *st, const char *name, uint32_t *first)
{
	uint32_t lo = 0, hi = st->nnames, start;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (strcmp(st->names[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	start = lo;
	while (lo < st->nnames && strcmp(st->names[lo].name, name) == 0)
		lo++;
	*first = start;
	return lo - start;
}

/* The external node of `name`, or -1. */
static int32_t link_external_find(const struct link_state *st, const char *name)
{
	uint32_t lo = 0, hi = st->next;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int c = strcmp(st->ext[mid], name);
		if (c == 0)
			return (int32_t)(st->model->ndefs + mid);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* Number of leading folder components two paths share. */
static int link_common_depth(const char *a, const char *b)
{
	int depth = 0;
	size_t i = 0;
	for (;;) {
		const char *sa = strchr(a + i, '/'), *sb = strchr(b + i, '/');
		size_t la, lb;
		if (!sa || !sb)
			return depth;
		la = (size_t)(sa - (a + i));
		lb = (size_t)(sb - (b + i));
		if (la != lb || memcmp(a + i, b + i, la) != 0)
			return depth;
		depth++;
		i += la + 1;
	}
}

/* Does `file` include a header whose name (without folders and extension) is the stem of
 * `path`? */
static int link_include_matches(const struct dig_file *file, const char *path)
{
	const char *base = strrchr(path, '/');
	const char *dot;
	size_t stem;
	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	stem = dot ? (size_t)(dot - base) : strlen(base);
	for (uint32_t i = 0; i < file->nevidence; i++) {
		const struct dig_evidence *ev = &file->evidence[i];
		const char *h, *hb, *hd;
		if (ev->kind != DIG_EV_INCLUDE || ev->dead || !ev->token)
			continue;
		h = ev->token;
		hb = strrchr(h, '/');
		hb = hb ? hb + 1 : h;
		while (*hb == '<' || *hb == '"')
			hb++;
		hd = strrchr(hb, '.');
		if (hd && (size_t)(hd - hb) == stem && strncmp(hb, base, stem) == 0)
			return 1;
	}
	return 0;
}

/* Does a definition accept `nargs` arguments? */
static int link_arity_ok(const struct dig_func *f, int nargs)
{
	if (f->nparams < 0)
		return 1;
	for (int i = 0; i < f->nparams; i++)
		if (f->param_types && f->param_types[i] && strstr(f->param_types[i], "..."))
			return nargs >= i;
	if (f->nparams == 1 && f->param_types && f->param_types[0] &&
	    strcmp(f->param_types[0], "void") == 0)
		return nargs == 0;
	return f->nparams == nargs;
}

/* Resolve a name called from file `fi` with `nargs` arguments (-1: unknown) into
 * st->scratch; returns the number of candidates (0: defined nowhere usable). */
static uint32_t link_resolve(struct link_state *st, uint32_t fi, const char *name, int nargs)
{
	struct model *model = st->model;
	const struct dig_file *file = &model->tree->files[fi];
	uint32_t first, count = link_name_range(st, name, &first), n = 0, kept;
	int caller_test = 0, any_nontest = 0, best = -1;

	if (count == 0)
		return 0;
	caller_test = st->file_domain[fi] == MODEL_DOMAIN_TEST;
	/* (1) the caller's own file */
	for (uint32_t i = 0; i < count; i++) {
		uint32_t node = st->names[first + i].node;
		if (model->nodes[node].file_index == fi)
			st->scratch[n++] = node;
	}
	if (n == 0) {
		/* (2) no static function of another file; no test definition for non-test code */
		for (uint32_t i = 0; i < count; i++) {
			uint32_t node = st->names[first + i].node;
			if (model->nodes[node].func->is_static)
				continue;
			if (model->nodes[node].domain != MODEL_DOMAIN_TEST)
				any_nontest = 1;
			st->scratch[n++] = node;
		}
		if (!caller_test && any_nontest) {
			kept = 0;
			for (uint32_t i = 0; i < n; i++)
				if (model->nodes[st->scratch[i]].domain != MODEL_DOMAIN_TEST)
					st->scratch[kept++] = st->scratch[i];
			n = kept;
		}
	}
	if (n <= 1 || nargs < 0)
		goto near;
	/* (3) arity, unless it would leave nothing */
	kept = 0;
	for (uint32_t i = 0; i < n; i++)
		if (link_arity_ok(model->nodes[st->scratch[i]].func, nargs))
			kept++;
	if (kept) {
		kept = 0;
		for (uint32_t i = 0; i < n; i++)
			if (link_arity_ok(model->nodes[st->scratch[i]].func, nargs))
				st->scratch[kept++] = st->scratch[i];
		n = kept;
	}
near:
	if (n <= 1)
		return n;
	/* (4) nearness: common folder depth first, then a matching include breaks ties */
	for (uint32_t i = 0; i < n; i++) {
		int depth = link_common_depth(file->path, model->nodes[st->scratch[i]].file->path);
		if (depth > best)
			best = depth;
	}
	kept = 0;
	for (uint32_t i = 0; i < n; i++)
		if (link_common_depth(file->path, model->nodes[st->scratch[i]].file->path) == best)
			st->scratch[kept++] = st->scratch[i];
	if (kept > 1) {
		uint32_t inc = 0;
		for (uint32_t i = 0; i < kept; i++)
			if (link_include_matches(file, model->nodes[st->scratch[i]].file->path))
				st->scratch[inc++] = st->scratch[i];
		if (inc == 0)
			inc = kept; /* no include decides: keep them all (scratch is unchanged) */
		kept = inc;
	}
	n = kept;
	/* (5) still several: the one in the caller's own domain (kernel code links with the
	 * kernel's allocator, not the boot loader's), when exactly one is */
	if (n > 1 && st->file_domain[fi] >= 0) {
		uint32_t same = 0, pick = 0;
		for (uint32_t i = 0; i < n; i++)
			if (st->file_domain[model->nodes[st->scratch[i]].file_index] == st->file_domain[fi]) {
				same++;
				pick = st->scratch[i];
			}
		if (same == 1) {
			st->scratch[0] = pick;
			n = 1;
		}
	}
	return n;
}

/* Is this file part of the model (parsed and not a copy)? */
static int link_file_live(const struct dig_file *f)
{
	return f->status != DIG_FILE_SKIPPED && !f->copy_of;
}

/* Create the definition nodes and the name index. */
static int link_nodes_create(struct link_state *st)
{
	struct model *model = st->model;
	const struct dig_tree *tree = model->tree;
	uint32_t ndefs = 0, k = 0;

	for (uint32_t fi = 0; fi < tree->nfiles; fi++) {
		const struct dig_file *f = &tree->files[fi];
		if (!link_file_live(f))
			continue;
		for (uint32_t j = 0; j < f->nfuncs; j++) {
			if (f->funcs[j].dead)
				model->dead_funcs++;
			else
				ndefs++;
		}
	}
	model->ndefs = ndefs;
	st->names = malloc(((size_t)ndefs + 1) * sizeof *st->names);
	st->scratch = malloc(((size_t)ndefs + 1) * sizeof *st->scratch);
	st->file_first = malloc(((size_t)tree->nfiles + 1) * sizeof *st->file_first);
	st->file_domain = malloc((size_t)tree->nfiles + 1);
	if (!st->names || !st->scratch || !st->file_first || !st->file_domain)
		return -1;
	/* externals are added later; reserve for definitions now, grow then */
	model->nodes = model_mem_alloc(model, ((size_t)ndefs + 1) * sizeof *model->nodes);
	if (!model->nodes)
		return -1;
	for (uint32_t fi = 0; fi < tree->nfiles; fi++) {
		const struct dig_file *f = &tree->files[fi];
		int domain = model_path_domain(model, f->path, NULL);
		st->file_first[fi] = -1;
		st->file_domain[fi] = (signed char)domain;
		if (!link_file_live(f))
			continue;
		for (uint32_t j = 0; j < f->nfuncs; j++) {
			struct model_node *node;
			if (f->funcs[j].dead)
				continue;
			if (st->file_first[fi] < 0)
				st->file_first[fi] = (int32_t)k;
			node = &model->nodes[k];
			node->name = f->funcs[j].name ? f->funcs[j].name : "";
			node->file = f;
			node->func = &f->funcs[j];
			node->file_index = fi;
			node->domain = domain;
			node->impl = -1;
			st->names[k].name = node->name;
			st->names[k].node = k;
			k++;
		}
	}
	st->nnames = k;
	qsort(st->names, st->nnames, sizeof *st->names, link_name_cmp);
	return 0;
}

/* The node of the function with index `func` in file `fi`, or -1. */
static int32_t link_caller_node(const struct link_state *st, uint32_t fi, int32_t func)
{
	const struct dig_file *f = &st->model->tree->files[fi];
	int32_t k = st->file_first[fi];
	if (func < 0 || k < 0 || (uint32_t)func >= f->nfuncs || f->funcs[func].dead)
		return -1;
	/* nodes of a file are its live functions in order; skip the dead ones before func */
	for (int32_t j = 0; j < func; j++)
		if (!f->funcs[j].dead)
			k++;
	return k;
}

/* Collect external names: direct calls that resolve to no definition. */
static int link_externals_collect(struct link_state *st)
{
	struct model *model = st->model;
	const struct dig_tree *tree = model->tree;
	uint32_t cap = 0, n = 0;
	char **names = NULL;

	for (uint32_t fi = 0; fi < tree->nfiles; fi++) {
		const struct dig_file *f = &tree->files[fi];
		if (!link_file_live(f))
			continue;
		for (uint32_t c = 0; c < f->ncalls; c++) {
			const struct dig_call *call = &f->calls[c];
			if (call->dead || call->kind != DIG_CALL_DIRECT || !call->callee || !*call->callee)
				continue;
			if (link_resolve(st, fi, call->callee, call->nargs))
				continue;
			if (model_grow((void **)&names, n, &cap, sizeof *names))
				return -1;
			names[n++] = (char *)call->callee;
		}
	}
	if (n)
		qsort(names, n, sizeof *names, link_str_cmp);
	st->next = 0;
	for (uint32_t i = 0; i < n; i++)
		if (st->next == 0 || strcmp(names[st->next - 1], names[i]) != 0)
			names[st->next++] = names[i];
	st->ext = names;
	{
		struct model_node *nodes = model_mem_alloc(model, ((size_t)model->ndefs + st->next + 1) * sizeof *nodes);
		if (!nodes)
			return -1;
		memcpy(nodes, model->nodes, (size_t)model->ndefs * sizeof *nodes);
		model->nodes = nodes;
	}
	for (uint32_t i = 0; i < st->next; i++) {
		struct model_node *node = &model->nodes[model->ndefs + i];
		node->name = st->ext[i];
		node->file_index = UINT32_MAX;
		node->flags = MODEL_NODE_EXTERNAL;
		node->domain = -1;
		node->impl = -1;
	}
	model->nnodes = model->ndefs + st->next;
	return 0;
}

/* Do the struct types of a registration and a dispatch agree (unknown agrees)? */
static int link_types_agree(const char *a, const char *b)
{
	if (!a || !b || !*a || !*b)
		return 1;
	if (strncmp(a, "struct ", 7) == 0)
		a += 7;
	if (strncmp(b, "struct ", 7) == 0)
		b += 7;
	return strcmp(a, b) == 0;
}

/* Order registrations by field, then file, then line. */
static int link_reg_cmp(const void *a, const void *b)
{
	const struct link_reg *x = a, *y = b;
	int c = strcmp(x->reg->field, y->reg->field);
	if (c)
		return c;
	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	return x->reg->line < y->reg->line ? -1 : x->reg->line > y->reg->line;
}

/* Index the live registrations by field. */
static int link_regs_index(struct link_state *st)
{
	const struct dig_tree *tree = st->model->tree;
	uint32_t cap = 0;
	for (uint32_t fi = 0; fi < tree->nfiles; fi++) {
		const struct dig_file *f = &tree->files[fi];
		if (!link_file_live(f))
			continue;
		for (uint32_t r = 0; r < f->nregs; r++) {
			if (f->regs[r].dead || !f->regs[r].field || !f->regs[r].func)
				continue;
			if (model_grow((void **)&st->regs, st->nregs, &cap, sizeof *st->regs))
				return -1;
			st->regs[st->nregs].reg = &f->regs[r];
			st->regs[st->nregs].file = fi;
			st->nregs++;
		}
	}
	if (st->nregs)
		qsort(st->regs, st->nregs, sizeof *st->regs, link_reg_cmp);
	return 0;
}

/* Join a dispatch call to registrations of the same field; candidates into buf (unique). */
static uint32_t link_dispatch(struct link_state *st, const struct dig_call *call, uint32_t *buf)
{
	struct model *model = st->model;
	uint32_t n = 0, lo = 0, hi = st->nregs;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (strcmp(st->regs[mid].reg->field, call->callee) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < st->nregs && strcmp(st->regs[lo].reg->field, call->callee) == 0; lo++) {
		const struct dig_reg *reg = st->regs[lo].reg;
		uint32_t m;
		if (!link_types_agree(reg->struct_type, call->dispatch_type))
			continue;
		m = link_resolve(st, st->regs[lo].file, reg->func, -1);
		for (uint32_t i = 0; i < m; i++) {
			int dup = 0;
			for (uint32_t j = 0; j < n && !dup; j++)
				dup = buf[j] == st->scratch[i];
			if (!dup && n < model->ndefs && n < 64)
				buf[n++] = st->scratch[i];
		}
	}
	return n;
}

/* Order node indices. */
static int link_u32_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/* Order edges by from, then to. */
static int link_edge_cmp(const void *a, const void *b)
{
	const struct model_edge *x = a, *y = b;
	if (x->from != y->from)
		return x->from < y->from ? -1 : 1;
	return x->to < y->to ? -1 : x->to > y->to;
}

/* Resolve every live call and record it. */
static int link_calls_resolve(struct link_state *st)
{
	struct model *model = st->model;
	const struct dig_tree *tree = model->tree;
	uint32_t total = 0, k = 0;
	uint32_t *buf = malloc(((size_t)model->ndefs + 1) * sizeof *buf);

	if (!buf)
		return -1;
	for (uint32_t fi = 0; fi < tree->nfiles; fi++) {
		const struct dig_file *f = &tree->files[fi];
		if (!link_file_live(f))
			continue;
		for (uint32_t c = 0; c < f->ncalls; c++) {
			if (f->calls[c].dead)
				model->dead_calls++;
			else
				total++;
		}
	}
	model->calls = model_mem_alloc(model, ((size_t)total + 1) * sizeof *model->calls);
	if (!model->calls) {
		free(buf);
		return -1;
	}
	for (uint32_t fi = 0; fi < tree->nfiles; fi++) {
		const struct dig_file *f = &tree->files[fi];
		if (!link_file_live(f))
			continue;
		for (uint32_t c = 0; c < f->ncalls; c++) {
			const struct dig_call *call = &f->calls[c];
			struct model_call *mc;
			uint32_t n = 0;
			if (call->dead)
				continue;
			mc = &model->calls[k++];
			mc->call = call;
			mc->file_index = fi;
			mc->caller = link_caller_node(st, fi, call->func);
			mc->node = -1;
			mc->target = MODEL_TARGET_NONE;
			if (!call->callee || !*call->callee)
				continue;
			if (call->kind == DIG_CALL_DIRECT) {
				n = link_resolve(st, fi, call->callee, call->nargs);
				if (n == 0) {
					mc->node = link_external_find(st, call->callee);
					mc->target = mc->node >= 0 ? MODEL_TARGET_NODE : MODEL_TARGET_NONE;
					continue;
				}
				memcpy(buf, st->scratch, n * sizeof *buf);
				mc->target = n == 1 ? MODEL_TARGET_NODE : MODEL_TARGET_AMBIGUOUS;
			} else if (call->kind == DIG_CALL_DISPATCH) {
				n = link_dispatch(st, call, buf);
				if (n == 0)
					continue;
				mc->target = MODEL_TARGET_DISPATCH;
				model->dispatch_calls++;
			} else {
				continue;
			}
			qsort(buf, n, sizeof *buf, link_u32_cmp);
			mc->node = (int32_t)buf[0];
			if (n > 1 || mc->target == MODEL_TARGET_DISPATCH) {
				mc->cands = model_mem_alloc(model, n * sizeof *mc->cands);
				if (!mc->cands) {
					free(buf);
					return -1;
				}
				memcpy(mc->cands, buf, n * sizeof *buf);
				mc->ncands = n;
			}
			if (mc->target == MODEL_TARGET_AMBIGUOUS)
				model->ambiguous_calls++;
		}
	}
	model->ncalls = k;
	free(buf);
	return 0;
}

/* Aggregate calls into edges (unique and dispatch targets; ambiguous calls draw no edge)
 * and index them both ways. */
static int link_edges_build(struct model *model)
{
	uint32_t cap = 0, n = 0, w = 0;
	struct model_edge *edges = NULL;

	for (uint32_t i = 0; i < model->ncalls; i++) {
		const struct model_call *mc = &model->calls[i];
		if (mc->caller < 0 || mc->node < 0 || mc->target == MODEL_TARGET_AMBIGUOUS ||
		    mc->target == MODEL_TARGET_NONE)
			continue;
		for (uint32_t j = 0; j < (mc->ncands ? mc->ncands : 1); j++) {
			if (model_grow((void **)&edges, n, &cap, sizeof *edges)) {
				free(edges);
				return -1;
			}
			edges[n].from = (uint32_t)mc->caller;
			edges[n].to = mc->ncands ? mc->cands[j] : (uint32_t)mc->node;
			edges[n].count = 1;
			n++;
		}
	}
	if (n)
		qsort(edges, n, sizeof *edges, link_edge_cmp);
	for (uint32_t i = 0; i < n; i++) {
		if (w && edges[w - 1].from == edges[i].from && edges[w - 1].to == edges[i].to)
			edges[w - 1].count++;
		else
			edges[w++] = edges[i];
	}
	model->edges = model_mem_alloc(model, ((size_t)w + 1) * sizeof *model->edges);
	model->out_start = model_mem_alloc(model, ((size_t)model->nnodes + 1) * sizeof *model->out_start);
	model->in_start = model_mem_alloc(model, ((size_t)model->nnodes + 2) * sizeof *model->in_start);
	model->in_edges = model_mem_alloc(model, ((size_t)w + 1) * sizeof *model->in_edges);
	if (!model->edges || !model->out_start || !model->in_start || !model->in_edges) {
		free(edges);
		return -1;
	}
	if (w)
		memcpy(model->edges, edges, w * sizeof *edges);
	free(edges);
	model->nedges = w;
	/* out index: edges are sorted by from */
	for (uint32_t i = 0, e = 0; i <= model->nnodes; i++) {
		while (e < w && model->edges[e].from < i)
			e++;
		model->out_start[i] = e;
	}
	/* in index: counting sort by to (stable, so from stays ascending) */
	for (uint32_t e = 0; e < w; e++)
		model->in_start[model->edges[e].to + 1]++;
	for (uint32_t i = 0; i < model->nnodes; i++)
		model->in_start[i + 1] += model->in_start[i];
	{
		uint32_t *fill = calloc((size_t)model->nnodes + 1, sizeof *fill);
		if (!fill)
			return -1;
		for (uint32_t e = 0; e < w; e++) {
			uint32_t to = model->edges[e].to;
			model->in_edges[model->in_start[to] + fill[to]++] = e;
		}
		free(fill);
	}
	return 0;
}

/* Link: nodes, externals, calls, edges. */
int model_link_build(struct model *model)
{
	struct link_state st;
	int rc = -1;
	const struct dig_tree *tree = model->tree;

	memset(&st, 0, sizeof st);
	st.model = model;
	for (uint32_t fi = 0; fi < tree->nfiles; fi++) {
		const struct dig_file *f = &tree->files[fi];
		size_t len = strlen(f->path);
		model->files++;
		if (len >= 2 && strcmp(f->path + len - 2, ".h") == 0)
			model->files_h++;
		else
			model->files_c++;
		if (f->status == DIG_FILE_SKIPPED) {
			model->skipped++;
			continue;
		}
		if (f->status == DIG_FILE_PARTIAL)
			model->partial++;
		if (f->copy_of) {
			model->copies++;
			continue;
		}
		model->lines += f->lines;
		model->loc += f->loc;
		model->dead_lines += f->dead_lines;
	}
	if (link_nodes_create(&st) == 0 && link_externals_collect(&st) == 0 && link_regs_index(&st) == 0 &&
	    link_calls_resolve(&st) == 0 && link_edges_build(model) == 0)
		rc = 0;
	free(st.regs);
	free(st.file_domain);
	free(st.names);
	free(st.ext);
	free(st.file_first);
	free(st.scratch);
	return rc;
}

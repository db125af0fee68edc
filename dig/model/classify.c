/*
 * dig/model/classify.c: which functions allocate, which files form one allocator, and what
 * each allocator is.
 *
 * Signals per definition (SIG_*): an allocation or release verb in the name (vocabulary),
 * the shape (raw-memory return; a size-like, handle or pointer parameter), and behaviour
 * (touches file-scope state; calls a backend; calls another allocation name; uses a static
 * array). An allocation entry point needs all three kinds: verb, shape and behaviour, so
 * `allocproc()` returning `struct proc *` (an object constructor) is a caller, not an
 * allocator, while `kalloc(void)` returning `char *` off a free list is one. A release
 * entry point needs the verb, a parameter, and an allocation entry point in its own file
 * (or a backend call). A wrapper is an entry point that keeps no state and forwards to
 * another allocator within a short body. Test, benchmark and example code never has entry
 * points. Functions whose names are lock primitives are never entry points (`release`).
 *
 * Implementations are the files holding non-test entry points, merged (union-find) when
 * an entry point of one uses a non-static global defined in the other.
 */
#include <stdlib.h>
#include <string.h>

#include "dig/model/model_impl.h"


struct classify_global {
	const char *name;
	uint32_t file;
};

/* Order globals by name, then file. */
static int classify_global_cmp(const void *a, const void *b)
{
	const struct classify_global *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	if (c)
		return c;
	return x->file < y->file ? -1 : x->file > y->file;
}

/* Order strings. */
static int classify_name_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The names of the tree's live function-like macros, sorted (malloc'd array). */
static int classify_macros_index(const struct model *model, const char ***out, uint32_t *n)
{
	const struct dig_tree *tree = model->tree;
	uint32_t cap = 0;
	*out = NULL;
	*n = 0;
	for (uint32_t fi = 0; fi < tree->nfiles; fi++) {
		const struct dig_file *f = &tree->files[fi];
		if (f->status == DIG_FILE_SKIPPED || f->copy_of)
			continue;
		for (uint32_t j = 0; j < f->nmacros; j++) {
			if (f->macros[j].dead || !f->macros[j].function_like || !f->macros[j].name)
				continue;
			if (model_grow((void **)out, *n, &cap, sizeof **out))
				return -1;
			(*out)[(*n)++] = f->macros[j].name;
		}
	}
	if (*n)
		qsort(*out, *n, sizeof **out, classify_name_cmp);
	return 0;
}

/* Is `name` in the sorted macro index? */
static int classify_is_macro(const char **macros, uint32_t n, const char *name)
{
	uint32_t lo = 0, hi = n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int c = strcmp(macros[mid], name);
		if (c == 0)
			return 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* Strip qualifiers and stars from a type into buf: "const char *" -> "char". */
static const char *classify_base_type(const char *type, char *buf, size_t size)
{
	size_t n = 0;
	const char *p = type ? type : "";
	if (strncmp(p, "const ", 6) == 0)
		p += 6;
	if (strncmp(p, "static ", 7) == 0)
		p += 7;
	if (strncmp(p, "register ", 9) == 0)
		p += 9;
	for (; *p && n + 1 < size; p++)
		if (*p != '*' && *p != ' ')
			buf[n++] = *p;
	buf[n] = '\0';
	return buf;
}

/* Does a function use a global of its own file (or one defined elsewhere in the tree)? */
static int classify_touches_state(const struct model *model, const struct dig_func *f,
                                  const struct dig_file *file, const struct classify_global *glob,
                                  uint32_t nglob, int *arena)
{
	int touched = 0;
	for (uint32_t i = 0; i < f->nglobals_used; i++) {
		const char *g = f->globals_used[i];
		for (uint32_t j = 0; j < file->nglobals; j++) {
			const struct dig_global *fg = &file->globals[j];
			if (fg->dead || strcmp(fg->name, g) != 0)
				continue;
			touched = 1;
			if (fg->is_array && fg->is_static && !fg->is_extern)
				*arena = 1;
		}
		if (!touched) {
			struct classify_global key = { g, 0 };
			uint32_t lo = 0, hi = nglob;
			while (lo < hi) {
				uint32_t mid = lo + (hi - lo) / 2;
				if (classify_global_cmp(&glob[mid], &key) < 0)
					lo = mid + 1;
				else
					hi = mid;
			}
			if (lo < nglob && strcmp(glob[lo].name, g) == 0)
				touched = 1;
		}
	}
	(void)model;
	return touched;
}

/* Ambiguous calls grouped by caller (counting sort), so that classification can treat a
 * call with several candidates as reaching each of them. */
struct classify_amb {
	uint32_t *start;   /* ndefs + 1 */
	uint32_t *calls;   /* model call indices */
};

static struct classify_amb classify_amb;

/* Build the ambiguous-call index (empty on failure: the signals are then weaker). */
static void classify_amb_build(const struct model *model)
{
	uint32_t *fill;
	classify_amb.start = calloc((size_t)model->ndefs + 2, sizeof *classify_amb.start);
	if (!classify_amb.start)
		return;
	for (uint32_t i = 0; i < model->ncalls; i++)
		if (model->calls[i].target == MODEL_TARGET_AMBIGUOUS && model->calls[i].caller >= 0)
			classify_amb.start[model->calls[i].caller + 1]++;
	for (uint32_t n = 0; n < model->ndefs; n++)
		classify_amb.start[n + 1] += classify_amb.start[n];
	classify_amb.calls = malloc(((size_t)classify_amb.start[model->ndefs] + 1) * sizeof *classify_amb.calls);
	fill = calloc((size_t)model->ndefs + 1, sizeof *fill);
	if (!classify_amb.calls || !fill) {
		free(classify_amb.start);
		free(classify_amb.calls);
		free(fill);
		memset(&classify_amb, 0, sizeof classify_amb);
		return;
	}
	for (uint32_t i = 0; i < model->ncalls; i++) {
		int32_t c = model->calls[i].caller;
		if (model->calls[i].target == MODEL_TARGET_AMBIGUOUS && c >= 0)
			classify_amb.calls[classify_amb.start[c] + fill[c]++] = i;
	}
	free(fill);
}

/* The ambiguous calls made by definition `node` (model call indices); *n gets the count. */
const uint32_t *model_amb_calls(const struct model *model, uint32_t node, uint32_t *n)
{
	*n = 0;
	if (!classify_amb.start || node >= model->ndefs)
		return NULL;
	*n = classify_amb.start[node + 1] - classify_amb.start[node];
	return classify_amb.calls + classify_amb.start[node];
}

/* Free the ambiguous-call index. */
static void classify_amb_free(void)
{
	free(classify_amb.start);
	free(classify_amb.calls);
	memset(&classify_amb, 0, sizeof classify_amb);
}

/* Call `visit` for each target of node n's calls (edges, and every candidate of its
 * ambiguous calls). */
static void classify_targets(const struct model *model, uint32_t n, void (*visit)(struct model *, uint32_t, uint32_t, void *), void *ctx)
{
	for (uint32_t e = model->out_start[n]; e < model->out_start[n + 1]; e++)
		visit((struct model *)model, n, model->edges[e].to, ctx);
	if (!classify_amb.start || n >= model->ndefs)
		return;
	for (uint32_t j = classify_amb.start[n]; j < classify_amb.start[n + 1]; j++) {
		const struct model_call *mc = &model->calls[classify_amb.calls[j]];
		for (uint32_t k = 0; k < mc->ncands; k++)
			visit((struct model *)model, n, mc->cands[k], ctx);
	}
}

/* Visitor: gather behaviour signals of a caller from one target. */
static void classify_sig_visit(struct model *model, uint32_t from, uint32_t to, void *ctx)
{
	const struct model_node *t = &model->nodes[to];
	unsigned *sig = ctx;
	if (from == to)
		return;
	if (t->sig & SIG_BACKEND_NAME)
		*sig |= SIG_CALLS_BACKEND;
	if ((t->sig & SIG_NAME_ALLOC) && !(t->sig & SIG_LOCKNAME))
		*sig |= SIG_CALLS_ALLOC;
	if ((t->flags & MODEL_NODE_ALLOC) && from != to)
		*sig |= SIG_CALLS_ALLOC;
}

/* Name and shape signals of every node; state signals of definitions. */
static int classify_signals(struct model *model)
{
	const struct model_vocab *v = model->vocab;
	const struct dig_tree *tree = model->tree;
	struct classify_global *glob = NULL;
	const char **macros = NULL;
	uint32_t nglob = 0, cap = 0, nmacros = 0;

	for (uint32_t fi = 0; fi < tree->nfiles; fi++) {
		const struct dig_file *f = &tree->files[fi];
		if (f->status == DIG_FILE_SKIPPED || f->copy_of)
			continue;
		for (uint32_t j = 0; j < f->nglobals; j++) {
			const struct dig_global *g = &f->globals[j];
			if (g->dead || g->is_extern || g->is_static || !g->name)
				continue;
			if (model_grow((void **)&glob, nglob, &cap, sizeof *glob)) {
				free(glob);
				return -1;
			}
			glob[nglob].name = g->name;
			glob[nglob].file = fi;
			nglob++;
		}
	}
	if (nglob)
		qsort(glob, nglob, sizeof *glob, classify_global_cmp);
	if (classify_macros_index(model, &macros, &nmacros)) {
		free(glob);
		return -1;
	}

	for (uint32_t n = 0; n < model->nnodes; n++) {
		struct model_node *node = &model->nodes[n];
		const struct dig_func *f = node->func;
		unsigned sig = 0;
		char base[128];
		if (model_vocab_match(v, VOCAB_LOCK_MUTEX, node->name) || model_vocab_match(v, VOCAB_LOCK_SPIN, node->name) ||
		    model_vocab_match(v, VOCAB_LOCK_OTHER, node->name))
			sig |= SIG_LOCKNAME;
		/* a verb-looking name that is neither (is_allocated, freeze ...) has no verb */
		if (!model_vocab_match(v, VOCAB_NOT_ALLOC, node->name)) {
			if (model_vocab_match(v, VOCAB_FREE, node->name))
				sig |= SIG_NAME_FREE;
			else if (model_vocab_match(v, VOCAB_ALLOC, node->name))
				sig |= SIG_NAME_ALLOC;
		}
		if (model_vocab_match(v, VOCAB_BACKEND, node->name))
			sig |= SIG_BACKEND_NAME;
		/* an external name that the tree defines as a function-like macro is a macro
		 * (MALLOC_ERRNO_SET(...)), not an allocator defined elsewhere */
		if (!f && classify_is_macro(macros, nmacros, node->name))
			sig &= ~(unsigned)(SIG_NAME_ALLOC | SIG_NAME_FREE | SIG_BACKEND_NAME);
		if (f) {
			int arena = 0;
			classify_base_type(f->return_type, base, sizeof base);
			if (f->returns_pointer && model_vocab_match(v, VOCAB_MEM_TYPE, base))
				sig |= SIG_RET_MEM;
			else if (!f->returns_pointer && strcmp(base, "void") && strcmp(base, "char") &&
			         model_vocab_match(v, VOCAB_MEM_TYPE, base))
				sig |= SIG_RET_MEM;
			else if (!f->returns_pointer && strcmp(base, "void") != 0 &&
			         strncmp(base, "struct", 6) != 0 && strncmp(base, "union", 5) != 0)
				sig |= SIG_RET_INT;
			for (int i = 0; i < f->nparams; i++) {
				const char *pt = f->param_types ? f->param_types[i] : NULL;
				const char *pn = f->param_names ? f->param_names[i] : NULL;
				int size_like = (pn && *pn && model_vocab_match(v, VOCAB_SIZE_PARAM, pn)) ||
				                (pt && !strchr(pt, '*') && model_vocab_match(v, VOCAB_SIZE_PARAM, pt));
				if (size_like)
					sig |= SIG_SIZE_PARAM;
				else if (pt && (strchr(pt, '*') || model_vocab_find(v, VOCAB_ROLE_FIXED, pt)) && i == 0)
					sig |= SIG_HANDLE_PARAM;
				if ((pt && model_vocab_find(v, VOCAB_ROLE_RMAP, pt)) ||
				    (pn && model_vocab_find(v, VOCAB_ROLE_RMAP, pn) && pt && strchr(pt, '*')))
					sig |= SIG_RMAP_PARAM;
			}
			if (classify_touches_state(model, f, node->file, glob, nglob, &arena))
				sig |= SIG_STATE;
			if (arena)
				sig |= SIG_STATIC_ARENA;
		}
		node->sig = sig;
	}
	free(glob);
	free(macros);
	return 0;
}

/* Is a node's shape that of an allocation entry point? */
static int classify_alloc_shape(const struct model_node *node)
{
	unsigned s = node->sig;
	const struct dig_func *f = node->func;
	int nparams = f->nparams;
	if (nparams == 1 && f->param_types && f->param_types[0] && strcmp(f->param_types[0], "void") == 0)
		nparams = 0;
	if (s & SIG_RET_MEM)
		return nparams <= 0 || (s & (SIG_SIZE_PARAM | SIG_HANDLE_PARAM));
	if (s & SIG_RET_INT)
		return f->nparams >= 2 && (s & SIG_SIZE_PARAM) && (s & (SIG_RMAP_PARAM | SIG_BACKEND_NAME));
	return 0;
}

/* Record why a node is an entry point. */
static void classify_why(struct model *model, struct model_node *node, const char *what)
{
	unsigned s = node->sig;
	node->why = model_mem_printf(model, "%s: %s%s%s%s%s%s%s%s", what,
	                             (s & SIG_NAME_ALLOC) ? "allocation verb" : (s & SIG_NAME_FREE) ? "release verb" : "backend name",
	                             (s & SIG_RET_MEM) ? ", returns memory" : (s & SIG_RET_INT) ? ", returns units" : "",
	                             (s & SIG_SIZE_PARAM) ? ", size parameter" : "",
	                             (s & SIG_RMAP_PARAM) ? ", map parameter" : "",
	                             (s & SIG_STATE) ? ", file-scope state" : "",
	                             (s & SIG_STATIC_ARENA) ? ", static arena" : "",
	                             (s & SIG_CALLS_BACKEND) ? ", calls a backend" : "",
	                             (s & SIG_CALLS_ALLOC) ? ", calls an allocator" : "");
}

/* What a would-be wrapper calls: distinct callee names (the candidates of an ambiguous
 * call share one), and how many targets are allocators. */
struct classify_fwd {
	uint32_t callees, allocators;
	const char *names[8];
};

/* Visitor: count one callee of a would-be wrapper. */
static void classify_fwd_visit(struct model *model, uint32_t from, uint32_t to, void *ctx)
{
	struct classify_fwd *fwd = ctx;
	const struct model_node *t = &model->nodes[to];
	int seen = 0;
	if (from == to)
		return;
	for (uint32_t i = 0; i < fwd->callees && i < 8; i++)
		seen |= strcmp(fwd->names[i], t->name) == 0;
	if (!seen) {
		if (fwd->callees < 8)
			fwd->names[fwd->callees] = t->name;
		fwd->callees++;
	}
	if ((t->flags & (MODEL_NODE_ALLOC | MODEL_NODE_FREE | MODEL_NODE_BACKEND)) ||
	    (t->sig & (SIG_NAME_ALLOC | SIG_NAME_FREE | SIG_BACKEND_NAME)))
		fwd->allocators++;
}

/* Entry points, release points, wrappers and backends. */
static void classify_entries(struct model *model)
{
	uint32_t nfiles = model->tree->nfiles;
	unsigned char *file_has_alloc = calloc(nfiles + 1, 1);

	/* behaviour signals from callees (two rounds: the second sees entry flags) */
	for (int round = 0; round < 2; round++) {
		for (uint32_t n = 0; n < model->ndefs; n++) {
			unsigned sig = model->nodes[n].sig;
			classify_targets(model, n, classify_sig_visit, &sig);
			model->nodes[n].sig = sig;
		}
		for (uint32_t n = 0; n < model->nnodes; n++) {
			struct model_node *node = &model->nodes[n];
			int eligible;
			if (node->sig & SIG_BACKEND_NAME)
				node->flags |= MODEL_NODE_BACKEND;
			if (!node->func)
				continue;
			if (node->domain == MODEL_DOMAIN_TEST) {
				node->flags |= MODEL_NODE_TEST;
				continue;
			}
			eligible = !(node->sig & SIG_LOCKNAME) &&
			           (node->sig & (SIG_NAME_ALLOC | SIG_BACKEND_NAME)) && !(node->sig & SIG_NAME_FREE);
			if (eligible && classify_alloc_shape(node) &&
			    (node->sig & (SIG_STATE | SIG_CALLS_BACKEND | SIG_CALLS_ALLOC | SIG_STATIC_ARENA | SIG_BACKEND_NAME |
			                  SIG_RMAP_PARAM | SIG_HANDLE_PARAM))) {
				node->flags |= MODEL_NODE_ALLOC;
				if (file_has_alloc)
					file_has_alloc[node->file_index] = 1;
			}
		}
	}
	for (uint32_t n = 0; n < model->ndefs; n++) {
		struct model_node *node = &model->nodes[n];
		if ((node->flags & MODEL_NODE_TEST) || (node->sig & SIG_LOCKNAME) || !(node->sig & SIG_NAME_FREE))
			continue;
		if (node->func->nparams == 0)
			continue;
		if (file_has_alloc && file_has_alloc[node->file_index])
			node->flags |= MODEL_NODE_FREE;
	}
	/* wrappers: stateless entry points with a short body that forwards */
	for (uint32_t n = 0; n < model->ndefs; n++) {
		struct model_node *node = &model->nodes[n];
		struct classify_fwd fwd;
		memset(&fwd, 0, sizeof fwd);
		if (!(node->flags & (MODEL_NODE_ALLOC | MODEL_NODE_FREE)) || (node->sig & (SIG_STATE | SIG_STATIC_ARENA)))
			continue;
		if (node->flags & MODEL_NODE_BACKEND)
			continue;
		classify_targets(model, n, classify_fwd_visit, &fwd);
		if (fwd.allocators >= 1 && fwd.callees <= 4 && node->func->loc <= 15)
			node->flags |= MODEL_NODE_WRAPPER;
	}
	for (uint32_t n = 0; n < model->ndefs; n++) {
		struct model_node *node = &model->nodes[n];
		if (node->flags & MODEL_NODE_WRAPPER)
			classify_why(model, node, "wrapper");
		else if (node->flags & MODEL_NODE_ALLOC)
			classify_why(model, node, "allocation entry point");
		else if (node->flags & MODEL_NODE_FREE)
			classify_why(model, node, "release entry point");
		else if (node->flags & MODEL_NODE_BACKEND)
			node->why = "backend: vocabulary name";
	}
	for (uint32_t n = model->ndefs; n < model->nnodes; n++)
		if (model->nodes[n].flags & MODEL_NODE_BACKEND)
			model->nodes[n].why = "external backend: vocabulary name, defined nowhere in the tree";
	free(file_has_alloc);
}

/* Union-find root. */
static uint32_t classify_root(uint32_t *parent, uint32_t x)
{
	while (parent[x] != x) {
		parent[x] = parent[parent[x]];
		x = parent[x];
	}
	return x;
}

/* Is the node an entry point (alloc, free, wrapper)? */
static int classify_is_entry(const struct model_node *node)
{
	return node->func && (node->flags & (MODEL_NODE_ALLOC | MODEL_NODE_FREE)) != 0;
}

/* Does an entry point of file fi use the global `name`? (Definitions are in file order.) */
static int classify_file_entries_use(const struct model *model, uint32_t fi, const char *name)
{
	uint32_t lo = 0, hi = model->ndefs;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (model->nodes[mid].file_index < fi)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < model->ndefs && model->nodes[lo].file_index == fi; lo++) {
		const struct model_node *n = &model->nodes[lo];
		if (!classify_is_entry(n))
			continue;
		for (uint32_t i = 0; i < n->func->nglobals_used; i++)
			if (strcmp(n->func->globals_used[i], name) == 0)
				return 1;
	}
	return 0;
}

/* Group files with entry points into implementations. */
static int classify_groups(struct model *model, uint32_t **group_of_file, uint32_t *ngroups)
{
	const struct dig_tree *tree = model->tree;
	uint32_t nfiles = tree->nfiles;
	uint32_t *parent = malloc(((size_t)nfiles + 1) * sizeof *parent);
	unsigned char *has = calloc((size_t)nfiles + 1, 1);
	uint32_t *group = malloc(((size_t)nfiles + 1) * sizeof *group);
	uint32_t g = 0;

	if (!parent || !has || !group) {
		free(parent);
		free(has);
		free(group);
		return -1;
	}
	for (uint32_t i = 0; i < nfiles; i++)
		parent[i] = i;
	for (uint32_t n = 0; n < model->ndefs; n++)
		if (classify_is_entry(&model->nodes[n]))
			has[model->nodes[n].file_index] = 1;
	/* merge: an entry point of file A uses a non-static global defined in file B */
	{
		struct classify_global *glob = NULL;
		uint32_t nglob = 0, cap = 0;
		for (uint32_t fi = 0; fi < nfiles; fi++) {
			const struct dig_file *f = &tree->files[fi];
			if (!has[fi] || f->copy_of)
				continue;
			for (uint32_t j = 0; j < f->nglobals; j++) {
				const struct dig_global *gl = &f->globals[j];
				if (gl->dead || gl->is_static || gl->is_extern || !gl->name)
					continue;
				if (model_grow((void **)&glob, nglob, &cap, sizeof *glob)) {
					free(glob);
					free(parent);
					free(has);
					free(group);
					return -1;
				}
				glob[nglob].name = gl->name;
				glob[nglob].file = fi;
				nglob++;
			}
		}
		if (nglob)
			qsort(glob, nglob, sizeof *glob, classify_global_cmp);
		for (uint32_t n = 0; n < model->ndefs; n++) {
			const struct model_node *node = &model->nodes[n];
			if (!classify_is_entry(node) || (node->flags & MODEL_NODE_WRAPPER))
				continue;
			for (uint32_t i = 0; i < node->func->nglobals_used; i++) {
				struct classify_global key = { node->func->globals_used[i], 0 };
				uint32_t lo = 0, hi = nglob;
				while (lo < hi) {
					uint32_t mid = lo + (hi - lo) / 2;
					if (classify_global_cmp(&glob[mid], &key) < 0)
						lo = mid + 1;
					else
						hi = mid;
				}
				/* only when exactly one other file defines it and this file does not: the
				 * same name defined in several files is several variables */
				{
					uint32_t first = lo, ndef = 0, other = UINT32_MAX;
					int own = 0;
					for (; lo < nglob && strcmp(glob[lo].name, key.name) == 0; lo++) {
						if (glob[lo].file == node->file_index)
							own = 1;
						else
							other = glob[lo].file;
						ndef++;
					}
					(void)first;
					if (!own && ndef == 1 && other != UINT32_MAX &&
					    classify_file_entries_use(model, other, key.name))
						parent[classify_root(parent, other)] = classify_root(parent, node->file_index);
				}
			}
		}
		free(glob);
	}
	for (uint32_t i = 0; i < nfiles; i++)
		group[i] = UINT32_MAX;
	for (uint32_t i = 0; i < nfiles; i++) {
		uint32_t r;
		if (!has[i])
			continue;
		r = classify_root(parent, i);
		if (group[r] == UINT32_MAX)
			group[r] = g++;
		group[i] = group[r];
	}
	free(parent);
	free(has);
	*group_of_file = group;
	*ngroups = g;
	return 0;
}

/* The model the qsort comparators below read (qsort has no context argument). */
static const struct model *classify_sort_model;

/* Order node indices by name, path, line. */
static int classify_node_cmp(const void *a, const void *b)
{
	const struct model_node *x = &classify_sort_model->nodes[*(const uint32_t *)a];
	const struct model_node *y = &classify_sort_model->nodes[*(const uint32_t *)b];
	int c = strcmp(x->name, y->name);
	if (c)
		return c;
	if (x->file && y->file && (c = strcmp(x->file->path, y->file->path)) != 0)
		return c;
	return (x->func ? x->func->line : 0) < (y->func ? y->func->line : 0) ? -1 : 1;
}

/* Order implementation indices by name, then first file. */
static int classify_impl_index_cmp(const void *a, const void *b)
{
	const struct model_impl *x = &classify_sort_model->impls[*(const uint32_t *)a];
	const struct model_impl *y = &classify_sort_model->impls[*(const uint32_t *)b];
	int c = strcmp(x->name, y->name);
	if (c)
		return c;
	return strcmp(x->files[0], y->files[0]);
}

/* Order strings. */
static int classify_str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Mark helpers: functions of the impl's files that its entry points reach inside them. */
static void classify_helpers(struct model *model, const uint32_t *group, uint32_t *stack)
{
	uint32_t top = 0;
	for (uint32_t n = 0; n < model->ndefs; n++)
		if (classify_is_entry(&model->nodes[n]) && model->nodes[n].impl >= 0)
			stack[top++] = n;
	while (top) {
		uint32_t n = stack[--top];
		int impl = model->nodes[n].impl;
		for (uint32_t e = model->out_start[n]; e < model->out_start[n + 1]; e++) {
			struct model_node *t = &model->nodes[model->edges[e].to];
			if (!t->func || t->impl >= 0 || (t->flags & MODEL_NODE_TEST) || t->file_index == UINT32_MAX)
				continue;
			if (group[t->file_index] == UINT32_MAX || (int)group[t->file_index] != impl)
				continue;
			t->impl = impl;
			t->flags |= MODEL_NODE_HELPER;
			stack[top++] = model->edges[e].to;
		}
	}
	/* functions of an implementation's file that use its file-static variables */
	for (uint32_t n = 0; n < model->ndefs; n++) {
		struct model_node *node = &model->nodes[n];
		const struct dig_file *f = node->file;
		if (node->impl >= 0 || (node->flags & MODEL_NODE_TEST) || group[node->file_index] == UINT32_MAX)
			continue;
		for (uint32_t i = 0; i < node->func->nglobals_used && node->impl < 0; i++)
			for (uint32_t j = 0; j < f->nglobals; j++) {
				const struct dig_global *g = &f->globals[j];
				if (!g->dead && g->is_static && !g->is_extern && strcmp(g->name, node->func->globals_used[i]) == 0) {
					node->impl = (int)group[node->file_index];
					node->flags |= MODEL_NODE_HELPER;
					break;
				}
			}
	}
}

/* Domains of files that no folder word decides (or at the root of the tree): kernel when
 * they call more kernel primitives than user-space ones, user when they call user-space
 * ones (files at the root stay root then), else as the path said. */
static void classify_file_domains(struct model *model)
{
	uint32_t i = 0;
	while (i < model->ncalls) {
		uint32_t fi = model->calls[i].file_index, k = 0, u = 0, j;
		for (j = i; j < model->ncalls && model->calls[j].file_index == fi; j++) {
			const char *callee = model->calls[j].call->callee;
			int32_t t = model->calls[j].node;
			if (!callee)
				continue;
			/* a file's own panic() says nothing about where it runs */
			if (t >= 0 && model->nodes[t].func && model->nodes[t].file_index == fi)
				continue;
			if (model_vocab_match(model->vocab, VOCAB_KERNEL_CALL, callee))
				k++;
			else if (model_vocab_match(model->vocab, VOCAB_USER_CALL, callee))
				u++;
		}
		uint32_t lo = 0, hi = model->ndefs;
		/* definitions are in file order: find this file's first */
		while (lo < hi) {
			uint32_t mid = lo + (hi - lo) / 2;
			if (model->nodes[mid].file_index < fi)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (uint32_t n = lo; n < model->ndefs && model->nodes[n].file_index == fi; n++) {
			struct model_node *node = &model->nodes[n];
			if (node->domain != -1 && node->domain != MODEL_DOMAIN_ROOT)
				continue;
			if (k > u)
				node->domain = MODEL_DOMAIN_KERNEL;
			else if (u && node->domain == -1)
				node->domain = MODEL_DOMAIN_USER;
		}
		i = j;
	}
}

/* Classify: signals, entry points, groups, implementations. */
int model_classify_build(struct model *model)
{
	uint32_t *group = NULL, ngroups = 0;
	uint32_t *stack;
	int rc;

	classify_file_domains(model);
	for (uint32_t i = 0; i < model->ncalls; i++) {
		const struct model_call *mc = &model->calls[i];
		if (mc->target == MODEL_TARGET_NODE || mc->target == MODEL_TARGET_DISPATCH)
			model->nodes[mc->node].calls_in++;
		else if (mc->target == MODEL_TARGET_AMBIGUOUS)
			for (uint32_t j = 0; j < mc->ncands; j++)
				model->nodes[mc->cands[j]].calls_maybe++;
	}
	if (classify_signals(model))
		return -1;
	classify_amb_build(model);
	classify_entries(model);
	if (classify_groups(model, &group, &ngroups)) {
		classify_amb_free();
		return -1;
	}
	for (uint32_t n = 0; n < model->ndefs; n++)
		if (classify_is_entry(&model->nodes[n]))
			model->nodes[n].impl = (int)group[model->nodes[n].file_index];
	stack = malloc(((size_t)model->nnodes + 1) * sizeof *stack);
	if (!stack) {
		free(group);
		classify_amb_free();
		return -1;
	}
	classify_helpers(model, group, stack);
	free(stack);
	rc = model_classify_impls(model, group, ngroups);
	classify_amb_free();
	free(group);
	if (rc)
		return rc;
	/* sort the implementations by name and renumber everything that points at them */
	{
		uint32_t *perm = malloc(((size_t)model->nimpls + 1) * sizeof *perm);
		int *renum = malloc(((size_t)model->nimpls + 1) * sizeof *renum);
		struct model_impl *sorted = model_mem_alloc(model, ((size_t)model->nimpls + 1) * sizeof *sorted);
		if (!perm || !renum || !sorted) {
			free(perm);
			free(renum);
			return -1;
		}
		for (uint32_t i = 0; i < model->nimpls; i++)
			perm[i] = i;
		classify_sort_model = model;
		if (model->nimpls)
			qsort(perm, model->nimpls, sizeof *perm, classify_impl_index_cmp);
		for (uint32_t i = 0; i < model->nimpls; i++) {
			sorted[i] = model->impls[perm[i]];
			sorted[i].id = model_mem_printf(model, "impl%u", i + 1);
			renum[perm[i]] = (int)i;
		}
		model->impls = sorted;
		for (uint32_t n = 0; n < model->nnodes; n++)
			if (model->nodes[n].impl >= 0)
				model->nodes[n].impl = renum[model->nodes[n].impl];
		free(perm);
		free(renum);
	}
	classify_sort_model = model;
	for (uint32_t i = 0; i < model->nimpls; i++) {
		struct model_impl *impl = &model->impls[i];
		qsort(impl->nodes, impl->nnodes, sizeof *impl->nodes, classify_node_cmp);
		qsort(impl->files, impl->nfiles, sizeof *impl->files, classify_str_cmp);
	}
	return 0;
}

/*
 * dig/model/group.c: which files form one allocator implementation.
 *
 * The files holding non-test entry points are the candidates; union-find joins them, by
 * these rules and no others (the same name defined in several files is several
 * variables):
 *   1. Shared state. Two files join when an entry point of one (or a static helper of a
 *      header it calls) uses a non-static global that exactly one other file defines and
 *      hands out from: an allocating entry point of its own uses it (a name written as a
 *      type anywhere in the tree is never such a global: without a preprocessor, a
 *      declaration after a macro with no semicolon reads as a variable named like its
 *      type). It must be allocator state by its type (a free list, a table, a bitmap, a
 *      map: no counter, statistic, flag, setting, lock or message string both touch), and
 *      the owner must hand out from it (a table of page records that only the owner's
 *      release reads, `mem_map`, glues every user of a page to it otherwise),
 *   2. ... when both files lie in one folder domain and one link unit (model/link.c:
 *      another program's globals are not linked with this one),
 *   3. ... and neither is a layer over the other: a file that calls the other's allocation
 *      entry points without being called back is a face over an engine, an implementation
 *      of its own whatever engine state it reads.
 *   4. Inline fast paths. A header whose entry points are all static inline joins the one
 *      file it calls into (its slow path).
 *   5. An implementation hands memory out: a group with release entry points only joins
 *      the allocating group its forwarding release reaches, or is none (group_release_only).
 *   6. Copies: files with entry points whose facts are the same, whitespace and comments
 *      aside (a vendored copy, a second port's), are one implementation (group_copies).
 *   7. One function a file: an allocation entry point and the release of another file of
 *      its folder that partner.c paired with it by name join (rules 2 and 3 hold).
 * The globals come from classify.c's index (model->cls->globals).
 */
#include <stdlib.h>
#include <string.h>

#include "dig/model/model_impl.h"

/* Union-find root. */
static uint32_t group_root(uint32_t *parent, uint32_t x)
{
	while (parent[x] != x) {
		parent[x] = parent[parent[x]];
		x = parent[x];
	}
	return x;
}

/* Does an allocating entry point of file fi use the global `name`: does fi hand out from
 * it? (Definitions are in file order.) */
static int group_file_allocs_use(const struct model *model, uint32_t fi, const char *name)
{
	uint32_t lo = model_defs_of_file(model, fi);
	for (; lo < model->ndefs && model->nodes[lo].file_index == fi; lo++) {
		const struct model_node *n = &model->nodes[lo];
		if (!model_node_is_entry(n) || !(n->flags & MODEL_NODE_ALLOC))
			continue;
		for (uint32_t i = 0; i < n->func->nglobals_used; i++)
			if (strcmp(n->func->globals_used[i], name) == 0)
				return 1;
	}
	return 0;
}

/* Do two files' folder domains agree (one undecided agrees)? */
static int group_domains_agree(const struct model *model, uint32_t a, uint32_t b)
{
	int da = model_path_domain(model, model->tree->files[a].path, NULL);
	int db = model_path_domain(model, model->tree->files[b].path, NULL);
	return da < 0 || db < 0 || da == db;
}

/* Does some function of file `a` call an allocating entry point of file `b` (or of a
 * file already joined with b, such as its inline header)? */
static int group_file_calls_into(const struct model *model, uint32_t *parent, uint32_t a, uint32_t b)
{
	uint32_t rb = group_root(parent, b);
	uint32_t lo = model_defs_of_file(model, a);
	for (; lo < model->ndefs && model->nodes[lo].file_index == a; lo++)
		for (uint32_t e = model->out_start[lo]; e < model->out_start[lo + 1]; e++) {
			const struct model_node *t = &model->nodes[model->edges[e].to];
			if (t->func && t->file_index != a && (t->flags & MODEL_NODE_ALLOC) &&
			    group_root(parent, t->file_index) == rb)
				return 1;
		}
	return 0;
}

/* Is one of two files a layer over the other: it calls the other's allocation entry points
 * and is not called back? Then they are two implementations, one over the other (a face
 * over its engine), whatever state the upper one reads of the lower; peers that call each
 * other (or neither) are one. */
static int group_layered(const struct model *model, uint32_t *parent, uint32_t a, uint32_t b)
{
	return group_file_calls_into(model, parent, a, b) != group_file_calls_into(model, parent, b, a);
}

/* File fi's own live file-scope variable `name` (static or not), or NULL. Its functions
 * then mean that one: a static `theheap` shadows another file's global. */
static const struct dig_global *group_file_defines(const struct model *model, uint32_t fi, const char *name)
{
	const struct dig_file *f = &model->tree->files[fi];
	for (uint32_t j = 0; j < f->nglobals; j++)
		if (!f->globals[j].dead && !f->globals[j].is_extern && strcmp(f->globals[j].name, name) == 0)
			return &f->globals[j];
	return NULL;
}

/* Merge file fi with the one other file that defines the global `name` (from the sorted
 * list glob of non-static globals of files with entry points), when fi does not define
 * it too (not even as a static of its own), both lie in one domain, it is allocator state
 * by its type (model_global_state: no counter, flag, lock or message string), an
 * allocating entry point of the other file uses it (the same name defined in several files
 * is several variables; the owner hands out from it: a table of page records that only the
 * owner's release reads, `mem_map[MAP_NR(addr)]`, is no free list of both), and neither is
 * a layer over the other. */
static void group_merge_on(const struct model *model, const struct model_global *glob, uint32_t nglob,
                              uint32_t *parent, uint32_t fi, const char *name)
{
	uint32_t ndef, other = UINT32_MAX;
	uint32_t lo = model_globals_find(glob, nglob, name, &ndef);
	const struct dig_global *g;
	int own = 0;
	for (uint32_t i = lo; i < lo + ndef; i++) {
		if (glob[i].file == fi)
			own = 1;
		else
			other = glob[i].file;
	}
	if (!own && ndef == 1 && other != UINT32_MAX && !group_file_defines(model, fi, name) &&
	    (g = group_file_defines(model, other, name)) != NULL && model_global_state(g) && !model_global_lock(g) &&
	    group_domains_agree(model, other, fi) &&
	    model_unit_visible(model, fi, other) && model_unit_visible(model, other, fi) &&
	    group_file_allocs_use(model, other, name) && !group_layered(model, parent, fi, other))
		parent[group_root(parent, other)] = group_root(parent, fi);
}

/* A header whose entry points are all static (inline) functions is the fast path of the
 * implementation they call into: it joins the one non-header file whose entry points its
 * functions call, when there is exactly one (slab_impl.h's inline alloc over slab.c's slow
 * path). */
static void group_headers_join(const struct model *model, const unsigned char *has, uint32_t *parent)
{
	uint32_t n = 0;
	while (n < model->ndefs) {
		uint32_t fi = model->nodes[n].file_index, end = n, target = UINT32_MAX;
		int all_static = 1, several = 0;
		while (end < model->ndefs && model->nodes[end].file_index == fi)
			end++;
		if (!has[fi] || !model_path_is_header(model->tree->files[fi].path)) {
			n = end;
			continue;
		}
		for (uint32_t k = n; k < end; k++)
			if (model_node_is_entry(&model->nodes[k]) && !model->nodes[k].func->is_static)
				all_static = 0;
		for (uint32_t k = n; k < end && all_static && !several; k++)
			for (uint32_t e = model->out_start[k]; e < model->out_start[k + 1]; e++) {
				const struct model_node *t = &model->nodes[model->edges[e].to];
				if (!t->func || t->file_index == fi || !model_node_is_entry(t) || model_path_is_header(t->file->path))
					continue;
				if (target == UINT32_MAX)
					target = t->file_index;
				else if (target != t->file_index)
					several = 1;
			}
		if (all_static && !several && target != UINT32_MAX)
			parent[group_root(parent, fi)] = group_root(parent, target);
		n = end;
	}
}

/* Rules 1-3: merge on the globals the entry points use (and the static helpers of headers
 * they call), among the tree's globals (sorted by name, file) of files with entry points. */
static int group_merge_state(const struct model *model, const unsigned char *has, uint32_t *parent)
{
	const struct model_cls *cls = model->cls;
	struct model_global *glob = NULL;
	uint32_t nglob = 0, cap = 0;
	for (uint32_t i = 0; i < cls->nglobals; i++) {
		if (!has[cls->globals[i].file])
			continue;
		if (model_grow((void **)&glob, nglob, &cap, sizeof *glob)) {
			free(glob);
			return -1;
		}
		glob[nglob++] = cls->globals[i];
	}
	for (uint32_t n = 0; n < model->ndefs; n++) {
		const struct model_node *node = &model->nodes[n];
		if (!model_node_is_entry(node) || (node->flags & MODEL_NODE_WRAPPER))
			continue;
		for (uint32_t i = 0; i < node->func->nglobals_used; i++)
			group_merge_on(model, glob, nglob, parent, node->file_index, node->func->globals_used[i]);
		/* a static (inline) helper of a header is part of each includer: the state its
		 * body touches is the entry point's (mallocng's get_meta() reads ctx) */
		for (uint32_t e = model->out_start[n]; e < model->out_start[n + 1]; e++) {
			const struct model_node *t = &model->nodes[model->edges[e].to];
			if (!t->func || !t->func->is_static || !model_path_is_header(t->file->path))
				continue;
			for (uint32_t i = 0; i < t->func->nglobals_used; i++)
				group_merge_on(model, glob, nglob, parent, node->file_index, t->func->globals_used[i]);
		}
	}
	free(glob);
	return 0;
}

/* Rule 7: one function a file. An allocation entry point and the release of another file
 * of its folder that partner.c paired with it by name (model->cls->pair_files: `memget.c`
 * and `memfree.c`, their state defined in a third file) are one implementation, under
 * rules 2 and 3. */
static void group_join_pairs(const struct model *model, uint32_t *parent)
{
	const struct model_cls *cls = model->cls;
	for (uint32_t i = 0; i < cls->npairs; i++) {
		uint32_t a = cls->pair_files[2 * i], r = cls->pair_files[2 * i + 1];
		if (group_domains_agree(model, a, r) && model_unit_visible(model, a, r) && model_unit_visible(model, r, a) &&
		    !group_layered(model, parent, a, r))
			parent[group_root(parent, r)] = group_root(parent, a);
	}
}

/* Rule 5: an implementation hands memory out. A group with release entry points only
 * joins the one allocating group whose release entry points they forward their pointer to
 * (`free(p) { __libc_free(p); }` in a file of its own: a wrapper, folded under what it
 * forwards to); any other is no implementation, and its release functions are no entry
 * points (a destructor frees the parts of a structure; a release-only forwarder of an
 * allocator outside the tree). `has` loses the files left without entry points. */
static int group_release_only(struct model *model, unsigned char *has, uint32_t *parent)
{
	uint32_t nfiles = model->tree->nfiles;
	unsigned char *allocates = calloc((size_t)nfiles + 1, 1);
	uint32_t *target = malloc(((size_t)nfiles + 1) * sizeof *target);
	if (!allocates || !target) {
		free(allocates);
		free(target);
		return -1;
	}
	for (uint32_t i = 0; i < nfiles; i++)
		target[i] = UINT32_MAX;
	for (uint32_t n = 0; n < model->ndefs; n++) {
		const struct model_node *node = &model->nodes[n];
		if ((model_node_is_entry(node) && (node->flags & MODEL_NODE_ALLOC)) ||
		    (has[node->file_index] && node->func && (node->flags & (MODEL_NODE_BACKEND | MODEL_NODE_FREE)) == MODEL_NODE_BACKEND))
			allocates[group_root(parent, node->file_index)] = 1;
	}
	/* the allocating group each release-only group forwards to (UINT32_MAX - 1: several,
	 * or an entry point that forwards nowhere); a forwarder makes one release call (a
	 * destructor makes several: the parts, then the whole) */
	for (uint32_t n = 0; n < model->ndefs; n++) {
		const struct model_node *node = &model->nodes[n];
		uint32_t r = group_root(parent, node->file_index), to = UINT32_MAX, releases = 0;
		if (!model_node_is_entry(node) || allocates[r])
			continue;
		for (uint32_t e = model->out_start[n]; e < model->out_start[n + 1] && (node->sig & SIG_FWD_RELEASE); e++) {
			const struct model_node *t = &model->nodes[model->edges[e].to];
			uint32_t tr;
			if (!t->func || !(t->flags & MODEL_NODE_FREE) || !has[t->file_index])
				continue;
			releases += model->edges[e].count;
			tr = group_root(parent, t->file_index);
			if (tr != r && allocates[tr])
				to = to == UINT32_MAX || to == tr ? tr : UINT32_MAX - 1;
		}
		if (releases != 1)
			to = UINT32_MAX;
		if (to == UINT32_MAX || target[r] == UINT32_MAX - 1)
			target[r] = UINT32_MAX - 1;
		else
			target[r] = target[r] == UINT32_MAX || target[r] == to ? to : UINT32_MAX - 1;
	}
	for (uint32_t n = 0; n < model->ndefs; n++) {
		struct model_node *node = &model->nodes[n];
		uint32_t r = group_root(parent, node->file_index);
		if (!model_node_is_entry(node) || allocates[r] || target[r] < UINT32_MAX - 1)
			continue;
		node->flags &= ~(unsigned)(MODEL_NODE_ALLOC | MODEL_NODE_FREE | MODEL_NODE_WRAPPER);
		node->why = (node->flags & MODEL_NODE_BACKEND) ? node->why : NULL;
	}
	for (uint32_t i = 0; i < nfiles; i++) {
		uint32_t r = group_root(parent, i);
		if (!has[i] || allocates[r])
			continue;
		if (target[r] < UINT32_MAX - 1)
			parent[r] = group_root(parent, target[r]);
		else
			has[i] = 0;
	}
	free(allocates);
	free(target);
	return 0;
}

/* FNV-1a of a string into h (NULL as an empty string). */
static uint64_t group_hash_str(uint64_t h, const char *s)
{
	for (; s && *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return (h ^ 0xff) * 1099511628211ull;
}

/* A fingerprint of a file's live facts: its functions (names, types, parameters), their
 * calls (callees and argument text, whitespace already folded) and its file-scope
 * variables, lines left out. Files that differ only in whitespace and comments have the
 * same one. */
uint64_t model_file_facts_hash(const struct dig_file *f)
{
	uint64_t h = 14695981039346656037ull;
	for (uint32_t i = 0; i < f->nfuncs; i++) {
		const struct dig_func *fn = &f->funcs[i];
		if (fn->dead)
			continue;
		h = group_hash_str(group_hash_str(h, fn->name), fn->return_type);
		for (int k = 0; k < fn->nparams && fn->param_types; k++)
			h = group_hash_str(h, fn->param_types[k]);
	}
	for (uint32_t i = 0; i < f->ncalls; i++)
		if (!f->calls[i].dead)
			h = group_hash_str(group_hash_str(h, f->calls[i].callee), f->calls[i].args);
	for (uint32_t i = 0; i < f->nglobals; i++)
		if (!f->globals[i].dead)
			h = group_hash_str(group_hash_str(h, f->globals[i].name), f->globals[i].type);
	return h;
}

/* Are two strings equal (NULL equals NULL and "")? */
static int group_str_eq(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

/* The next live function (calls, globals) of f at or after *i; NULL at the end. */
static const struct dig_func *group_next_func(const struct dig_file *f, uint32_t *i)
{
	while (*i < f->nfuncs && f->funcs[*i].dead)
		(*i)++;
	return *i < f->nfuncs ? &f->funcs[(*i)++] : NULL;
}

/* Do two files hold the same live facts, lines aside (what model_file_facts_hash hashes)? */
int model_files_same(const struct dig_file *a, const struct dig_file *b)
{
	uint32_t i = 0, j = 0;
	const struct dig_func *x, *y;
	do {
		x = group_next_func(a, &i);
		y = group_next_func(b, &j);
		if (!x || !y)
			break;
		if (!group_str_eq(x->name, y->name) || !group_str_eq(x->return_type, y->return_type) ||
		    x->nparams != y->nparams)
			return 0;
		for (int k = 0; k < x->nparams && x->param_types && y->param_types; k++)
			if (!group_str_eq(x->param_types[k], y->param_types[k]))
				return 0;
	} while (1);
	if (x || y)
		return 0;
	for (i = 0, j = 0;; i++, j++) {
		while (i < a->ncalls && a->calls[i].dead)
			i++;
		while (j < b->ncalls && b->calls[j].dead)
			j++;
		if (i >= a->ncalls || j >= b->ncalls)
			break;
		if (!group_str_eq(a->calls[i].callee, b->calls[j].callee) || !group_str_eq(a->calls[i].args, b->calls[j].args))
			return 0;
	}
	if (i < a->ncalls || j < b->ncalls)
		return 0;
	for (i = 0, j = 0;; i++, j++) {
		while (i < a->nglobals && a->globals[i].dead)
			i++;
		while (j < b->nglobals && b->globals[j].dead)
			j++;
		if (i >= a->nglobals || j >= b->nglobals)
			break;
		if (!group_str_eq(a->globals[i].name, b->globals[j].name) || !group_str_eq(a->globals[i].type, b->globals[j].type))
			return 0;
	}
	return i >= a->nglobals && j >= b->nglobals;
}

/* A file with entry points and its facts' fingerprint (rule 6). */
struct group_print {
	uint64_t hash;
	uint32_t file;
};

/* Order fingerprints by hash, then file. */
static int group_print_cmp(const void *a, const void *b)
{
	const struct group_print *x = a, *y = b;
	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	return x->file < y->file ? -1 : x->file > y->file;
}

/* Rule 6: near-identical copies (the same facts, whitespace and comments aside: a vendored
 * or a second port's copy of an allocator's file) are one implementation, its copies
 * listed (impl.c). Each file with entry points joins the first earlier file of the same
 * facts. */
static int group_copies(const struct model *model, const unsigned char *has, uint32_t *parent)
{
	const struct dig_tree *tree = model->tree;
	struct group_print *p = malloc(((size_t)tree->nfiles + 1) * sizeof *p);
	uint32_t n = 0;
	if (!p)
		return -1;
	for (uint32_t fi = 0; fi < tree->nfiles; fi++)
		if (has[fi]) {
			p[n].hash = model_file_facts_hash(&tree->files[fi]);
			p[n++].file = fi;
		}
	if (n)
		qsort(p, n, sizeof *p, group_print_cmp);
	for (uint32_t i = 1; i < n; i++)
		for (uint32_t k = i; k-- > 0 && p[k].hash == p[i].hash;)
			if (model_files_same(&tree->files[p[k].file], &tree->files[p[i].file])) {
				parent[group_root(parent, p[i].file)] = group_root(parent, p[k].file);
				break;
			}
	free(p);
	return 0;
}

/* Group files with entry points into implementations. */
int model_group_files(struct model *model, uint32_t **group_of_file, uint32_t *ngroups)
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
		if (model_node_is_entry(&model->nodes[n]))
			has[model->nodes[n].file_index] = 1;
	group_headers_join(model, has, parent);
	group_join_pairs(model, parent);
	if (group_merge_state(model, has, parent) || group_release_only(model, has, parent) ||
	    group_copies(model, has, parent)) {
		free(parent);
		free(has);
		free(group);
		return -1;
	}
	for (uint32_t i = 0; i < nfiles; i++)
		group[i] = UINT32_MAX;
	for (uint32_t i = 0; i < nfiles; i++) {
		uint32_t r;
		if (!has[i])
			continue;
		r = group_root(parent, i);
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


/*
 * dig/model/impl.c: the implementations: which functions belong to each, and each one's
 * name, domain and backend chain, decided from the entry points' shapes, the folder
 * words and the calls, with the deciding signal kept as text ("why") for the report.
 *
 * 1. Members. Each file group (group.c) is one implementation. Its entry points belong to
 *    it, and so do its helpers: the functions of its files that its entry points reach
 *    inside them, and those that use its files' static variables.
 * 2. Name. The main entry point (impl_main_entry: public, allocating, most called), with
 *    its file: "<entry> @ <path>".
 * 3. Domain. The folder words of its files, the main entry point's first; else what its
 *    functions call (kernel or user primitives).
 * 4. Role: role.c, after the chain.
 * 5. Backend chain. From the main entry point, repeatedly take where what the entry point
 *    at hand hands out comes from (flow.c: the call whose value it returns or stores
 *    through a pointer parameter, followed through its helpers; a public allocation entry
 *    point of the same implementation it forwards to is a hop of its own, `g_malloc0_n ->
 *    g_malloc0 -> calloc`, but not the entry's worker half, `_X` or `X_unlocked`, nor a
 *    static worker: impl_chain_accept), else the most-called
 *    allocation target outside the current implementation on its paths (another
 *    implementation's allocating entry point, a backend, an external allocation name, or a
 *    definition in no implementation whose name says allocate: `int bus_dmamem_alloc(...)`
 *    returning a status); where it hands out from several (a small path to a zone, a large
 *    one to pages) the most-called of them. Until a backend, an external, a cycle or eight
 *    hops; a chain that ends at an ambiguous call to an allocator says so.
 * 6. Order. Once the features are in (features.c), the implementations are sorted by name
 *    and numbered ("impl1" ...), their members by name, path, line (model_impls_sort).
 */
#include <stdlib.h>
#include <string.h>

#include "dig/model/model_impl.h"
#include "dig/scan/scan.h"

/* Append a node index to a model-owned growable list. */
static int impl_push(uint32_t **arr, uint32_t *n, uint32_t *cap, uint32_t v)
{
	if (model_grow((void **)arr, *n, cap, sizeof **arr))
		return -1;
	(*arr)[(*n)++] = v;
	return 0;
}

/* Is the node an allocating (not release-only) entry point or backend? */
static int impl_allocating(const struct model_node *t)
{
	if (t->flags & MODEL_NODE_ALLOC)
		return 1;
	if (t->flags & MODEL_NODE_FREE)
		return 0;
	return (t->flags & MODEL_NODE_BACKEND) != 0;
}

/* Is member `to` of implementation `impl` called from outside it? */
static int impl_called_from_outside(const struct model *model, int impl, uint32_t to)
{
	for (uint32_t i = model->in_start[to]; i < model->in_start[to + 1]; i++)
		if (model->nodes[model->edges[model->in_edges[i]].from].impl != impl)
			return 1;
	return 0;
}

/* Is `to` an allocation target seen from implementation `impl`? A member of impl itself
 * is one only when it is a memory source in its own right: a backend the grouping put
 * beside its allocator that code outside the implementation calls too
 * (`__get_free_pages` in the allocator's file); a growth helper only the implementation
 * calls (`morecore` over sbrk) is looked through. A definition in no implementation whose
 * name says allocate is one too, as an external of that name would be: an allocator whose
 * shape the classification did not take (a status code and out-parameters: `int
 * bus_dmamem_alloc(tag, size, ..., segs, nsegs, &rsegs, flags)`), which the chain names
 * and ends at; not one that only computes what it returns from its arguments
 * (`alloc_area_of_block(b)` returning b plus its header's size), nor one that takes the
 * handle the entry point takes first (`block_allocate(heap, block, begin, size)` below
 * `heap_allocate(heap, size)`): it works the same allocator's state, a helper of it the
 * grouping put in another file. Such a definition, or an outside name, that every call in the tree makes
 * for its effect alone (a statement of its own, no address among its arguments:
 * `vApplicationMallocFailedHook();` on a failure path) hands nothing out, whatever its
 * name says. */
static int impl_lower_target(const struct model *model, const struct impl_walk *w, int impl, uint32_t to)
{
	const struct model_node *t = &model->nodes[to];
	if ((!t->func || t->impl < 0) && !w->valued[to])
		return 0;          /* a name whose value no call uses is a hook, no source */
	if (t->impl == impl && t->func)
		return (t->flags & MODEL_NODE_BACKEND) && impl_allocating(t) && impl_called_from_outside(model, impl, to);
	if (t->impl >= 0 && t->func)
		return impl_allocating(t);
	if (t->flags & MODEL_NODE_BACKEND)
		return !(t->flags & MODEL_NODE_FREE);
	if (t->flags & MODEL_NODE_EXTERNAL)
		return (t->sig & SIG_NAME_ALLOC) && !(t->sig & SIG_LOCKNAME);
	if (t->func && !(t->flags & (MODEL_NODE_FREE | MODEL_NODE_TEST)))
		return (t->sig & SIG_NAME_ALLOC) && !(t->sig & (SIG_LOCKNAME | SIG_NAME_FREE)) &&
		       !model_computes_only(model, to) && !(w->entry < model->ndefs && model_same_handle(model, w->entry, to));
	return 0;
}

static uint32_t impl_main_entry(const struct model *model, const uint32_t *members, uint32_t nmembers);

/* Is node n the main entry point of its implementation? */
static int impl_is_main(const struct model *model, uint32_t n)
{
	const struct model_node *t = &model->nodes[n];
	const struct model_impl *impl;
	if (!t->func || t->impl < 0 || (uint32_t)t->impl >= model->nimpls)
		return 0;
	impl = &model->impls[t->impl];
	return impl->nnodes && impl_main_entry(model, impl->nodes, impl->nnodes) == n;
}

/* A lower target of an implementation's allocating side, with the calls made to it. */
struct impl_hop {
	uint32_t to;              /* the target node */
	uint32_t own;             /* calls to it */
	uint32_t seq;             /* when it was first met (members, then edges, in order) */
	int32_t to_impl;          /* its implementation, or -1 (an outside node) */
	uint32_t key;             /* own, or for an implementation the calls to all its targets */
	int main;                 /* impl_is_main(to), -1 until asked */
};

/* Order hops by target, then by first meeting. */
static int impl_hop_by_to(const void *a, const void *b)
{
	const struct impl_hop *x = a, *y = b;
	if (x->to != y->to)
		return x->to < y->to ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/* Order hops by implementation. */
static int impl_hop_by_impl(const void *a, const void *b)
{
	const struct impl_hop *x = a, *y = b;
	if (x->to_impl != y->to_impl)
		return x->to_impl < y->to_impl ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/* Order hops by first meeting. */
static int impl_hop_by_seq(const void *a, const void *b)
{
	const struct impl_hop *x = a, *y = b;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/* The most-called lower target of an implementation's allocating side, or -1. Calls into
 * another implementation are summed over its entry points; order: that sum (or the count
 * of an outside node), an implementation before an outside node, the node's own count,
 * the implementation's main entry, the name; the first met wins a full tie. The calls are
 * summed once per target and once per implementation (sorting), so an implementation of
 * many members with many targets costs E log E in its edges, not E squared. */
static int32_t impl_next_hop(const struct model *model, const struct impl_walk *w, int impl, const uint32_t *members,
                             uint32_t nmembers)
{
	struct impl_hop *h = NULL;
	uint32_t n = 0, cap = 0, u = 0;
	int32_t best = -1;

	for (uint32_t i = 0; i < nmembers; i++) {
		uint32_t m = members[i];
		const struct model_node *src = &model->nodes[m];
		if ((src->flags & MODEL_NODE_FREE) && !(src->flags & MODEL_NODE_ALLOC))
			continue;
		for (uint32_t e = model->out_start[m]; e < model->out_start[m + 1]; e++) {
			uint32_t to = model->edges[e].to;
			if (!impl_lower_target(model, w, impl, to))
				continue;
			if (n == cap) {
				uint32_t ncap = cap ? cap * 2 : 64;
				struct impl_hop *g = realloc(h, (size_t)ncap * sizeof *g);
				if (!g) {
					free(h);
					return -1;   /* out of memory: no chain past here */
				}
				h = g;
				cap = ncap;
			}
			h[n] = (struct impl_hop){ to, model->edges[e].count, n, -1, 0, -1 };
			if (model->nodes[to].func && model->nodes[to].impl >= 0)
				h[n].to_impl = model->nodes[to].impl;
			n++;
		}
	}
	if (n == 0) {
		free(h);
		return -1;
	}
	/* one hop per target, its calls summed, its first meeting kept */
	qsort(h, n, sizeof *h, impl_hop_by_to);
	for (uint32_t i = 0; i < n; i++) {
		if (u && h[u - 1].to == h[i].to) {
			h[u - 1].own += h[i].own;
			continue;
		}
		h[u++] = h[i];
	}
	/* an implementation's key: the calls to every target of it */
	qsort(h, u, sizeof *h, impl_hop_by_impl);
	for (uint32_t a = 0; a < u;) {
		uint32_t b = a + 1, sum = h[a].own;
		while (b < u && h[b].to_impl == h[a].to_impl)
			sum += h[b++].own;
		for (uint32_t i = a; i < b; i++)
			h[i].key = h[i].to_impl >= 0 ? sum : h[i].own;
		a = b;
	}
	qsort(h, u, sizeof *h, impl_hop_by_seq);
	struct impl_hop *pick = NULL;
	for (uint32_t i = 0; i < u; i++) {
		struct impl_hop *c = &h[i];
		int better, is_impl = c->to_impl >= 0;
		if (!pick)
			better = 1;
		else if (c->key != pick->key)
			better = c->key > pick->key;
		else if (is_impl != (pick->to_impl >= 0))
			better = is_impl;
		else if (c->own != pick->own)
			better = c->own > pick->own;
		else {
			if (is_impl && c->main < 0)
				c->main = impl_is_main(model, c->to);
			if (is_impl && pick->main < 0)
				pick->main = impl_is_main(model, pick->to);
			if (is_impl && c->main != pick->main)
				better = c->main; /* name the implementation by its main entry */
			else
				better = strcmp(model->nodes[c->to].name, model->nodes[pick->to].name) < 0;
		}
		if (better)
			pick = c;
	}
	best = (int32_t)pick->to;
	free(h);
	return best;
}

/* The implementation's main entry point, the public name that represents it: among public
 * allocating entry points that are no wrapper found with no verb (else any allocating one,
 * else a memory source it defines, else any entry point), the one with the
 * most call sites resolved to it (what its callers call it), then one that is not a
 * wrapper, then the most ambiguous call sites listing it,
 * then the shortest name, then the first in name order. */
static uint32_t impl_main_entry(const struct model *model, const uint32_t *members, uint32_t nmembers)
{
	int32_t best = -1;
	for (int pass = 0; pass < 4 && best < 0; pass++) {
		for (uint32_t i = 0; i < nmembers; i++) {
			const struct model_node *n = &model->nodes[members[i]];
			/* a wrapper found with no verb (a dup) comes after the named entry points */
			int ok = pass == 0 ? (n->flags & MODEL_NODE_ALLOC) && !n->func->is_static && !(n->sig & SIG_FOUND_WRAPPER)
			       : pass == 1 ? (n->flags & MODEL_NODE_ALLOC) != 0
			       : pass == 2 ? impl_allocating(n)
			                   : (n->flags & (MODEL_NODE_ALLOC | MODEL_NODE_FREE)) != 0;
			const struct model_node *b;
			size_t nl, bl;
			int nw, bw;
			if (!ok)
				continue;
			if (best < 0) {
				best = (int32_t)members[i];
				continue;
			}
			b = &model->nodes[best];
			nl = strlen(n->name);
			bl = strlen(b->name);
			nw = (n->flags & MODEL_NODE_WRAPPER) != 0;
			bw = (b->flags & MODEL_NODE_WRAPPER) != 0;
			if (n->func->is_static != b->func->is_static) {
				if (!n->func->is_static)
					best = (int32_t)members[i];
			} else if (n->calls_in != b->calls_in) {
				if (n->calls_in > b->calls_in)
					best = (int32_t)members[i];
			} else if (nw != bw) {
				if (!nw)
					best = (int32_t)members[i];
			} else if (n->calls_maybe != b->calls_maybe) {
				if (n->calls_maybe > b->calls_maybe)
					best = (int32_t)members[i];
			} else if (nl != bl ? nl < bl : strcmp(n->name, b->name) < 0) {
				best = (int32_t)members[i];
			}
		}
	}
	return best < 0 ? members[0] : (uint32_t)best;
}

/* Domain: folder words of its files, else what its functions call. */
static void impl_domain(struct model *model, struct model_impl *impl, const uint32_t *members, uint32_t nmembers)
{
	uint32_t kcalls = 0, ucalls = 0;
	const char *kwhy = NULL, *uwhy = NULL;
	int at_root = 0;
	const char *main_file = model->nodes[impl_main_entry(model, members, nmembers)].file->path;
	for (uint32_t i = 0; i <= impl->nfiles; i++) {
		/* the main entry point's file first, then the others */
		const char *path = i == 0 ? main_file : impl->files[i - 1];
		const char *why;
		int d;
		if (i > 0 && strcmp(path, main_file) == 0)
			continue;
		d = model_path_domain(model, path, &why);
		if (d == MODEL_DOMAIN_ROOT) {
			at_root = 1;
			continue;
		}
		if (d >= 0) {
			impl->domain = (enum model_domain)d;
			impl->domain_why = model_mem_printf(model, "%s in %s", why, path);
			return;
		}
	}
	for (uint32_t i = 0; i < nmembers; i++)
		for (uint32_t e = model->out_start[members[i]]; e < model->out_start[members[i] + 1]; e++) {
			const char *name = model->nodes[model->edges[e].to].name;
			if (model_vocab_match(model->vocab, VOCAB_KERNEL_CALL, name)) {
				kcalls++;
				if (!kwhy)
					kwhy = name;
			} else if (model_vocab_match(model->vocab, VOCAB_USER_CALL, name)) {
				ucalls++;
				if (!uwhy)
					uwhy = name;
			}
		}
	if (kcalls > ucalls) {
		impl->domain = MODEL_DOMAIN_KERNEL;
		impl->domain_why = model_mem_printf(model, "%s; calls kernel primitives (%s)",
		                                    at_root ? "at the root of the tree" : "no folder word", kwhy);
	} else if (at_root && model->nodes[impl_main_entry(model, members, nmembers)].domain == MODEL_DOMAIN_KERNEL) {
		/* its own functions call no primitive, but the file it lives in does (xv6's vm.c):
		 * the file's domain, as classify decided it from all of the file's calls */
		impl->domain = MODEL_DOMAIN_KERNEL;
		impl->domain_why = model_mem_printf(model, "at the root of the tree; %s calls kernel primitives", main_file);
	} else if (at_root) {
		impl->domain = MODEL_DOMAIN_ROOT;
		impl->domain_why = "file at the root of the tree, no kernel primitive called";
	} else if (ucalls) {
		impl->domain = MODEL_DOMAIN_USER;
		impl->domain_why = model_mem_printf(model, "no folder word; calls user-space primitives (%s)", uwhy);
	} else {
		impl->domain = MODEL_DOMAIN_USER;
		impl->domain_why = "no folder word and no kernel primitive: a library";
	}
}

/* Reach `to` in the walk (once). */
static void impl_walk_add(struct impl_walk *w, uint32_t to)
{
	if (w->stamp[to] == w->now)
		return;
	w->stamp[to] = w->now;
	w->set[w->nset++] = to;
}

/* The members of implementation `impl` on the paths of entry point `entry`, level by level
 * (breadth first) into w: the entry and its same-name twins of the implementation (one
 * entry point built two ways under #if: each build's body is one of its paths) first, then
 * every member they reach through calls that stay inside the implementation (helpers, the
 * other entry points they call), one call deeper per level. */
static void impl_entry_paths(const struct model *model, struct impl_walk *w, int impl, uint32_t entry)
{
	const struct model_node *e = &model->nodes[entry];
	w->entry = entry;
	w->now++;
	w->nset = 0;
	w->nlevels = 0;
	impl_walk_add(w, entry);
	for (uint32_t n = model_defs_of_file(model, e->file_index); n < model->ndefs && model->nodes[n].file_index == e->file_index; n++)
		if (model->nodes[n].impl == impl && strcmp(model->nodes[n].name, e->name) == 0)
			impl_walk_add(w, n);
	w->level[0] = 0;
	while (w->nlevels < IMPL_WALK_LEVELS && w->level[w->nlevels] < w->nset) {
		uint32_t from = w->level[w->nlevels], to = w->nset;
		w->level[++w->nlevels] = to;
		for (uint32_t i = from; i < to; i++)
			for (uint32_t k = model->out_start[w->set[i]]; k < model->out_start[w->set[i] + 1]; k++) {
				uint32_t t = model->edges[k].to;
				if (t < model->ndefs && model->nodes[t].impl == impl)
					impl_walk_add(w, t);
			}
	}
	w->level[w->nlevels + 1] = w->nset;
}

/* A source of what an entry point hands out (model_flow_source): a lower target, or any
 * allocating function of another implementation (`pool_get`, a helper of the pool
 * allocator, is where `return pool_get(&pool, flags)` gets its memory). */
static int impl_flow_accept(const struct model *model, const void *ctx, int impl, uint32_t to)
{
	const struct model_node *t = &model->nodes[to];
	if (t->func && t->impl >= 0 && t->impl != impl && !(t->flags & MODEL_NODE_TEST))
		return !((t->flags & MODEL_NODE_FREE) && !(t->flags & MODEL_NODE_ALLOC));
	/* a public helper of this implementation that code outside it calls for memory, to
	 * which the entry only forwards (`return pool_get(&psppool, flags)` beside pool_get in
	 * subr_pool.c): an allocator of its own the grouping put beside this one */
	if (t->func && t->impl == impl && !t->func->is_static && !(t->flags & (MODEL_NODE_ALLOC | MODEL_NODE_FREE)) &&
	    (t->func->returns_pointer || (t->sig & SIG_RET_MEM)) && impl_called_from_outside(model, impl, to))
		return MODEL_FLOW_ALONE;
	/* a macro the tree defines only where this file does not see it (one per machine:
	 * `PMAP_ALLOC_POOLPAGE`) has lost its name's signals (classify.c); a value that
	 * becomes the output still comes from it when its name says allocate */
	if (!t->func && !(t->sig & (SIG_NAME_ALLOC | SIG_NAME_FREE | SIG_LOCKNAME)) &&
	    model_vocab_match(model->vocab, VOCAB_ALLOC, t->name) && !model_vocab_match(model->vocab, VOCAB_FREE, t->name) &&
	    !model_vocab_match(model->vocab, VOCAB_NOT_ALLOC, t->name))
		return 1;
	return impl_lower_target(model, ctx, impl, to);
}

/* Is `worker` the unlocked or inner half of the API `entry` names (`_X`, `do_X`, `X_unlocked`,
 * `X_locked`, `X_nolock`: the same name with a worker's decoration), which works the same
 * state under the entry's lock or set-up? */
static int impl_worker_half(const char *entry, const char *worker)
{
	static const char *const tails[] = { "_unlocked", "_locked", "_nolock" };
	size_t n, e;
	while (*worker == '_')
		worker++;
	while (*entry == '_')
		entry++;
	if (strncmp(worker, "do_", 3) == 0)
		worker += 3;
	n = strlen(worker);
	e = strlen(entry);
	for (size_t i = 0; i < sizeof tails / sizeof *tails; i++) {
		size_t t = strlen(tails[i]);
		if (n == e + t && strcmp(worker + e, tails[i]) == 0)
			n = e;
	}
	return n == e && strncmp(worker, entry, e) == 0;
}

/* Does definition n take a lock itself (a call of the lock vocabulary: `mtx_lock(uh->mtx)`)?
 * Then what it calls under the lock is its worker on the same state. */
static int impl_takes_lock(const struct model *model, uint32_t n)
{
	for (uint32_t e = model->out_start[n]; e < model->out_start[n + 1]; e++)
		if (model_vocab_lock(model->vocab, model->nodes[model->edges[e].to].name))
			return 1;
	return 0;
}

/* A source of the chain's next hop (impl_entry_hop): what impl_flow_accept takes, or a public
 * allocation entry point of the same implementation the entry at hand forwards to (bench's
 * rule: a function over a public entry of its own allocator, `calloc` over `malloc`,
 * `g_malloc0_n` over `g_malloc0`, is a wrapper whose first link is that entry). Only for an
 * entry that is a wrapper: an allocator that keeps state works its own parts (mallocng's
 * malloc calling its `__malloc_alloc_meta` for a group's record). Public: not static, an
 * allocating entry point (not only a release), called from outside the implementation, and
 * not the entry's own worker: its worker half (impl_worker_half: `_X`, `X_unlocked`), or
 * what an entry that takes a lock calls under it (`alloc_unr` over `alloc_unrl`), whose
 * memory the chain looks through. */
static int impl_chain_accept(const struct model *model, const void *ctx, int impl, uint32_t to)
{
	const struct impl_walk *w = ctx;
	const struct model_node *t = &model->nodes[to];
	int ok = impl_flow_accept(model, ctx, impl, to);
	if (ok || !t->func || t->impl != impl || w->entry >= model->ndefs ||
	    !(model->nodes[w->entry].flags & MODEL_NODE_WRAPPER) || t->func->is_static ||
	    !(t->flags & MODEL_NODE_ALLOC) || (t->flags & MODEL_NODE_TEST) ||
	    strcmp(t->name, model->nodes[w->entry].name) == 0 || impl_worker_half(model->nodes[w->entry].name, t->name) ||
	    impl_takes_lock(model, w->entry))
		return ok;
	return impl_called_from_outside(model, impl, to);
}

/* The next hop from entry point `at` of implementation `impl`: where what it hands out
 * comes from (model_flow_source, from the entry and its same-name twins), else the
 * most-called lower target of the shallowest level of its paths that calls one (its own
 * body first, then the helpers it calls ...), or -1. A source that is a call with several
 * candidates ends the chain there: *amb gets it. */
static int32_t impl_entry_hop(const struct model *model, struct impl_walk *w, int impl, uint32_t at,
                              const struct model_call **amb)
{
	struct model_flow_ask ask = { impl_chain_accept, w };
	struct model_flow_pick pick = { -1, { 0 }, 0, NULL };
	int32_t path = -1;
	impl_entry_paths(model, w, impl, at);
	*amb = NULL;
	/* the entry and its twins (one entry point built two ways): the sources of all */
	for (uint32_t i = w->level[0]; i < w->level[1]; i++) {
		struct model_flow_pick one;
		if (!model->nodes[w->set[i]].func || !model_flow_source(model, w->set[i], impl, &ask, &one))
			continue;
		if (!pick.amb)
			pick.amb = one.amb;
		for (uint32_t k = 0; k < one.n; k++) {
			uint32_t j = 0;
			while (j < pick.n && pick.nodes[j] != one.nodes[k])
				j++;
			if (j == pick.n && pick.n < MODEL_FLOW_SET)
				pick.nodes[pick.n++] = one.nodes[k];
		}
		if (pick.node < 0 && one.n)
			pick.node = one.node;
	}
	if (pick.n == 1)
		return pick.node;
	for (uint32_t d = 0; d <= w->nlevels && path < 0; d++)
		if (w->level[d + 1] > w->level[d])
			path = impl_next_hop(model, w, impl, w->set + w->level[d], w->level[d + 1] - w->level[d]);
	if (pick.n) {
		for (uint32_t k = 0; k < pick.n; k++)
			if (pick.nodes[k] == path)
				return path;   /* several sources: the paths' ranking picks */
		/* a function in no implementation that fills an address (`checked_mul(&len, n,
		 * size)` before `return mem_alloc0(len)`) is a weaker source than an allocator
		 * beside it */
		if (!impl_chain_accept(model, w, impl, (uint32_t)pick.node))
			for (uint32_t k = 0; k < pick.n; k++)
				if (impl_chain_accept(model, w, impl, (uint32_t)pick.nodes[k]))
					return pick.nodes[k];
		return pick.node;
	}
	if (pick.amb) {
		*amb = pick.amb;
		return -1;
	}
	return path;
}

/* Chain, direct lower targets, self-containment and static arena size. The chain follows
 * entry points: each hop is the most-called lower target on the paths of the entry point
 * the chain is at (the main entry point first, then the entry point of the next
 * implementation that the hop named), not of its whole implementation. */
static int impl_chain(struct model *model, struct impl_walk *w, int index, const uint32_t *members,
                      uint32_t nmembers)
{
	struct model_impl *impl = &model->impls[index];
	uint32_t cap = 0, bcap = 0;
	uint32_t main_entry = impl_main_entry(model, members, nmembers), at = main_entry;
	int cur = index;
	unsigned char *seen = calloc((size_t)model->nimpls + 1, 1);

	if (!seen)
		return -1;
	if (impl_push(&impl->chain, &impl->nchain, &cap, main_entry)) {
		free(seen);
		return -1;
	}
	seen[cur] = 1;
	for (int hop = 0; hop < 8; hop++) {
		const struct model_call *amb;
		int32_t next = impl_entry_hop(model, w, cur, at, &amb);
		const struct model_node *t;
		int again = 0;
		if (next < 0) {
			if (amb) {
				impl->chain_ambiguous = model_call_callee(model, amb);
				impl->chain_ambiguous_cands = amb->ncands;
			}
			break;
		}
		t = &model->nodes[next];
		for (uint32_t i = 0; i < impl->nchain; i++)
			again |= impl->chain[i] == (uint32_t)next;
		/* back into an implementation already on the chain (but for a memory source of the
		 * current one, which the chain enters once): a cycle */
		if (again || (t->impl >= 0 && t->func && seen[t->impl] && t->impl != cur))
			break;
		if (impl_push(&impl->chain, &impl->nchain, &cap, (uint32_t)next)) {
			free(seen);
			return -1;
		}
		if (t->impl < 0 || !t->func)
			break;
		seen[t->impl] = 1;
		cur = t->impl;
		at = (uint32_t)next;
	}
	free(seen);
	/* the implementation's own lower targets, seen from its main entry point (the chain's
	 * hops left the walk at the last entry point they visited) */
	w->entry = main_entry;
	for (uint32_t i = 0; i < nmembers; i++)
		for (uint32_t e = model->out_start[members[i]]; e < model->out_start[members[i] + 1]; e++) {
			uint32_t to = model->edges[e].to;
			int dup = 0;
			if (!impl_lower_target(model, w, index, to) && !((model->nodes[to].flags & MODEL_NODE_FREE) &&
			                                             model->nodes[to].impl != index && model->nodes[to].impl >= 0))
				continue;
			for (uint32_t j = 0; j < impl->nbackends; j++)
				dup |= impl->backends[j] == to;
			if (!dup && impl_push(&impl->backends, &impl->nbackends, &bcap, to))
				return -1;
		}
	/* the chain ends inside the tree: does the last entry point's allocating side make an
	 * ambiguous call to an allocator? Then the chain goes on, we just cannot say where */
	{
		const struct model_node *last = &model->nodes[impl->chain[impl->nchain - 1]];
		if (last->func && last->impl >= 0) {
			const uint32_t *mem = w->set;
			uint32_t nmem;
			impl_entry_paths(model, w, last->impl, impl->chain[impl->nchain - 1]);
			nmem = w->nset;
			for (uint32_t i = 0; i < nmem && !impl->chain_ambiguous; i++) {
				const struct model_node *src = &model->nodes[mem[i]];
				uint32_t na;
				const uint32_t *amb;
				if ((src->flags & MODEL_NODE_FREE) && !(src->flags & MODEL_NODE_ALLOC))
					continue;
				amb = model_amb_calls(model, mem[i], &na);
				for (uint32_t j = 0; j < na && !impl->chain_ambiguous; j++) {
					const struct model_call *mc = &model->calls[amb[j]];
					for (uint32_t c = 0; c < mc->ncands; c++)
						if (impl_lower_target(model, w, last->impl, model_call_cands(model, mc)[c])) {
							impl->chain_ambiguous = model_call_callee(model, mc);
							impl->chain_ambiguous_cands = mc->ncands;
							break;
						}
				}
			}
		}
	}
	for (uint32_t i = 0; i < impl->nfiles; i++) {
		const struct dig_file *f = NULL;
		for (uint32_t k = 0; k < nmembers && !f; k++)
			if (strcmp(model->nodes[members[k]].file->path, impl->files[i]) == 0)
				f = model->nodes[members[k]].file;
		if (!f)
			continue;
		for (uint32_t j = 0; j < f->nglobals; j++) {
			const struct dig_global *g = &f->globals[j];
			if (!g->dead && g->is_array && !g->is_extern && g->array_bytes > impl->arena_bytes)
				impl->arena_bytes = g->array_bytes;
		}
	}
	return 0;
}

/* 1. Members: entry points go to their file's group. */
static void impl_entries_assign(struct model *model, const uint32_t *group)
{
	for (uint32_t n = 0; n < model->ndefs; n++)
		if (model_node_is_entry(&model->nodes[n]))
			model->nodes[n].impl = (int)group[model->nodes[n].file_index];
}

/* 1. Members: helpers are the functions of the impl's files that its entry points reach
 * inside them, or that use its files' static variables (stack: nnodes slots). */
static void impl_helpers(struct model *model, const uint32_t *group, uint32_t *stack)
{
	uint32_t top = 0;
	for (uint32_t n = 0; n < model->ndefs; n++) {
		struct model_node *node = &model->nodes[n];
		/* a memory source defined in an implementation's file is its member, called by
		 * its entry points or not (`__get_free_pages` beside free_pages) */
		if (node->impl < 0 && impl_allocating(node) && !(node->flags & MODEL_NODE_TEST) &&
		    group[node->file_index] != UINT32_MAX) {
			node->impl = (int)group[node->file_index];
			node->flags |= MODEL_NODE_HELPER;
		}
		if (node->impl >= 0)
			stack[top++] = n;
	}
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


/* The copies of implementation g (model_impl.copies): its files whose facts equal an
 * earlier file's of it (near-identical copies the grouping joined), then the tree's
 * byte-identical copies of its files (orig[fi]: the file fi is a copy of, or UINT32_MAX);
 * sorted. Returns -1 when out of memory. */
static int impl_copies(struct model *model, struct model_impl *impl, const uint32_t *group, uint32_t g,
                       const uint32_t *orig)
{
	const struct dig_tree *tree = model->tree;
	uint32_t *mine = malloc(((size_t)impl->nfiles + 1) * sizeof *mine), n = 0, cap = 0;
	uint64_t *hash = malloc(((size_t)impl->nfiles + 1) * sizeof *hash);   /* of mine[k] */
	int rc = -1;
	if (!mine || !hash)
		goto out;
	for (uint32_t fi = 0; fi < tree->nfiles; fi++) {
		if (group[fi] == g) {
			uint64_t h = model_file_facts_hash(&tree->files[fi]);
			int copy = 0;
			for (uint32_t k = 0; k < n && !copy; k++)
				copy = hash[k] == h && model_files_same(&tree->files[mine[k]], &tree->files[fi]);
			if (copy && model_grow((void **)&impl->copies, impl->ncopies, &cap, sizeof *impl->copies))
				goto out;
			if (copy)
				impl->copies[impl->ncopies++] = tree->files[fi].path;
			hash[n] = h;
			mine[n++] = fi;
		} else if (orig[fi] != UINT32_MAX && group[orig[fi]] == g) {
			if (model_grow((void **)&impl->copies, impl->ncopies, &cap, sizeof *impl->copies))
				goto out;
			impl->copies[impl->ncopies++] = tree->files[fi].path;
		}
	}
	if (impl->ncopies)
		qsort(impl->copies, impl->ncopies, sizeof *impl->copies, model_str_cmp);
	rc = 0;
out:
	free(mine);
	free(hash);
	return rc;
}

/* Create the implementations (group order) with their members, files and sizes, name,
 * domain and role. members[g] lists group g's nodes. */
static int impl_create(struct model *model, const uint32_t *group, uint32_t ngroups,
                       uint32_t **members, const uint32_t *nmembers)
{
	const struct dig_tree *tree = model->tree;
	/* per file, the file it is a byte-identical copy of (UINT32_MAX: none), found once */
	uint32_t *orig = malloc(((size_t)tree->nfiles + 1) * sizeof *orig);
	int rc = -1;
	model->impls = model_mem_alloc(model, ((size_t)ngroups + 1) * sizeof *model->impls);
	if (!model->impls || !orig)
		goto out;
	for (uint32_t fi = 0; fi < tree->nfiles; fi++)
		orig[fi] = tree->files[fi].copy_of ? dig_tree_find(tree, tree->files[fi].copy_of) : UINT32_MAX;
	model->nimpls = ngroups;
	for (uint32_t g = 0; g < ngroups; g++) {
		struct model_impl *impl = &model->impls[g];
		uint32_t fcap = 0, m;
		impl->nodes = model_mem_alloc(model, ((size_t)nmembers[g] + 1) * sizeof *impl->nodes);
		if (!impl->nodes)
			goto out;
		memcpy(impl->nodes, members[g], nmembers[g] * sizeof *impl->nodes);
		impl->nnodes = nmembers[g];
		for (uint32_t fi = 0; fi < model->tree->nfiles; fi++) {
			if (group[fi] != g)
				continue;
			if (model_grow((void **)&impl->files, impl->nfiles, &fcap, sizeof *impl->files))
				goto out;
			impl->files[impl->nfiles++] = model->tree->files[fi].path;
			impl->loc += model->tree->files[fi].loc;
		}
		for (uint32_t i = 0; i < impl->nnodes; i++)
			impl->func_loc += model->nodes[impl->nodes[i]].func->loc;
		if (impl_copies(model, impl, group, g, orig))
			goto out;
		m = impl_main_entry(model, impl->nodes, impl->nnodes);
		impl->name = model_mem_printf(model, "%s @ %s", model->nodes[m].name, model->nodes[m].file->path);
		impl_domain(model, impl, impl->nodes, impl->nnodes);
	}
	rc = 0;
out:
	free(orig);
	return rc;
}

/* Move an implementation's malloc'd lists (files, chain, backends) onto the model's arena. */
static int impl_lists_settle(struct model *model, struct model_impl *impl)
{
	const char **copies = model_mem_alloc(model, ((size_t)impl->ncopies + 1) * sizeof *copies);
	const char **files = model_mem_alloc(model, ((size_t)impl->nfiles + 1) * sizeof *files);
	uint32_t *chain = model_mem_alloc(model, ((size_t)impl->nchain + 1) * sizeof *chain);
	uint32_t *backends = model_mem_alloc(model, ((size_t)impl->nbackends + 1) * sizeof *backends);
	if (!copies || !files || !chain || !backends)
		return -1;
	if (impl->ncopies)
		memcpy(copies, impl->copies, impl->ncopies * sizeof *copies);
	free(impl->copies);
	impl->copies = copies;
	memcpy(files, impl->files, impl->nfiles * sizeof *files);
	memcpy(chain, impl->chain, impl->nchain * sizeof *chain);
	if (impl->nbackends)
		memcpy(backends, impl->backends, impl->nbackends * sizeof *backends);
	free(impl->files);
	free(impl->chain);
	free(impl->backends);
	impl->files = files;
	impl->chain = chain;
	impl->backends = backends;
	return 0;
}

/* Does a call use the value of what it calls, or may it get memory back through an
 * address among its arguments? A call that is a statement of its own does neither
 * unless it passes `&x`. */
static int impl_call_valued(const struct dig_call *c)
{
	if (!c->discarded)
		return 1;
	for (const char *a = c->args; (a = strchr(a, '&')) != NULL; a++)
		if (a[1] != '&' && (a == c->args || a[-1] != '&'))
			return 1;
	return 0;
}

/* Per node: does some live call use its value (impl_call_valued)? Ambiguous and dispatch
 * calls count for each candidate. Returns NULL when out of memory. */
static unsigned char *impl_valued(const struct model *model)
{
	unsigned char *v = calloc((size_t)model->nnodes + 1, 1);
	if (!v)
		return NULL;
	for (uint32_t i = 0; i < model->ncalls; i++) {
		const struct model_call *mc = &model->calls[i];
		if (!impl_call_valued(model_call_fact(model, mc)))
			continue;
		if (mc->target == MODEL_TARGET_NODE && mc->node >= 0)
			v[mc->node] = 1;
		else if (mc->target == MODEL_TARGET_AMBIGUOUS || mc->target == MODEL_TARGET_DISPATCH)
			for (uint32_t c = 0; c < mc->ncands; c++)
				v[model_call_cands(model, mc)[c]] = 1;
	}
	return v;
}

/* Make a walk for model_impl_entry_paths (0), or -1 when out of memory (then nothing is
 * held; model_impl_walk_fini is still safe). */
int model_impl_walk_init(const struct model *model, struct impl_walk *w)
{
	memset(w, 0, sizeof *w);
	w->stamp = calloc((size_t)model->ndefs + 1, sizeof *w->stamp);
	w->stack = malloc(((size_t)model->ndefs + 1) * sizeof *w->stack);
	w->set = malloc(((size_t)model->ndefs + 1) * sizeof *w->set);
	w->valued = impl_valued(model);
	w->entry = UINT32_MAX;
	if (w->stamp && w->stack && w->set && w->valued)
		return 0;
	model_impl_walk_fini(w);
	return -1;
}

/* Free a walk's arrays. */
void model_impl_walk_fini(struct impl_walk *w)
{
	free(w->stamp);
	free(w->stack);
	free(w->set);
	free(w->valued);
	memset(w, 0, sizeof *w);
}

/* The main entry point of an implementation's members (impl_main_entry). */
uint32_t model_impl_main_entry(const struct model *model, const uint32_t *members, uint32_t nmembers)
{
	return impl_main_entry(model, members, nmembers);
}

/* The members on the paths of entry point `entry` (impl_entry_paths) into w->set. */
void model_impl_entry_paths(const struct model *model, struct impl_walk *w, int impl, uint32_t entry)
{
	impl_entry_paths(model, w, impl, entry);
}

/* Is `to` an allocation target seen from implementation `impl` (impl_lower_target)? */
int model_impl_lower_target(const struct model *model, const struct impl_walk *w, int impl, uint32_t to)
{
	return impl_lower_target(model, w, impl, to);
}

/* Is node `to` a source of what an entry point of implementation `impl` hands out, as the
 * chain takes one (impl_flow_accept)? */
int model_impl_flow_accept(const struct model *model, const struct impl_walk *w, int impl, uint32_t to)
{
	return impl_flow_accept(model, w, impl, to);
}

/* The sources of what function `fn` of implementation `impl` hands out, as the chain takes
 * them (model_flow_source with impl_flow_accept). */
int model_impl_flow_source(const struct model *model, const struct impl_walk *w, int impl, uint32_t fn,
                           struct model_flow_pick *pick)
{
	struct model_flow_ask ask = { impl_flow_accept, w };
	return model_flow_source(model, fn, impl, &ask, pick);
}

/* One implementation per group: members, profile, chain; the lists end on the arena. */
int model_impls_build(struct model *model, const uint32_t *group, uint32_t ngroups)
{
	uint32_t **members = calloc((size_t)ngroups + 1, sizeof *members);
	uint32_t *nmembers = calloc((size_t)ngroups + 1, sizeof *nmembers);
	uint32_t *caps = calloc((size_t)ngroups + 1, sizeof *caps);
	uint32_t *stack = malloc(((size_t)model->nnodes + 1) * sizeof *stack);
	struct impl_walk w;
	int rc = -1, walk = model_impl_walk_init(model, &w);

	if (!members || !nmembers || !caps || !stack || walk)
		goto out;
	impl_entries_assign(model, group);
	impl_helpers(model, group, stack);
	for (uint32_t n = 0; n < model->ndefs; n++) {
		int impl = model->nodes[n].impl;
		if (impl >= 0 && impl_push(&members[impl], &nmembers[impl], &caps[impl], n))
			goto out;
	}
	if (impl_create(model, group, ngroups, members, nmembers))
		goto out;
	for (uint32_t g = 0; g < ngroups; g++)
		if (impl_chain(model, &w, (int)g, model->impls[g].nodes, model->impls[g].nnodes))
			goto out;
	for (uint32_t g = 0; g < ngroups; g++)
		if (impl_lists_settle(model, &model->impls[g]))
			goto out;
	rc = 0;
out:
	if (members)
		for (uint32_t g = 0; g < ngroups; g++)
			free(members[g]);
	free(members);
	free(nmembers);
	free(caps);
	free(stack);
	model_impl_walk_fini(&w);
	return rc;
}

/* Order node indices by name, path, line (qsort_r: the model is the context). */
static int impl_node_cmp(const void *a, const void *b, void *ctx)
{
	const struct model *model = ctx;
	const struct model_node *x = &model->nodes[*(const uint32_t *)a];
	const struct model_node *y = &model->nodes[*(const uint32_t *)b];
	int c = strcmp(x->name, y->name);
	if (c)
		return c;
	if (x->file && y->file && (c = strcmp(x->file->path, y->file->path)) != 0)
		return c;
	return (x->func ? x->func->line : 0) < (y->func ? y->func->line : 0) ? -1 : 1;
}

/* Order implementation indices by name, then first file. */
static int impl_index_cmp(const void *a, const void *b, void *ctx)
{
	const struct model *model = ctx;
	const struct model_impl *x = &model->impls[*(const uint32_t *)a];
	const struct model_impl *y = &model->impls[*(const uint32_t *)b];
	int c = strcmp(x->name, y->name);
	if (c)
		return c;
	return strcmp(x->files[0], y->files[0]);
}

/* 6. Sort the implementations by name and renumber everything that points at them; sort
 * each one's members and files. */
int model_impls_sort(struct model *model)
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
	if (model->nimpls)
		qsort_r(perm, model->nimpls, sizeof *perm, impl_index_cmp, model);
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
	for (uint32_t i = 0; i < model->nimpls; i++) {
		struct model_impl *impl = &model->impls[i];
		qsort_r(impl->nodes, impl->nnodes, sizeof *impl->nodes, impl_node_cmp, model);
		qsort(impl->files, impl->nfiles, sizeof *impl->files, model_str_cmp);
	}
	return 0;
}

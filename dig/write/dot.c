/*
 * dig/write/dot.c: the two graphs, drawn from the ranking (write/rank.c) so they show what
 * report.md's first page shows. Theory.
 *
 * allocation-hierarchy.dot reads left to right: the callers' subsystems (folders), the
 * allocators (one node per row of the ranking: copies merged, wrappers folded, clustered
 * by family), each allocator left of the allocators it calls (a dashed edge: a face, then
 * its zone, then the page level), and last what the allocators sit on (backends and
 * outside allocation names). kernel-allocation-flow.dot is the same for the kernel and boot
 * families, with kernel callers only.
 *
 * Legible at a glance, whatever the tree's size:
 *   - at most DOT_MAX_ROWS allocators, DOT_MAX_SUBS subsystems and DOT_MAX_BACKENDS
 *     backends are drawn; the rest of each layer is one summary node ("37 more folders")
 *     that keeps its edges' counts;
 *   - parallel edges are merged: one edge per pair, labelled with its call sites, its
 *     width growing with the log of the count;
 *   - at most DOT_MAX_EDGES edges: the lightest are left out and counted in the title.
 * Subsystems are grouped once for the whole graph by rank_subs_of (the first folder depth
 * that splits the calls into three groups, none holding two thirds).
 *
 * Folders and files are labelled by the shortest suffix of whole components that tells
 * them apart from the others of the graph (write_path_suffixes): folders with two
 * components at least ("uts/common", not "common"), files with their base name when it is
 * unique, else as many folders as tell them apart ("libc/malloc.c", "pxk/malloc.c"); the
 * tooltip has the whole path.
 *
 * Every node carries a tooltip (name, file, role, chain, call sites) and, for allocators,
 * a URL "#implN" that report.html follows to the allocator's detail. Every identifier and
 * label is a quoted, escaped DOT string.
 */
#include <stdlib.h>
#include <string.h>

#include "dig/hash.h"
#include "dig/write/write_impl.h"

#define DOT_MAX_ROWS 16
#define DOT_MAX_SUBS 12
#define DOT_MAX_BACKENDS 10
#define DOT_MAX_EDGES 60
#define DOT_MAX_IN 3          /* subsystem edges into one allocator; the rest come from "more" */

/* A graph edge between two node ids, with its call sites. */
struct dot_edge {
	char from[96];
	char to[96];
	uint32_t count;
};

/* A list of nodes (subsystems or backends) with their totals. */
struct dot_item {
	const char *name;
	uint32_t count;
	int32_t node;          /* backends: the model node, else -1 */
};

struct dot_graph {
	const struct write_ctx *ctx;
	int kernel;
	unsigned char *drawn;          /* per row: drawn */
	uint32_t nrows_drawn, rows_hidden;
	struct dot_item *subs; uint32_t nsubs;        /* subsystems, by count */
	struct dot_item *backs; uint32_t nbacks, capbacks;
	struct dot_edge *edges; uint32_t nedges, capedges;
	uint32_t *edge_at;             /* open-addressing index of edges by (from, to): slot holds
	                                  edge + 1, 0 empty; rebuilt when edges are renamed */
	uint32_t *back_at;             /* the same for backs by name */
	uint32_t edge_cap, back_cap;   /* slots (powers of two) */
};

/* The hash of an edge's ends. */
static uint32_t dot_edge_hash(const char *from, const char *to)
{
	return dig_hash_str(dig_hash_str(DIG_HASH_INIT, from) * 16777619u, to);
}

/* Make an index of `n` entries with room for twice as many: slot arrays of a power of two
 * at least 2n + 16. Returns 0 or -1. */
static int dot_index_grow(uint32_t **slots, uint32_t *cap, uint32_t n)
{
	uint32_t want = 16;
	while (want < 2 * n + 16)
		want *= 2;
	if (*cap >= want)
		return 0;
	uint32_t *p = calloc(want, sizeof *p);
	if (!p)
		return -1;
	free(*slots);
	*slots = p;
	*cap = want;
	return 0;
}

/* Merge edges with the same ends: the first (by index) takes the others' counts, theirs
 * become 0; the index is rebuilt on the way (after edges were renamed). A pass through the
 * index, not a comparison of every pair. */
static int dot_edges_merge(struct dot_graph *g)
{
	if (dot_index_grow(&g->edge_at, &g->edge_cap, g->nedges))
		return -1;
	memset(g->edge_at, 0, (size_t)g->edge_cap * sizeof *g->edge_at);
	for (uint32_t i = 0; i < g->nedges; i++) {
		uint32_t k = dot_edge_hash(g->edges[i].from, g->edges[i].to) & (g->edge_cap - 1);
		for (;;) {
			uint32_t at = g->edge_at[k];
			if (!at) {
				g->edge_at[k] = i + 1;
				break;
			}
			struct dot_edge *x = &g->edges[at - 1];
			if (strcmp(x->from, g->edges[i].from) == 0 && strcmp(x->to, g->edges[i].to) == 0) {
				x->count += g->edges[i].count;
				g->edges[i].count = 0;
				break;
			}
			k = (k + 1) & (g->edge_cap - 1);
		}
	}
	return 0;
}

/* Add count to the edge from -> to. */
static int dot_edge_add(struct dot_graph *g, const char *from, const char *to, uint32_t count)
{
	char f[96], t[96];
	uint32_t k;
	/* the ends as they are stored (cut to the id's length) */
	snprintf(f, sizeof f, "%s", from);
	snprintf(t, sizeof t, "%s", to);
	if (g->edge_cap < 2 * g->nedges + 16 && dot_edges_merge(g))
		return -1;
	k = dot_edge_hash(f, t) & (g->edge_cap - 1);
	for (uint32_t at; (at = g->edge_at[k]) != 0; k = (k + 1) & (g->edge_cap - 1))
		if (strcmp(g->edges[at - 1].from, f) == 0 && strcmp(g->edges[at - 1].to, t) == 0) {
			g->edges[at - 1].count += count;
			return 0;
		}
	g->edge_at[k] = g->nedges + 1;
	if (g->nedges == g->capedges) {
		uint32_t cap = g->capedges ? g->capedges * 2 : 64;
		struct dot_edge *grown = realloc(g->edges, (size_t)cap * sizeof *grown);
		if (!grown)
			return -1;
		g->edges = grown;
		g->capedges = cap;
	}
	snprintf(g->edges[g->nedges].from, sizeof g->edges[g->nedges].from, "%s", from);
	snprintf(g->edges[g->nedges].to, sizeof g->edges[g->nedges].to, "%s", to);
	g->edges[g->nedges].count = count;
	g->nedges++;
	return 0;
}

static int dot_edge_cmp(const void *a, const void *b)
{
	const struct dot_edge *x = a, *y = b;
	int c;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	if ((c = strcmp(x->from, y->from)) != 0)
		return c;
	return strcmp(x->to, y->to);
}

static int dot_item_cmp(const void *a, const void *b)
{
	const struct dot_item *x = a, *y = b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Is row i in this graph? (kernel graph: kernel and boot families) */
static int dot_row_kind(const struct dot_graph *g, uint32_t i)
{
	enum rank_family f = g->ctx->rank.rows[i].family;
	return !g->kernel || f == RANK_FAM_KERNEL || f == RANK_FAM_BOOT;
}

/* Choose the drawn rows: the busiest DOT_MAX_ROWS of the graph's kind. */
static int dot_choose_rows(struct dot_graph *g)
{
	const struct rank *r = &g->ctx->rank;
	uint32_t *order = malloc(((size_t)r->nrows + 1) * sizeof *order), n = 0;
	g->drawn = calloc((size_t)r->nrows + 1, 1);
	if (!order || !g->drawn) {
		free(order);
		return -1;
	}
	for (uint32_t i = 0; i < r->nrows; i++)
		if (dot_row_kind(g, i))
			order[n++] = i;
	/* by calls, then row order (rows are already by family and calls) */
	for (uint32_t i = 1; i < n; i++)
		for (uint32_t j = i; j > 0 && r->rows[order[j]].calls > r->rows[order[j - 1]].calls; j--) {
			uint32_t t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	for (uint32_t i = 0; i < n; i++) {
		if (i < DOT_MAX_ROWS) {
			g->drawn[order[i]] = 1;
			g->nrows_drawn++;
		} else
			g->rows_hidden++;
	}
	free(order);
	return 0;
}

/* The subsystem a call site's path falls in (one of g->subs), or -1 (the rest). */
static int32_t dot_sub_of(const struct dot_graph *g, const char *path, uint32_t nshown)
{
	for (uint32_t s = 0; s < nshown; s++) {
		const char *d = g->subs[s].name;
		size_t n = strlen(d);
		if (strcmp(d, ".") == 0 ? strchr(path, '/') == NULL : strncmp(path, d, n) == 0 && path[n] == '/')
			return (int32_t)s;
	}
	return -1;
}

/* Layer one: the callers' subsystems of the drawn rows, and their edges. */
static int dot_subsystems(struct dot_graph *g)
{
	const struct rank *r = &g->ctx->rank;
	struct rank_site *sites = malloc(((size_t)r->nsites + 1) * sizeof *sites);
	struct rank_sub *subs = NULL;
	uint32_t n = 0, nsubs = 0;
	char id[96];
	if (!sites)
		return -1;
	for (uint32_t i = 0; i < r->nsites; i++)
		if (g->drawn[r->sites[i].row] && (!g->kernel || r->sites[i].kernel))
			sites[n++] = r->sites[i];
	if (rank_subs_of(sites, n, &subs, &nsubs)) {
		free(sites);
		return -1;
	}
	g->subs = calloc((size_t)nsubs + 1, sizeof *g->subs);
	if (!g->subs) {
		rank_subs_free(subs, nsubs);
		free(sites);
		return -1;
	}
	for (uint32_t s = 0; s < nsubs; s++) {
		g->subs[s].name = subs[s].dir;   /* owned by subs until the end */
		g->subs[s].count = subs[s].calls;
		g->subs[s].node = -1;
	}
	g->nsubs = nsubs;
	for (uint32_t i = 0; i < n; i++) {
		uint32_t shown = nsubs < DOT_MAX_SUBS ? nsubs : DOT_MAX_SUBS;
		int32_t s = dot_sub_of(g, sites[i].path, shown);
		char to[32];
		snprintf(to, sizeof to, "%s", g->ctx->model->impls[r->rows[sites[i].row].impl].id);
		if (s >= 0)
			snprintf(id, sizeof id, "d%d", (int)s);
		else
			snprintf(id, sizeof id, "d:more");
		if (dot_edge_add(g, id, to, 1)) {
			rank_subs_free(subs, nsubs);
			free(sites);
			return -1;
		}
	}
	free(sites);
	free(subs);   /* the array only: the dir strings now belong to g->subs */
	/* minor callers: into each allocator only its DOT_MAX_IN busiest subsystems keep an
	 * edge of their own; the others' calls join the edge from "more folders" */
	if (g->nedges)
		qsort(g->edges, g->nedges, sizeof *g->edges, dot_edge_cmp);
	for (uint32_t e = 0; e < g->nedges; e++) {
		uint32_t before = 0;
		if (strcmp(g->edges[e].from, "d:more") == 0)
			continue;
		for (uint32_t f = 0; f < e; f++)
			before += strcmp(g->edges[f].to, g->edges[e].to) == 0 && strcmp(g->edges[f].from, "d:more") != 0;
		if (before >= DOT_MAX_IN)
			snprintf(g->edges[e].from, sizeof g->edges[e].from, "d:more");
	}
	/* merge the parallel edges the renaming made (and index the renamed edges again) */
	return dot_edges_merge(g);
}

/* Index the first n backends by name (ids: their "b:NAME" ids, else their names) into
 * slots of *cap. 0 or -1. */
static int dot_backs_index(struct dot_graph *g, uint32_t **slots, uint32_t *cap, uint32_t first, uint32_t n,
                           char (*ids)[96])
{
	if (dot_index_grow(slots, cap, n))
		return -1;
	memset(*slots, 0, (size_t)*cap * sizeof **slots);
	for (uint32_t b = 0; b < n; b++) {
		const char *key = g->backs[first + b].name;
		if (ids) {
			snprintf(ids[b], sizeof ids[b], "b:%s", key);
			key = ids[b];
		}
		uint32_t k = dig_hash_str(DIG_HASH_INIT, key) & (*cap - 1);
		while ((*slots)[k])
			k = (k + 1) & (*cap - 1);
		(*slots)[k] = b + 1;
	}
	return 0;
}

/* The backend id of a model node (its index in g->backs, added when new). */
static int32_t dot_backend(struct dot_graph *g, uint32_t node, uint32_t count)
{
	const struct model *m = g->ctx->model;
	const char *name = m->nodes[node].name;
	uint32_t k;
	if (g->back_cap < 2 * g->nbacks + 16 && dot_backs_index(g, &g->back_at, &g->back_cap, 0, g->nbacks, NULL))
		return -1;
	k = dig_hash_str(DIG_HASH_INIT, name) & (g->back_cap - 1);
	for (uint32_t at; (at = g->back_at[k]) != 0; k = (k + 1) & (g->back_cap - 1))
		if (strcmp(g->backs[at - 1].name, name) == 0) {
			g->backs[at - 1].count += count;
			return (int32_t)(at - 1);
		}
	g->back_at[k] = g->nbacks + 1;
	if (g->nbacks == g->capbacks) {
		uint32_t cap = g->capbacks ? g->capbacks * 2 : 16;
		struct dot_item *grown = realloc(g->backs, (size_t)cap * sizeof *grown);
		if (!grown)
			return -1;
		g->backs = grown;
		g->capbacks = cap;
	}
	g->backs[g->nbacks].name = m->nodes[node].name;
	g->backs[g->nbacks].count = count;
	g->backs[g->nbacks].node = (int32_t)node;
	return (int32_t)g->nbacks++;
}

/* Layer three: what the drawn rows call below them: other drawn rows, backends and outside
 * allocation names (direct calls, merged per pair). */
static int dot_below(struct dot_graph *g)
{
	const struct model *m = g->ctx->model;
	const struct rank *r = &g->ctx->rank;
	for (uint32_t i = 0; i < r->nrows; i++) {
		const struct rank_row *row = &r->rows[i];
		if (!g->drawn[i])
			continue;
		for (uint32_t c = 0; c < row->ncopies; c++) {
			const struct model_impl *impl = &m->impls[row->copies[c]];
			for (uint32_t x = 0; x < impl->nnodes; x++) {
				uint32_t n = impl->nodes[x];
				for (uint32_t e = m->out_start[n]; e < m->out_start[n + 1]; e++) {
					uint32_t t = m->edges[e].to;
					const struct model_node *tn = &m->nodes[t];
					char id[96];
					if (tn->impl >= 0 && tn->func) {
						int32_t to = r->row_of[tn->impl];
						if (to < 0 || to == (int32_t)i || !g->drawn[to])
							continue;
						snprintf(id, sizeof id, "%s", m->impls[r->rows[to].impl].id);
					} else if (model_node_is_api(m, t) && tn->impl < 0) {
						if (dot_backend(g, t, m->edges[e].count) < 0)
							return -1;
						snprintf(id, sizeof id, "b:%s", tn->name);
					} else
						continue;
					if (dot_edge_add(g, m->impls[row->impl].id, id, m->edges[e].count))
						return -1;
				}
			}
		}
	}
	if (g->nbacks)
		qsort(g->backs, g->nbacks, sizeof *g->backs, dot_item_cmp);
	/* backends past the bound: their edges go to one summary node (an edge's end is found
	 * among the hidden backends' ids through an index of them) */
	if (g->nbacks > DOT_MAX_BACKENDS) {
		uint32_t hidden = g->nbacks - DOT_MAX_BACKENDS, cap = 0, *slot = NULL;
		char (*ids)[96] = malloc((size_t)hidden * sizeof *ids);
		if (!ids || dot_backs_index(g, &slot, &cap, DOT_MAX_BACKENDS, hidden, ids)) {
			free(ids);
			free(slot);
			return -1;
		}
		for (uint32_t e = 0; e < g->nedges; e++) {
			uint32_t k = dig_hash_str(DIG_HASH_INIT, g->edges[e].to) & (cap - 1);
			for (uint32_t at; (at = slot[k]) != 0; k = (k + 1) & (cap - 1))
				if (strcmp(ids[at - 1], g->edges[e].to) == 0) {
					snprintf(g->edges[e].to, sizeof g->edges[e].to, "b:more");
					break;
				}
		}
		free(ids);
		free(slot);
	}
	/* merge the parallel edges the renaming made */
	return dot_edges_merge(g);
}

/* Is `id` an end of one of the drawn edges (the first DOT_MAX_EDGES with a count)? A node
 * outside the allocator layer is drawn only then, never alone. */
static int dot_used(const struct dot_graph *g, const char *id)
{
	uint32_t drawn = 0;
	for (uint32_t e = 0; e < g->nedges && drawn < DOT_MAX_EDGES; e++) {
		if (!g->edges[e].count)
			continue;
		drawn++;
		if (strcmp(g->edges[e].from, id) == 0 || strcmp(g->edges[e].to, id) == 0)
			return 1;
	}
	return 0;
}

/* One node line: id, label, and the extra attributes. */
static void dot_node(FILE *to, const char *indent, const char *id, const char *label, const char *tooltip,
                     const char *url, const char *attrs)
{
	fputs(indent, to);
	write_dot_string(to, id);
	fputs(" [label=", to);
	write_dot_string(to, label);
	if (tooltip) {
		fputs(", tooltip=", to);
		write_dot_string(to, tooltip);
	}
	if (url) {
		fputs(", URL=", to);
		write_dot_string(to, url);
	}
	if (attrs)
		fprintf(to, ", %s", attrs);
	fputs("];\n", to);
}

/* The allocator nodes, clustered by family. Returns 0, or -1 when out of memory. */
static int dot_rows(const struct dot_graph *g, FILE *to)
{
	const struct model *m = g->ctx->model;
	const struct rank *r = &g->ctx->rank;
	static const char *const colors[RANK_FAM_COUNT] = { "#dbe9f6", "#e3f1df", "#fbeed5", "#f3e1f0", "#eeeeee" };
	const char **files = malloc(((size_t)r->nrows + 1) * sizeof *files);
	size_t *at = malloc(((size_t)r->nrows + 1) * sizeof *at);
	uint32_t *slot = malloc(((size_t)r->nrows + 1) * sizeof *slot), nfiles = 0;
	if (!files || !at || !slot) {
		free(files);
		free(at);
		free(slot);
		return -1;
	}
	/* the drawn rows' files (slot[i]: row i's place among them), and the suffix that tells
	 * each apart */
	for (uint32_t i = 0; i < r->nrows; i++)
		if (g->drawn[i]) {
			slot[i] = nfiles;
			files[nfiles++] = rank_entry_file(m, r->rows[i].impl);
		}
	write_path_suffixes(files, nfiles, 1, at);
	for (int f = 0; f < RANK_FAM_COUNT; f++) {
		int open = 0;
		for (uint32_t i = 0; i < r->nrows; i++) {
			const struct rank_row *row = &r->rows[i];
			const struct model_impl *impl = &m->impls[row->impl];
			char label[600], tip[1200], url[64], entry[256], lock[160];
			const char *file = rank_entry_file(m, row->impl);
			size_t n;
			if (!g->drawn[i] || (int)row->family != f)
				continue;
			if (!open) {
				char cid[32];
				snprintf(cid, sizeof cid, "cluster_f%d", f);
				fputs("  subgraph ", to);
				write_dot_string(to, cid);
				fputs(" {\n    label=", to);
				write_dot_string(to, rank_family_name((enum rank_family)f));
				fprintf(to, "; style=\"rounded,filled\"; fillcolor=\"%s\"; color=\"#999999\";\n", colors[f]);
				open = 1;
			}
			rank_entry_name(m, row->impl, entry, sizeof entry);
			n = (size_t)snprintf(label, sizeof label, "%s\n%s\n%s · %u call%s", entry, file + at[slot[i]],
			                     model_role_name(impl->role), row->calls, row->calls == 1 ? "" : "s");
			if (row->ncopied > 1 && n < sizeof label)
				n += (size_t)snprintf(label + n, sizeof label - n, "\n×%u copies", row->ncopied);
			if (row->wrappers && n < sizeof label)
				snprintf(label + n, sizeof label - n, "%s+%u wrapper%s", row->ncopied > 1 ? ", " : "\n",
				         row->wrappers, row->wrappers == 1 ? "" : "s");
			n = (size_t)snprintf(tip, sizeof tip, "%s @ %s: %s; %s; %u call site%s; chain:", entry, file,
			                     model_role_name(impl->role), rank_locking(m, row->impl, lock, sizeof lock), row->calls,
			                     row->calls == 1 ? "" : "s");
			for (uint32_t c = 0; c < impl->nchain && n < sizeof tip; c++)
				n += (size_t)snprintf(tip + n, sizeof tip - n, "%s%s", c ? " -> " : " ", m->nodes[impl->chain[c]].name);
			snprintf(url, sizeof url, "#%s", impl->id);
			dot_node(to, "    ", impl->id, label, tip, url, NULL);
		}
		if (open)
			fputs("  }\n", to);
	}
	free(files);
	free(at);
	free(slot);
	return 0;
}

/* Edge width by call sites: 1 for one call, +1.5 per factor of ten (no libm: the decades,
 * then the fraction of the next one linearly). */
static double dot_width(uint32_t count)
{
	double w = 1.0, c = count ? count : 1;
	while (c >= 10.0) {
		w += 1.5;
		c /= 10.0;
	}
	return w + 1.5 * (c - 1.0) / 9.0;
}

/* The graph's opening: its name, title (what is drawn, and what was cut: `hidden` rows,
 * `cut` edges with `cut_calls` call sites) and default styles. */
static void dot_open(FILE *to, const char *name, int kernel, uint32_t hidden, uint32_t cut, uint32_t cut_calls)
{
	char title[512];
	size_t n = (size_t)snprintf(title, sizeof title, "%s: callers' subsystems -> allocators (by family) -> "
	                            "what they sit on; edge labels: call sites\npaths cut to what tells them "
	                            "apart (whole paths in the tooltips)",
	                            kernel ? "kernel allocation flow" : "allocation hierarchy");

	if (hidden && n < sizeof title)
		n += (size_t)snprintf(title + n, sizeof title - n, "\n%u more allocators with fewer call sites: "
		                      "report.md", hidden);
	if (cut && n < sizeof title)
		snprintf(title + n, sizeof title - n, "\n%u lighter edges not drawn (%u call sites)", cut, cut_calls);
	fputs("digraph ", to);
	write_dot_string(to, name);
	fputs(" {\n  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=12, nodesep=0.25, ranksep=1.2, "
	      "labelloc=t, label=", to);
	write_dot_string(to, title);
	fputs("];\n  node [shape=box, style=\"rounded,filled\", fillcolor=white, fontname=\"Helvetica\", fontsize=11];\n"
	      "  edge [fontname=\"Helvetica\", fontsize=9, color=\"#555555\", arrowsize=0.6];\n", to);
}

/* Layer one: the first `shown` subsystems that an edge uses, each by the suffix that tells it
 * apart from the others, and the "more" folder (`more` subsystems not shown). Returns 0 or -1. */
static int dot_layer_subsystems(const struct dot_graph *g, FILE *to, uint32_t shown, uint32_t more)
{
	const char **dirs = malloc(((size_t)shown + 1) * sizeof *dirs);
	size_t *dir_at = malloc(((size_t)shown + 1) * sizeof *dir_at);

	if (!dirs || !dir_at) {
		free(dirs);
		free(dir_at);
		return -1;
	}
	for (uint32_t s = 0; s < shown; s++)
		dirs[s] = g->subs[s].name;
	write_path_suffixes(dirs, shown, 2, dir_at);
	fputs("  { rank=source;\n", to);
	for (uint32_t s = 0; s < shown; s++) {
		char id[32], tip[600];
		snprintf(id, sizeof id, "d%u", s);
		if (!dot_used(g, id))
			continue;
		snprintf(tip, sizeof tip, "%s: %u call site%s into the allocators drawn", rank_sub_label(g->subs[s].name),
		         g->subs[s].count, g->subs[s].count == 1 ? "" : "s");
		dot_node(to, "    ", id, rank_sub_label(g->subs[s].name + dir_at[s]), tip, NULL,
		         "shape=folder, fillcolor=\"#fff8dc\"");
	}
	if (dot_used(g, "d:more")) {
		char label[96];
		if (more)
			snprintf(label, sizeof label, "%u more folders,\nand each allocator's\nminor callers", more);
		else
			snprintf(label, sizeof label, "each allocator's\nminor callers");
		dot_node(to, "    ", "d:more", label, label, NULL, "shape=folder, style=\"dashed\"");
	}
	fputs("  }\n", to);
	free(dirs);
	free(dir_at);
	return 0;
}

/* Layer three: the backends an edge uses, and the "more" box (`more` backends not shown). */
static void dot_layer_backends(const struct dot_graph *g, FILE *to, uint32_t more)
{
	const struct model *m = g->ctx->model;

	fputs("  { rank=sink;\n", to);
	for (uint32_t b = 0; b < g->nbacks && b < DOT_MAX_BACKENDS; b++) {
		char id[96], label[300];
		snprintf(id, sizeof id, "b:%s", g->backs[b].name);
		if (!dot_used(g, id))
			continue;
		snprintf(label, sizeof label, "%s\n(%s)", g->backs[b].name, model_node_kind(m, (uint32_t)g->backs[b].node));
		dot_node(to, "    ", id, label, label, NULL, "shape=box3d, fillcolor=\"#f0f0f0\"");
	}
	if (more && dot_used(g, "b:more")) {
		char label[96];
		snprintf(label, sizeof label, "%u more backends", more);
		dot_node(to, "    ", "b:more", label, label, NULL, "shape=box3d, style=\"dashed\"");
	}
	fputs("  }\n", to);
}

/* The edges, heaviest first, the first DOT_MAX_EDGES with call sites (sorted already). */
static void dot_edges(const struct dot_graph *g, FILE *to)
{
	uint32_t drawn = 0;

	for (uint32_t e = 0; e < g->nedges && drawn < DOT_MAX_EDGES; e++) {
		char tip[300];
		if (!g->edges[e].count)
			continue;
		drawn++;
		fputs("  ", to);
		write_dot_string(to, g->edges[e].from);
		fputs(" -> ", to);
		write_dot_string(to, g->edges[e].to);
		snprintf(tip, sizeof tip, "%u call site%s", g->edges[e].count, g->edges[e].count == 1 ? "" : "s");
		fprintf(to, " [label=\"%u\", penwidth=%.1f, %stooltip=", g->edges[e].count, dot_width(g->edges[e].count),
		        /* allocator -> allocator: dashed, and it ranks the lower allocator to the right
		         * of the upper one, so the layers read left to right (caller, face, zone, pages,
		         * backend) instead of stacking every allocator in one column */
		        strncmp(g->edges[e].from, "d", 1) != 0 && strncmp(g->edges[e].to, "b:", 2) != 0
		            ? "style=dashed, " : "");
		write_dot_string(to, tip);
		fputs("];\n", to);
	}
}

/* Write one graph. */
static int dot_write(struct write_ctx *ctx, FILE *to, const char *name, int kernel)
{
	struct dot_graph g;
	uint32_t shown_subs, more_backs = 0, drawn_edges = 0, cut = 0, cut_calls = 0;
	int rc = -1;

	memset(&g, 0, sizeof g);
	g.ctx = ctx;
	g.kernel = kernel;
	if (dot_choose_rows(&g) || dot_subsystems(&g) || dot_below(&g))
		goto out;
	shown_subs = g.nsubs < DOT_MAX_SUBS ? g.nsubs : DOT_MAX_SUBS;
	if (g.nbacks > DOT_MAX_BACKENDS)
		more_backs = g.nbacks - DOT_MAX_BACKENDS;
	if (g.nedges)
		qsort(g.edges, g.nedges, sizeof *g.edges, dot_edge_cmp);
	for (uint32_t e = 0; e < g.nedges; e++) {
		if (!g.edges[e].count)
			continue;
		if (drawn_edges < DOT_MAX_EDGES)
			drawn_edges++;
		else {
			cut++;
			cut_calls += g.edges[e].count;
		}
	}
	dot_open(to, name, kernel, g.rows_hidden, cut, cut_calls);
	if (!g.nrows_drawn) {
		fputs("  \"none\" [shape=plaintext, label=", to);
		write_dot_string(to, kernel ? "no kernel allocator found" : "no allocator found");
		fputs("];\n}\n", to);
		rc = 0;
		goto out;
	}
	if (dot_layer_subsystems(&g, to, shown_subs, g.nsubs - shown_subs))
		goto out;
	/* layer two: allocators */
	if (dot_rows(&g, to))
		goto out;
	dot_layer_backends(&g, to, more_backs);
	dot_edges(&g, to);
	fputs("}\n", to);
	rc = 0;
out:
	for (uint32_t s = 0; s < g.nsubs; s++)
		free((void *)g.subs[s].name);
	free(g.subs);
	free(g.backs);
	free(g.edges);
	free(g.edge_at);
	free(g.back_at);
	free(g.drawn);
	return rc;
}

/* allocation-hierarchy.dot */
int write_hierarchy_dot(struct write_ctx *ctx, FILE *to)
{
	return dot_write(ctx, to, "allocation_hierarchy", 0);
}

/* kernel-allocation-flow.dot */
int write_kernel_flow_dot(struct write_ctx *ctx, FILE *to)
{
	return dot_write(ctx, to, "kernel_allocation_flow", 1);
}

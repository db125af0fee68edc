/*
 * dig/write/dot.c: the two graphs. allocation-hierarchy.dot: calling folders ->
 * implementations -> lower implementations and backends, clustered by domain, call
 * counts on the edges. kernel-allocation-flow.dot: the same restricted to the kernel:
 * kernel folders (subsystems) -> kernel and boot implementations -> what they sit on.
 * Every identifier and label is a quoted, escaped DOT string.
 */
#include <stdlib.h>
#include <string.h>

#include "dig/write/write_impl.h"

/* An aggregated graph edge: from an id to an id, with a count. */
struct dot_edge {
	char from[64];
	const char *from_dir;      /* a folder label when the source is a folder */
	char to[64];
	uint32_t count;
};

struct dot_edges {
	struct dot_edge *e;
	uint32_t n, cap;
};

/* Make room for one more element in a malloc'd array. */
static int dot_grow(void **arr, uint32_t n, uint32_t *cap, size_t elem)
{
	void *grown;
	if (n < *cap)
		return 0;
	grown = realloc(*arr, (size_t)(*cap ? *cap * 2 : 16) * elem);
	if (!grown)
		return -1;
	*arr = grown;
	*cap = *cap ? *cap * 2 : 16;
	return 0;
}

/* Add count to the edge from -> to (creating it). */
static int dot_edge_add(struct dot_edges *l, const char *from, const char *from_dir, const char *to, uint32_t count)
{
	for (uint32_t i = 0; i < l->n; i++)
		if (strcmp(l->e[i].from, from) == 0 && strcmp(l->e[i].to, to) == 0 &&
		    ((!from_dir && !l->e[i].from_dir) || (from_dir && l->e[i].from_dir && strcmp(from_dir, l->e[i].from_dir) == 0))) {
			l->e[i].count += count;
			return 0;
		}
	if (dot_grow((void **)&l->e, l->n, &l->cap, sizeof *l->e))
		return -1;
	memset(&l->e[l->n], 0, sizeof l->e[l->n]);
	snprintf(l->e[l->n].from, sizeof l->e[l->n].from, "%s", from);
	l->e[l->n].from_dir = from_dir;
	snprintf(l->e[l->n].to, sizeof l->e[l->n].to, "%s", to);
	l->e[l->n].count = count;
	l->n++;
	return 0;
}

/* Order edges by count descending, then ids. */
static int dot_edge_cmp(const void *a, const void *b)
{
	const struct dot_edge *x = a, *y = b;
	int c;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	if ((c = strcmp(x->from_dir ? x->from_dir : x->from, y->from_dir ? y->from_dir : y->from)) != 0)
		return c;
	return strcmp(x->to, y->to);
}

/* The folder of a path as a malloc-free pointer into a static-size copy kept in `buf`. */
static const char *dot_dir(const char *path, char *buf, size_t size)
{
	const char *slash = strrchr(path, '/');
	size_t n;
	if (!slash)
		return "(root)";
	n = (size_t)(slash - path);
	if (n >= size)
		n = size - 1;
	memcpy(buf, path, n);
	buf[n] = '\0';
	return buf;
}

/* At most this many implementations are drawn (graphviz slows down badly beyond); the
 * rest are named in a note, and all are in topology.json. */
#define DOT_MAX_IMPLS 40

/* Order implementation indices by call sites, then fan-in, then name (qsort_r: writers run
 * on two threads, so no global sort state). */
static int dot_impl_cmp(const void *a, const void *b, void *model)
{
	const struct model *m = model;
	const struct model_impl *x = &m->impls[*(const uint32_t *)a];
	const struct model_impl *y = &m->impls[*(const uint32_t *)b];
	if (x->calls != y->calls)
		return x->calls > y->calls ? -1 : 1;
	if (x->fanin_funcs != y->fanin_funcs)
		return x->fanin_funcs > y->fanin_funcs ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Is the implementation of this domain drawn in this graph? */
static int dot_impl_kind(const struct model_impl *impl, int kernel_only)
{
	return !kernel_only || impl->domain == MODEL_DOMAIN_KERNEL || impl->domain == MODEL_DOMAIN_BOOT;
}

/* Choose the drawn implementations: the busiest DOT_MAX_IMPLS of the graph's kind.
 * Returns a malloc'd flag array (nimpls) and the number left out in *hidden. */
static unsigned char *dot_choose(const struct model *m, int kernel_only, uint32_t *hidden)
{
	unsigned char *shown = calloc((size_t)m->nimpls + 1, 1);
	uint32_t *order = malloc(((size_t)m->nimpls + 1) * sizeof *order), n = 0;
	*hidden = 0;
	if (!shown || !order) {
		free(order);
		free(shown);
		return NULL;
	}
	for (uint32_t k = 0; k < m->nimpls; k++)
		if (dot_impl_kind(&m->impls[k], kernel_only))
			order[n++] = k;
	if (n)
		qsort_r(order, n, sizeof *order, dot_impl_cmp, (void *)m);
	for (uint32_t i = 0; i < n; i++) {
		if (i < DOT_MAX_IMPLS)
			shown[order[i]] = 1;
		else
			(*hidden)++;
	}
	free(order);
	return shown;
}

/* Write one graph. */
static int dot_graph(struct write_ctx *ctx, FILE *to, const char *name, int kernel_only)
{
	const struct model *m = ctx->model;
	struct dot_edges down = { NULL, 0, 0 }, up = { NULL, 0, 0 };
	unsigned char *drawn = calloc((size_t)m->nnodes + 1, 1);
	char **dirs = NULL;
	uint32_t ndirs = 0, capdirs = 0, hidden = 0;
	int any = 0, rc = -1;
	unsigned char *shown = dot_choose(m, kernel_only, &hidden);
	uint32_t per_impl = m->nimpls > 15 ? 6 : 12;

	if (!drawn || !shown) {
		free(drawn);
		free(shown);
		return -1;
	}
	fputs("digraph ", to);
	write_dot_string(to, name);
	fputs(" {\n  graph [rankdir=LR, fontname=\"Helvetica\", label=", to);
	write_dot_string(to, kernel_only ? "kernel subsystems -> kernel allocators -> backends (edge labels: call sites)"
	                                 : "callers -> allocators -> backends (edge labels: call sites)");
	fputs("];\n  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\"];\n", to);
	for (int d = 0; d < MODEL_DOMAIN_COUNT; d++) {
		int open = 0;
		for (uint32_t k = 0; k < m->nimpls; k++) {
			const struct model_impl *impl = &m->impls[k];
			char label[1024];
			if ((int)impl->domain != d || !shown[k])
				continue;
			if (!open) {
				char cid[64];
				snprintf(cid, sizeof cid, "cluster_%s", model_domain_name((enum model_domain)d));
				fputs("  subgraph ", to);
				write_dot_string(to, cid);
				fputs(" {\n    label=", to);
				write_dot_string(to, model_domain_name((enum model_domain)d));
				fputs(";\n", to);
				open = 1;
			}
			snprintf(label, sizeof label, "%s\n%s\n%u call sites, %u callers", impl->name, model_role_name(impl->role),
			         impl->calls, impl->fanin_funcs);
			fputs("    ", to);
			write_dot_string(to, impl->id);
			fputs(" [label=", to);
			write_dot_string(to, label);
			fputs("];\n", to);
			any = 1;
		}
		if (open)
			fputs("  }\n", to);
	}
	if (!any) {
		fputs("  \"none\" [shape=plaintext, label=", to);
		write_dot_string(to, kernel_only ? "no kernel allocator found" : "no allocator found");
		fputs("];\n", to);
	}
	if (hidden) {
		char note[160];
		snprintf(note, sizeof note, "%u more implementations with fewer call sites: see topology.json", hidden);
		fputs("  \"more\" [shape=note, label=", to);
		write_dot_string(to, note);
		fputs("];\n", to);
	}
	for (uint32_t k = 0; k < m->nimpls; k++) {
		const struct model_impl *impl = &m->impls[k];
		if (!shown[k])
			continue;
		for (uint32_t i = 0; i < impl->nnodes; i++) {
			uint32_t n = impl->nodes[i];
			for (uint32_t e = m->out_start[n]; e < m->out_start[n + 1]; e++) {
				uint32_t t = m->edges[e].to;
				const struct model_node *tn = &m->nodes[t];
				char id[64];
				if (tn->impl == (int)k && tn->func)
					continue;
				if (tn->impl >= 0 && tn->func) {
					if (!shown[tn->impl])
						continue;
					snprintf(id, sizeof id, "%s", m->impls[tn->impl].id);
				} else if (model_node_is_api(m, t)) {
					snprintf(id, sizeof id, "n%u", t);
					drawn[t] = 1;
				} else {
					continue;
				}
				if (dot_edge_add(&down, impl->id, NULL, id, m->edges[e].count))
					goto out;
			}
			for (uint32_t j = m->in_start[n]; j < m->in_start[n + 1]; j++) {
				const struct model_edge *edge = &m->edges[m->in_edges[j]];
				const struct model_node *from = &m->nodes[edge->from];
				char buf[512];
				const char *dir;
				uint32_t d;
				if (from->impl >= 0 || !from->file)
					continue;
				if (kernel_only && from->domain != MODEL_DOMAIN_KERNEL && from->domain != MODEL_DOMAIN_BOOT)
					continue;
				dir = dot_dir(from->file->path, buf, sizeof buf);
				for (d = 0; d < ndirs && strcmp(dirs[d], dir) != 0; d++)
					;
				if (d == ndirs) {
					if (dot_grow((void **)&dirs, ndirs, &capdirs, sizeof *dirs))
						goto out;
					dirs[ndirs] = strdup(dir);
					if (!dirs[ndirs])
						goto out;
					ndirs++;
				}
				if (dot_edge_add(&up, "", dirs[d], impl->id, edge->count))
					goto out;
			}
		}
	}
	for (uint32_t t = 0; t < m->nnodes; t++) {
		if (!drawn[t])
			continue;
		fputs("  ", to);
		fprintf(to, "\"n%u\" [shape=ellipse, label=", t);
		{
			char label[512];
			snprintf(label, sizeof label, "%s\n(%s)", m->nodes[t].name, model_node_kind(m, t));
			write_dot_string(to, label);
		}
		fputs("];\n", to);
	}
	if (up.n)
		qsort(up.e, up.n, sizeof *up.e, dot_edge_cmp);
	if (down.n)
		qsort(down.e, down.n, sizeof *down.e, dot_edge_cmp);
	/* folders: at most per_impl edges into each implementation, the rest summed */
	for (uint32_t k = 0; k < m->nimpls; k++) {
		uint32_t nshown = 0, rest = 0, rest_dirs = 0;
		for (uint32_t i = 0; i < up.n; i++) {
			if (strcmp(up.e[i].to, m->impls[k].id) != 0)
				continue;
			if (nshown < per_impl) {
				char did[600];
				snprintf(did, sizeof did, "d:%s", up.e[i].from_dir);
				fputs("  ", to);
				write_dot_string(to, did);
				fputs(" [shape=folder, label=", to);
				write_dot_string(to, up.e[i].from_dir);
				fputs("];\n  ", to);
				write_dot_string(to, did);
				fputs(" -> ", to);
				write_dot_string(to, up.e[i].to);
				fprintf(to, " [label=\"%u\"];\n", up.e[i].count);
				nshown++;
			} else {
				rest += up.e[i].count;
				rest_dirs++;
			}
		}
		if (rest) {
			char label[128];
			snprintf(label, sizeof label, "%u more folders", rest_dirs);
			fprintf(to, "  \"more:%s\" [shape=folder, label=", m->impls[k].id);
			write_dot_string(to, label);
			fprintf(to, "];\n  \"more:%s\" -> ", m->impls[k].id);
			write_dot_string(to, m->impls[k].id);
			fprintf(to, " [label=\"%u\"];\n", rest);
		}
	}
	for (uint32_t i = 0; i < down.n; i++) {
		fputs("  ", to);
		write_dot_string(to, down.e[i].from);
		fputs(" -> ", to);
		write_dot_string(to, down.e[i].to);
		fprintf(to, " [label=\"%u\"];\n", down.e[i].count);
	}
	fputs("}\n", to);
	rc = 0;
out:
	for (uint32_t d = 0; d < ndirs; d++)
		free(dirs[d]);
	free(dirs);
	free(up.e);
	free(down.e);
	free(drawn);
	free(shown);
	return rc;
}

/* allocation-hierarchy.dot */
int write_hierarchy_dot(struct write_ctx *ctx, FILE *to)
{
	return dot_graph(ctx, to, "allocation_hierarchy", 0);
}

/* kernel-allocation-flow.dot */
int write_kernel_flow_dot(struct write_ctx *ctx, FILE *to)
{
	return dot_graph(ctx, to, "kernel_allocation_flow", 1);
}

/*
 * alloc/topology.c: libstrata's runtime hierarchy as DOT (strata_topology_dot).
 *
 * The graph sits above every face because it names them all: faces -> engine layers ->
 * page source, each edge labelled with the live count of calls that went along it (the
 * counters of alloc/stats), the backend named by the page source in force (the name the
 * core registered with stats_backend_set). Node ids are the face names of counters.def
 * (what strata-sim's flow graph uses too); each label names the node as `strata dig`
 * names an implementation -- its public entry point @ its file, then its role -- and
 * backends as "NAME\n(backend)", so the runtime graph can be laid beside `strata dig`'s
 * allocation-hierarchy graph of libstrata's own tree. Nothing here allocates.
 */
#include <strata/stats.h>

#include "alloc/page/platform.h"
#include "alloc/stats/stats.h"

/* One node of the graph: id (a counters.def face name), entry point, file, role. */
struct topology_node {
	const char *id, *entry, *file, *role;
	int face;   /* 1: a face (drawn as an ellipse), 0: an engine layer (a box) */
};

/* The layers and faces, with the files strata dig finds them in. */
static const struct topology_node topology_nodes[] = {
	{ "malloc", "malloc", "alloc/malloc/override.c", "general-purpose", 1 },
	{ "kalloc", "kalloc", "alloc/kalloc/kalloc.c", "kernel general", 1 },
	{ "zone", "zalloc", "alloc/zone/zone.c", "fixed-size objects", 1 },
	{ "boot", "kget_space", "alloc/boot/boot.c", "early-boot", 1 },
	{ "rmap", "rmalloc", "alloc/vmem/rmap.c", "resource map", 1 },
	{ "vmem", "strata_vmem_alloc", "alloc/vmem/vmem_face.c", "resource map", 1 },
	{ "slab", "slab_alloc", "alloc/zone/slab.c", "fixed-size objects", 0 },
	{ "core", "core_pages_alloc", "alloc/core.c", "page-level", 0 },
};

/* Copy s into buf escaped for a DOT double-quoted string. */
static const char *topology_escape(const char *s, char *buf, size_t cap)
{
	size_t n = 0;
	for (; s && *s && n + 3 < cap; s++) {
		if (*s == '"' || *s == '\\')
			buf[n++] = '\\';
		buf[n++] = (*s == '\n' || *s == '\r') ? ' ' : *s;
	}
	buf[n] = '\0';
	return buf;
}

/* One labelled edge; dashed when nothing went along it yet. */
static void topology_edge(int fd, const char *from, const char *to, unsigned long n)
{
	char a[64], b[64];
	platform_printf_fd(fd, "  \"%s\" -> \"%s\" [label=\"%lu\"%s];\n", topology_escape(from, a, sizeof a),
	                   topology_escape(to, b, sizeof b), n, n ? "" : ", style=dashed");
}

/* The runtime hierarchy as DOT to fd. */
void strata_topology_dot(int fd)
{
	char esc[64];
	const char *source = stats_backend_name();
	platform_printf_fd(fd, "digraph strata_runtime {\n  rankdir=TB;\n  node [shape=box];\n");
	for (unsigned i = 0; i < sizeof topology_nodes / sizeof topology_nodes[0]; i++) {
		const struct topology_node *n = &topology_nodes[i];
		platform_printf_fd(fd, "  \"%s\" [label=\"%s @ %s\\n%s\"%s];\n", n->id, n->entry, n->file, n->role,
		                   n->face ? ", shape=ellipse" : "");
	}
	topology_escape(source, esc, sizeof esc);
	platform_printf_fd(fd, "  \"%s\" [label=\"%s\\n(backend)\", shape=box3d];\n", esc, esc);
	topology_edge(fd, "malloc", "slab", stats_face_sum("malloc", NULL));
	topology_edge(fd, "kalloc", "slab", stats_face_sum("kalloc", "kalloc_large"));
	topology_edge(fd, "kalloc", "core", stats_read(CNT_KALLOC_LARGE));
	topology_edge(fd, "zone", "slab", stats_face_sum("zone", NULL));
	topology_edge(fd, "boot", "slab", stats_face_sum("boot", "kget_space"));
	topology_edge(fd, "boot", "core", stats_read(CNT_KGET_SPACE));
	topology_edge(fd, "rmap", "vmem", stats_face_sum("rmap", NULL));
	topology_edge(fd, "vmem", "core", stats_face_sum("vmem", NULL));
	topology_edge(fd, "slab", "core", stats_face_sum("core", NULL));
	topology_edge(fd, "core", source, stats_face_sum("page", NULL));
	platform_printf_fd(fd, "}\n");
}

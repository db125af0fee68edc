/*
 * sim/flow.c: the simulated kernel's allocation flow as DOT, with measured counts.
 *
 * Four ranks: subsystem (ipc, vm, driver, pager) -> face (zone, kalloc, boot, rmap) ->
 * engine layer (slab, core; vmem under rmap) -> page source (static: the boot region;
 * host: the simulated VM).
 * Node names are the ones strata_topology_dot() and strata dig use for faces, engine
 * layers and page sources, so the graphs can be laid side by side. Every edge carries the
 * calls measured along it as label="N" (dashed when N is 0):
 *   subsystem -> face   calls the sim made, counted per subsystem (sim/kcall.c)
 *   face -> slab/core   libstrata's own face counters (strata_stats_get)
 *   rmap -> vmem        rmalloc + rmfree (a map is a vmem arena; it takes no pages)
 *   slab -> core        core page calls (core pages_alloc + pages_free)
 *   core -> static      page-source maps while the engine ran on the boot region
 *   core -> host        page-source maps and unmaps after the hand-off
 *   boot -> host        kget_space growth straight through the host's vm_map
 * Names are fixed identifiers here, so no escaping is needed beyond quoting.
 */
#include "sim/sim.h"

#include <fcntl.h>
#include <stdio.h>
#include <strata/boot.h>
#include <unistd.h>
#include <strata/stats.h>

/* One edge in the house format (the same as strata_topology_dot). */
static void sim_flow_edge(FILE *f, const char *from, const char *to, unsigned long n)
{
	fprintf(f, "  \"%s\" -> \"%s\" [label=\"%lu\"%s];\n", from, to, n, n ? "" : ", style=dashed");
}

/* Sum of libstrata's counters for `face` over a NULL-terminated list of calls. */
static unsigned long sim_flow_sum(const char *face, const char *const *calls)
{
	unsigned long n = 0;
	for (; *calls != NULL; calls++)
		n += strata_stats_get(face, *calls);
	return n;
}

/* Write the graph to path; 0 on success, -1 (reported) when the file cannot be written. */
int sim_flow_write(const char *path)
{
	static const char *const zone_calls[] = { "zinit", "zalloc", "zget", "zfree", NULL };
	static const char *const kalloc_calls[] = { "kalloc", "kget", "kfree", "krealloc", NULL };
	static const char *const boot_calls[] = { "malloc", "realloc", "free", NULL };
	static const char *const core_calls[] = { "pages_alloc", "pages_free", NULL };
	static const char *const rmap_calls[] = { "rmalloc", "rmfree", NULL };
	FILE *f = fopen(path, "w");
	if (f == NULL) {
		perror(path);
		return -1;
	}
	strata_boot_info_t bi;
	strata_boot_info(&bi);
	unsigned long page_ops = strata_stats_get("page", "map") + strata_stats_get("page", "unmap");

	fprintf(f, "digraph kernel_allocation_flow {\n  rankdir=LR;\n  node [shape=box];\n");
	for (int s = 0; s < SIM_SUBSYS_COUNT; s++)
		fprintf(f, "  \"%s\" [shape=component];\n", sim_subsys_name((enum sim_subsys)s));
	for (int fc = 0; fc < SIM_FACE_COUNT; fc++)
		fprintf(f, "  \"%s\" [shape=ellipse];\n", sim_face_name((enum sim_face)fc));
	fprintf(f, "  \"slab\";\n  \"core\";\n  \"vmem\";\n");
	fprintf(f, "  \"static\" [shape=box3d, label=\"static\\nboot region\"];\n");
	fprintf(f, "  \"host\" [shape=box3d, label=\"host\\nsimulated VM: %zu frames, peak %zu\"];\n",
	        sim.phys.pages, sim.phys.peak);

	for (int s = 0; s < SIM_SUBSYS_COUNT; s++)
		for (int fc = 0; fc < SIM_FACE_COUNT; fc++)
			if (sim.calls[s][fc] != 0)
				sim_flow_edge(f, sim_subsys_name((enum sim_subsys)s),
				              sim_face_name((enum sim_face)fc), sim.calls[s][fc]);
	sim_flow_edge(f, "zone", "slab", sim_flow_sum("zone", zone_calls));
	sim_flow_edge(f, "kalloc", "slab", sim_flow_sum("kalloc", kalloc_calls));
	sim_flow_edge(f, "kalloc", "core", strata_stats_get("kalloc", "kalloc_large"));
	sim_flow_edge(f, "boot", "slab", sim_flow_sum("boot", boot_calls));
	sim_flow_edge(f, "boot", "core", strata_stats_get("boot", "kget_space"));
	sim_flow_edge(f, "boot", "host", bi.host_grows);
	sim_flow_edge(f, "rmap", "vmem", sim_flow_sum("rmap", rmap_calls));
	sim_flow_edge(f, "slab", "core", sim_flow_sum("core", core_calls));
	sim_flow_edge(f, "core", "static", sim.static_maps);
	sim_flow_edge(f, "core", "host", page_ops - sim.static_maps);
	fprintf(f, "}\n");
	if (fclose(f) != 0) {
		perror(path);
		return -1;
	}
	return 0;
}

/* strata_topology_dot writes to a file descriptor: open, write, close. */
int sim_flow_topology_write(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0) {
		perror(path);
		return -1;
	}
	strata_topology_dot(fd);
	if (close(fd) != 0) {
		perror(path);
		return -1;
	}
	return 0;
}

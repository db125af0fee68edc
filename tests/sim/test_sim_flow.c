/*
 * tests/sim/test_sim_flow.c: run strata-sim and check what it reports.
 *
 * argv: the strata-sim executable, a seed, a number of rounds, and where the DOT goes.
 * The run must exit 0 (strata-sim exits 1 when any of its own block checks failed), and
 * its summary must show that it verified blocks (at least 1000) with no failure. The
 * DOT must then name every subsystem, face, engine layer and page source, and the flow
 * edges the seed's callers take must carry non-zero measured counts: each subsystem into
 * the faces it uses, each face into the engine, the engine into the boot region before
 * the hand-off and into the simulated VM after it, and kget_space straight into the
 * simulated VM through vm_map. Faces, engine layers and the page source must carry the
 * names that libstrata's own runtime graph (strata_topology_dot, written by the same run)
 * gives them, with the same counts on the face -> engine edges. The counts must also agree with each
 * other where they measure the same calls.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define MAX_EDGES 64
#define MAX_NODES 64

/* A parsed graph. */
struct graph {
	char from[MAX_EDGES][32], to[MAX_EDGES][32];
	unsigned long count[MAX_EDGES];
	int nedges;
	char node[MAX_NODES][32];
	int nnodes;
};
static struct graph g, topo;

/* Run the simulator with its stdout in `out`; returns its exit status, or -1 when it
 * did not exit normally. */
static int run_sim(char *const argv[], const char *out)
{
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (freopen(out, "w", stdout) == NULL)
			_exit(126);
		execv(argv[0], argv);
		_exit(127);
	}
	int status;
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* Read node declarations and labelled edges from a DOT file into gr. */
static int parse(struct graph *gr, const char *path)
{
	FILE *f = fopen(path, "r");
	if (f == NULL)
		return -1;
	char line[512];
	while (fgets(line, sizeof line, f)) {
		char a[32], b[32];
		unsigned long n;
		if (sscanf(line, " \"%31[^\"]\" -> \"%31[^\"]\" [label=\"%lu\"", a, b, &n) == 3) {
			if (gr->nedges < MAX_EDGES) {
				strcpy(gr->from[gr->nedges], a);
				strcpy(gr->to[gr->nedges], b);
				gr->count[gr->nedges++] = n;
			}
		} else if (sscanf(line, " \"%31[^\"]\"", a) == 1 && gr->nnodes < MAX_NODES) {
			strcpy(gr->node[gr->nnodes++], a);
		}
	}
	fclose(f);
	return 0;
}

/* 1 when the node is declared in gr. */
static int has_node(const struct graph *gr, const char *name)
{
	for (int i = 0; i < gr->nnodes; i++)
		if (strcmp(gr->node[i], name) == 0)
			return 1;
	return 0;
}

/* The count on edge from -> to in gr; -1 when there is no such edge. */
static long edge_in(const struct graph *gr, const char *from, const char *to)
{
	for (int i = 0; i < gr->nedges; i++)
		if (strcmp(gr->from[i], from) == 0 && strcmp(gr->to[i], to) == 0)
			return (long)gr->count[i];
	return -1;
}

/* The count on edge from -> to in the sim's flow graph. */
static long edge(const char *from, const char *to)
{
	return edge_in(&g, from, to);
}

int main(int argc, char **argv)
{
	if (argc != 5 && argc != 6) {
		fprintf(stderr, "usage: test_sim_flow STRATA-SIM SEED ROUNDS DOT [PAGES]\n");
		return 2;
	}
	/* With PAGES, a machine short of memory: some allocations must fail (NULL answers,
	 * refused maps) and the run must still pass every check. */
	const char *pages = argc == 6 ? argv[5] : "16384";
	int short_of_memory = argc == 6;
	char summary[4096], topology[4096];
	snprintf(summary, sizeof summary, "%s.txt", argv[4]);
	snprintf(topology, sizeof topology, "%s.topology.dot", argv[4]);
	char *sim_argv[] = { argv[1], "--seed", argv[2], "--rounds", argv[3], "--dot", argv[4],
	                     "--topology", topology, "--pages", (char *)pages, NULL };
	unlink(argv[4]);
	unlink(topology);
	CHECK_EQ(run_sim(sim_argv, summary), 0);
	CHECK_EQ(parse(&g, argv[4]), 0);
	CHECK_EQ(parse(&topo, topology), 0);

	/* The summary says how many blocks were verified at free, and that none failed. */
	unsigned long verified = 0, failures = 1, errors = 1, nulls = 0, refused = 0;
	FILE *f = fopen(summary, "r");
	CHECK(f != NULL);
	if (f != NULL) {
		char line[512];
		while (fgets(line, sizeof line, f)) {
			char who[16];
			unsigned long z, k, b, r, n, maps, unmaps, fails;
			sscanf(line, "checks: %lu blocks verified at free, %lu failures, %lu libstrata errors",
			       &verified, &failures, &errors);
			if (sscanf(line, "calls: %15s zone %lu, kalloc %lu, boot %lu, rmap %lu; NULL answers %lu",
			           who, &z, &k, &b, &r, &n) == 6)
				nulls += n;
			if (sscanf(line, "vm: %lu vm_map, %lu vm_unmap, %lu failed maps", &maps, &unmaps,
			           &fails) == 3)
				refused = fails;
		}
		fclose(f);
	}
	CHECK(verified >= 1000);
	CHECK_EQ(failures, 0);
	if (short_of_memory) {
		CHECK(nulls > 0);
		CHECK(refused > 0);
	} else {
		CHECK_EQ(errors, 0);
		CHECK_EQ(refused, 0);
	}

	static const char *const nodes[] = { "ipc", "vm", "driver", "pager", "zone", "kalloc",
	                                     "boot", "rmap", "slab", "core", "vmem", "static", "host" };
	for (size_t i = 0; i < sizeof nodes / sizeof nodes[0]; i++)
		CHECK_MSG(has_node(&g, nodes[i]), "node \"%s\" missing", nodes[i]);
	/* The faces, engine layers and the page source in force carry the names libstrata's
	 * own runtime graph gives them (strata_topology_dot, written by the same run). */
	static const char *const shared[] = { "zone", "kalloc", "boot", "rmap", "slab", "core",
	                                      "vmem", "host" };
	for (size_t i = 0; i < sizeof shared / sizeof shared[0]; i++)
		CHECK_MSG(has_node(&topo, shared[i]), "strata_topology_dot has no node \"%s\"", shared[i]);

	/* The flow edges every run takes, each with a measured, non-zero count. */
	static const char *const edges[][2] = {
		{ "ipc", "kalloc" }, { "ipc", "zone" }, { "vm", "kalloc" }, { "vm", "zone" },
		{ "driver", "kalloc" }, { "pager", "kalloc" }, { "pager", "boot" }, { "pager", "rmap" },
		{ "rmap", "vmem" },
		{ "zone", "slab" }, { "kalloc", "slab" }, { "kalloc", "core" }, { "boot", "slab" },
		{ "boot", "core" }, { "slab", "core" }, { "core", "static" }, { "core", "host" },
	};
	for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++) {
		long n = edge(edges[i][0], edges[i][1]);
		CHECK_MSG(n > 0, "edge %s -> %s: %ld", edges[i][0], edges[i][1], n);
	}
	/* kget_space's page hash outgrows the boot region: vm_map serves it, given room. */
	if (!short_of_memory)
		CHECK(edge("boot", "host") > 0);
	/* Face -> engine edges count the same calls in both graphs. */
	static const char *const same[][2] = { { "zone", "slab" }, { "kalloc", "slab" },
	                                       { "kalloc", "core" }, { "boot", "core" },
	                                       { "rmap", "vmem" } };
	for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
		long a = edge(same[i][0], same[i][1]), b = edge_in(&topo, same[i][0], same[i][1]);
		CHECK_MSG(a == b, "%s -> %s: %ld in the flow, %ld in strata_topology_dot", same[i][0],
		          same[i][1], a, b);
	}
	/* Nothing but the pager runs during boot, and only it uses the boot face (and swap). */
	CHECK_EQ(edge("ipc", "boot"), -1);
	CHECK_EQ(edge("vm", "boot"), -1);
	CHECK_EQ(edge("driver", "boot"), -1);
	CHECK_EQ(edge("ipc", "rmap"), -1);
	/* Given room, more pages are mapped after the hand-off than before it. */
	if (!short_of_memory)
		CHECK(edge("core", "host") > edge("core", "static"));
	return check_done();
}

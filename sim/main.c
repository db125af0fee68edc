/*
 * sim/main.c: strata-sim, a user-space kernel on libstrata's kernel faces.
 *
 * Theory. The seed report's kernel allocators had four kinds of callers: Mach IPC
 * (ipc_kmsg_copyin: kmsg buffers and out-of-line port arrays through kalloc), the VM
 * system (xv6 setupkvm/walkpgdir: zeroed page-table pages), drivers (iopb_create: 8316-byte
 * I/O bitmaps, the old large path) and, at boot, the default pager (kalloc/kfree with sizes
 * recomputed from objects, on the bootstrap allocator). This program is that kernel in
 * miniature, on ONE allocator:
 *
 *   1. boot      strata_boot_init() starts libstrata on a static region (the only memory
 *                there is); the host callbacks of a simulated VM (sim/physmem.c: N page
 *                frames, every vm_map / vm_unmap counted) are installed for kget_space.
 *   2. pager     the default pager runs on the boot face: partitions, bitmaps, memory
 *                objects and page maps, a port table grown with the boot realloc, tables
 *                from kget_space, swap blocks from a V6-style swapmap on the resource-map
 *                face (sim/pager.c).
 *   3. hand-off  strata_page_source_switch() to the host source over the simulated VM;
 *                the pager's boot-time blocks stay live and are freed later.
 *   4. run       zones and kalloc serve IPC, VM and a driver for --rounds rounds, chosen
 *                by a seeded generator (deterministic for a given --seed).
 *   5. stop      every subsystem frees what it holds; the ledger must be empty, the swap
 *                map whole again, libstrata's error sink silent (out-of-memory reports
 *                excepted once the simulated VM has refused a map), the simulated VM
 *                consistent.
 *
 * Every block is checked (sim/ledger.c): alignment, usable size >= request, no overlap
 * with any live block, zero fill where promised, contents preserved until its free.
 * libstrata's face counters must equal the calls the sim itself counted, and the layers'
 * own consistency walks (slab_verify, boot_verify) must pass at the end.
 * The summary goes to stdout, the allocation flow with measured counts to --dot FILE
 * (sim/flow.c). Exit status: 0 when every check passed, 1 when one failed, 2 on bad usage.
 */
#include "sim/sim.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strata/boot.h>
#include <strata/error.h>
#include <strata/kalloc.h>
#include <strata/stats.h>

#include "alloc/boot/space.h"
#include "alloc/zone/slab.h"

/* The boot region: the kernel's only memory until the hand-off (8 MiB: room for several 1 MiB slab segments). */
#define SIM_BOOT_REGION (8u << 20)
static _Alignas(4096) unsigned char sim_boot_region[SIM_BOOT_REGION];

struct sim sim;

/* xorshift64* over the seeded state. */
uint64_t sim_rand(uint64_t n)
{
	uint64_t x = sim.rng;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	sim.rng = x;
	return n ? (x * 0x2545F4914F6CDD1DULL) % n : 0;
}

/* Count and print one failed check. */
void sim_fail(const char *fmt, ...)
{
	va_list ap;
	sim.failures++;
	if (sim.failures > 50)
		return;   /* the count says the rest */
	fprintf(stderr, "strata-sim: FAIL: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* DOT node names of the subsystems. */
const char *sim_subsys_name(enum sim_subsys s)
{
	static const char *const names[SIM_SUBSYS_COUNT] = { "ipc", "vm", "driver", "pager" };
	return names[s];
}

/* DOT node names of the faces (as strata_topology_dot names them). */
const char *sim_face_name(enum sim_face f)
{
	static const char *const names[SIM_FACE_COUNT] = { "zone", "kalloc", "boot", "rmap" };
	return names[f];
}

/* libstrata's error sink: every report is a failed check (the call becomes a no-op),
 * except out-of-memory from a never-fail call (a non-exhaustible zalloc, where Mach
 * panicked) at a time the simulated VM had already refused a map: that is the machine
 * being out of memory (a small --pages), not a fault of libstrata. */
static void sim_error_handler(strata_error_kind_t kind, const void *ptr, const char *message, void *arg)
{
	(void)arg;
	if (kind == STRATA_ERR_OOM && sim.phys.map_fails > 0) {
		sim.oom_reports++;
		return;
	}
	sim_fail("libstrata error sink: %s at %p: %s", strata_error_kind_name(kind), ptr, message);
}

/* Parse an unsigned number argument; exits with usage status 2 when it is not one. */
static unsigned long sim_arg_number(const char *opt, const char *value)
{
	char *end;
	if (value == NULL || *value == '\0' || *value == '-') {
		fprintf(stderr, "strata-sim: %s needs a number\n", opt);
		exit(2);
	}
	unsigned long n = strtoul(value, &end, 0);
	if (*end != '\0') {
		fprintf(stderr, "strata-sim: %s: '%s' is not a number\n", opt, value);
		exit(2);
	}
	return n;
}

/* Usage text. */
static void sim_usage(FILE *out)
{
	fprintf(out, "usage: strata-sim [--seed N] [--rounds N] [--pages N] [--dot FILE] [--topology FILE]\n"
	        "  --seed N    seed of the deterministic caller mix (default 1)\n"
	        "  --rounds N  rounds of IPC / VM / driver / pager work (default 20000)\n"
	        "  --pages N   page frames of the simulated VM (default 16384, at least 64)\n"
	        "  --dot FILE  write the kernel allocation flow with measured counts as DOT\n"
	        "  --topology FILE  also write libstrata's own runtime graph (strata_topology_dot)\n"
	        "  --corrupt N self-test: flip a byte of a live block after round N; the run\n"
	        "              must then fail, naming the block\n");
}

/* The face calls the sim counted against libstrata's own counters for those faces (one
 * thread, so the per-thread counters sum exactly). Every face must match exactly: zone,
 * boot, rmap, kget, krealloc, and kalloc + kfree (libstrata's krealloc does its inner
 * allocation and free uncounted, so it adds nothing to them; the summary prints the
 * difference, which must be 0). */
static void sim_cross_check(void)
{
	unsigned long mine[SIM_FACE_COUNT] = { 0 };
	for (int s = 0; s < SIM_SUBSYS_COUNT; s++)
		for (int f = 0; f < SIM_FACE_COUNT; f++)
			mine[f] += sim.calls[s][f];
	unsigned long zone = strata_stats_get("zone", "zalloc") + strata_stats_get("zone", "zget") +
	                     strata_stats_get("zone", "zfree");
	unsigned long boot = strata_stats_get("boot", "malloc") + strata_stats_get("boot", "realloc") +
	                     strata_stats_get("boot", "free") + strata_stats_get("boot", "kget_space");
	unsigned long rmap = strata_stats_get("rmap", "rmalloc") + strata_stats_get("rmap", "rmfree");
	unsigned long kget = strata_stats_get("kalloc", "kget");
	unsigned long krealloc = strata_stats_get("kalloc", "krealloc");
	unsigned long kalfree = strata_stats_get("kalloc", "kalloc") + strata_stats_get("kalloc", "kfree");
	unsigned long mine_kalfree = mine[SIM_FACE_KALLOC] - sim.kget_calls - sim.krealloc_calls;
	if (mine[SIM_FACE_ZONE] != zone)
		sim_fail("zone face: the sim made %lu calls, libstrata counted %lu", mine[SIM_FACE_ZONE], zone);
	if (mine[SIM_FACE_BOOT] != boot)
		sim_fail("boot face: the sim made %lu calls, libstrata counted %lu", mine[SIM_FACE_BOOT], boot);
	if (mine[SIM_FACE_RMAP] != rmap)
		sim_fail("rmap face: the sim made %lu calls, libstrata counted %lu", mine[SIM_FACE_RMAP], rmap);
	if (sim.kget_calls != kget)
		sim_fail("kget: the sim made %lu calls, libstrata counted %lu", sim.kget_calls, kget);
	if (sim.krealloc_calls != krealloc)
		sim_fail("krealloc: the sim made %lu calls, libstrata counted %lu", sim.krealloc_calls, krealloc);
	if (kalfree != mine_kalfree)
		sim_fail("kalloc + kfree: the sim made %lu calls, libstrata counted %lu",
		         mine_kalfree, kalfree);
	sim.kalloc_overcount = kalfree - mine_kalfree;
}

/* One round: a subsystem picked by weight (IPC busiest, as in a Mach kernel). */
static void sim_round(void)
{
	uint64_t r = sim_rand(100);
	if (r < 40)
		sim_ipc_step();
	else if (r < 65)
		sim_vm_step();
	else if (r < 80)
		sim_driver_step();
	else
		sim_pager_step();
}

/* Boot, hand off, run, stop, check, report. */
int main(int argc, char **argv)
{
	unsigned long pages = 16384;
	sim.seed = 1;
	sim.rounds = 20000;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
			sim.seed = sim_arg_number(argv[i], argv[i + 1]);
			i++;
		} else if (strcmp(argv[i], "--rounds") == 0 && i + 1 < argc) {
			sim.rounds = sim_arg_number(argv[i], argv[i + 1]);
			i++;
		} else if (strcmp(argv[i], "--pages") == 0 && i + 1 < argc) {
			pages = sim_arg_number(argv[i], argv[i + 1]);
			i++;
		} else if (strcmp(argv[i], "--corrupt") == 0 && i + 1 < argc) {
			sim.corrupt_at = sim_arg_number(argv[i], argv[i + 1]);
			i++;
		} else if (strcmp(argv[i], "--dot") == 0 && i + 1 < argc) {
			sim.dot_path = argv[++i];
		} else if (strcmp(argv[i], "--topology") == 0 && i + 1 < argc) {
			sim.topology_path = argv[++i];
		} else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			sim_usage(stdout);
			return 0;
		} else {
			fprintf(stderr, "strata-sim: unknown or incomplete option '%s'\n", argv[i]);
			sim_usage(stderr);
			return 2;
		}
	}
	sim.rng = (sim.seed + 1) * 0x9E3779B97F4A7C15ULL;
	if (pages < 64) {
		fprintf(stderr, "strata-sim: --pages must be at least 64\n");
		return 2;
	}

	/* 1. boot */
	if (sim_physmem_init(&sim.phys, pages) != 0) {
		fprintf(stderr, "strata-sim: cannot allocate %lu simulated page frames\n", pages);
		return 1;
	}
	strata_error_handler_set(sim_error_handler, NULL);
	sim.boot_region = sizeof sim_boot_region;
	if (strata_boot_init(sim_boot_region, sizeof sim_boot_region) != 0) {
		fprintf(stderr, "strata-sim: strata_boot_init failed\n");
		return 1;
	}
	strata_boot_host_set(&sim.phys.host);

	/* 2. the default pager, on the boot face */
	sim_pager_boot();
	sim.static_maps = strata_stats_get("page", "map");
	strata_boot_info_t bi;
	strata_boot_info(&bi);
	if (sim.phys.maps != bi.host_grows)
		sim_fail("before hand-off the engine took %lu host maps (kget_space: %lu)",
		         sim.phys.maps, bi.host_grows);

	/* 3. hand-off to the simulated VM */
	sim.host_source.ops = &strata_page_host;
	sim.host_source.ctx = &sim.phys.host;
	if (strata_page_source_switch(&sim.host_source) != 0)
		sim_fail("strata_page_source_switch to the host failed");
	sim.handed_off = 1;

	/* 4. run */
	sim_ipc_start();
	sim_vm_start();
	sim_driver_start();
	for (unsigned long r = 0; r < sim.rounds; r++) {
		sim_round();
		if (sim.corrupt_at != 0 && r + 1 == sim.corrupt_at && sim_ledger_corrupt() != 0)
			sim_fail("--corrupt: no live block to corrupt after round %lu", r + 1);
	}

	/* 5. stop and check */
	sim_ipc_stop();
	sim_vm_stop();
	sim_driver_stop();
	sim_pager_stop();
	if (sim_ledger_live() != 0)
		sim_fail("%zu blocks still live after every subsystem stopped", sim_ledger_live());
	if (sim_pager_swap_free_units() != sim_pager_swap_units())
		sim_fail("swap map: %zu of %zu blocks free after every object died",
		         sim_pager_swap_free_units(), sim_pager_swap_units());
	if (slab_verify() != 0)
		sim_fail("slab_verify found the engine inconsistent");
	if (boot_verify() != 0)
		sim_fail("boot_verify found the kget_space bump space inconsistent");
	size_t released = zone_gc();
	sim_cross_check();
	if (sim.phys.bad_unmaps != 0)
		sim_fail("%lu bad vm_unmap calls", sim.phys.bad_unmaps);
	if (sim.phys.maps + sim.phys.map_fails == 0)
		sim_fail("the simulated VM was never asked for pages");

	printf("strata-sim: seed %lu, %lu rounds, %zu frames of %zu bytes, boot region %u KiB\n",
	       sim.seed, sim.rounds, sim.phys.pages, strata_page_size(), SIM_BOOT_REGION >> 10);
	sim_pager_report(stdout);
	sim_ipc_report(stdout);
	sim_vm_report(stdout);
	sim_driver_report(stdout);
	for (int s = 0; s < SIM_SUBSYS_COUNT; s++)
		printf("calls:  %-6s zone %lu, kalloc %lu, boot %lu, rmap %lu; NULL answers %lu\n",
		       sim_subsys_name((enum sim_subsys)s), sim.calls[s][SIM_FACE_ZONE],
		       sim.calls[s][SIM_FACE_KALLOC], sim.calls[s][SIM_FACE_BOOT],
		       sim.calls[s][SIM_FACE_RMAP], sim.nulls[s]);
	strata_boot_info(&bi);
	printf("boot:   kget_space %zu bytes used, %lu grows from the region, %lu through vm_map\n",
	       bi.space_used, bi.core_grows, bi.host_grows);
	printf("vm:     %lu vm_map, %lu vm_unmap, %lu failed maps; peak %zu frames, %zu in use"
	       " at exit; page tables page-aligned: %lu of %lu; zone_gc released %zu bytes\n",
	       sim.phys.maps, sim.phys.unmaps, sim.phys.map_fails, sim.phys.peak, sim.phys.in_use,
	       sim.page_tables_aligned, sim.page_tables, released);
	printf("counts: the sim's calls checked against libstrata's face counters; kalloc + kfree"
	       " counted %lu more than made (must be 0)\n", sim.kalloc_overcount);
	printf("checks: %lu blocks verified at free, %lu failures, %lu libstrata errors"
	       " (%lu out-of-memory reports with the simulated VM full)\n",
	       sim.checked, sim.failures, strata_error_count(), sim.oom_reports);

	if (sim.dot_path != NULL && sim_flow_write(sim.dot_path) != 0)
		sim.failures++;
	if (sim.topology_path != NULL && sim_flow_topology_write(sim.topology_path) != 0)
		sim.failures++;
	sim_ledger_fini();
	return sim.failures ? 1 : 0;
}

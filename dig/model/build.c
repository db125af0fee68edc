/*
 * dig/model/build.c: from scanned facts to an allocation topology, stage by stage.
 *
 * The scan gives, per file, definitions, calls, macros, registrations, globals and raw
 * evidence, with lines, and knows nothing about allocation. The model turns them into a
 * call graph and reads the allocators off that graph by analysis, in six stages, each in
 * its own file and each reading only what the stages before it left on the model:
 *
 *  1. link (link.c, with include.c): one node per live definition (not in #if 0, not in a
 *     byte-identical copy, which is counted and listed instead) and one per external name
 *     (called, never defined); every live call resolved by the rules a C linker and a
 *     reader would use (scope, link units, arity, nearness), ambiguous when several
 *     candidates remain; ops-table dispatches joined to registrations; edges.
 *  2. classify (classify.c, with the behaviour rules of partner.c, claim.c, slot.c,
 *     listpool.c and forward.c, which find entry points, and refute.c, which undoes them):
 *     entry points from name, shape *and* behaviour; release entry
 *     points beside them; wrappers (stateless entry points that forward); backends
 *     (vocabulary names, defined or external; page sources behind ops tables). Tests,
 *     benchmarks and examples never hold entry points: their functions are callers. Its
 *     indexes (types, globals, ambiguous calls) stay on the model (model->cls).
 *  3. group (group.c): the files with entry points, merged into implementations when they
 *     share non-static data (one domain, one link unit, no layer over another).
 *  4. impl (impl.c): each implementation's members, name, domain and backend chain; then
 *     its role (role.c), from what its entry points do, with the evidence.
 *  5. features (features.c, with lockhelp.c): threading, debugging, alignment, zeroing,
 *     with the lines that show them; then the implementations are sorted and numbered.
 *  6. measure (measure.c): call counts per API and per file (live calls only), fan-in,
 *     kernel reach, LOC, critical-path allocators and the redundancy factor
 *     RF = stateful implementations / distinct roles among them.
 *
 * Debug builds (STRATA_DIG_DEBUG >= 2, dig/assert.h) check the model's invariants after
 * every stage (model_verify). Failure: out of memory gives NULL; nothing is printed.
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>

#include "dig/model/model_impl.h"

#define MODEL_MMAP_MIN (256 * 1024)  /* glibc: blocks this big and over are mmapped */

/* Debug builds: does the model hold its invariants after `stage`? Prints the broken one
 * (for the assertion that calls this) and returns 0 when not. Release builds only
 * type-check the call (ASSERT_EXPENSIVE is a sizeof there), so it is marked unused: clang flags
 * an unneeded static function. */
__attribute__((unused)) static int build_verified(const struct model *model, enum model_stage stage)
{
	const char *broken = model_verify(model, stage);
	if (broken)
		fprintf(stderr, "strata: model invariant broken after stage %d: %s\n", (int)stage, broken);
	return broken == NULL;
}

/* Stages 3 and 4: group the files, build one implementation per group, give each its role. */
static int build_impls(struct model *model)
{
	uint32_t *group = NULL, ngroups = 0;
	int rc = model_group_files(model, &group, &ngroups);
	model_timing_mark("model: groups");
	if (rc == 0)
		rc = model_impls_build(model, group, ngroups);
	if (rc == 0)
		rc = model_roles_build(model);
	free(group);
	model_timing_mark("model: impls");
	return rc;
}

/* The stages in order; 0, or -1 when out of memory. */
static int build_stages(struct model *model)
{
	if (model_link_build(model))
		return -1;
#ifdef __GLIBC__
	/* the link state and the include tables are freed, part of them from the arenas of
	 * the threads that built them (model_parallel_for), which keep the pages: give
	 * those back before the model grows again (the peak is the writers') */
	malloc_trim(0);
#endif
	ASSERT_EXPENSIVE(build_verified(model, MODEL_STAGE_LINK));
	if (model_classify_build(model))
		return -1;
	model_timing_mark("model: entry points");
	ASSERT_EXPENSIVE(build_verified(model, MODEL_STAGE_CLASSIFY));
	if (build_impls(model))
		return -1;
	ASSERT_EXPENSIVE(build_verified(model, MODEL_STAGE_IMPL));
	/* classify's indexes serve the stages up to here only */
	model_cls_free(model);
	if (model_features_build(model) || model_impls_sort(model))
		return -1;
	model_timing_mark("model: features");
	ASSERT_EXPENSIVE(build_verified(model, MODEL_STAGE_SORTED));
	if (model_measure_build(model))
		return -1;
	ASSERT_EXPENSIVE(build_verified(model, MODEL_STAGE_MEASURE));
	return 0;
}

/* Build the model: the stages in turn. */
struct model *model_create(const struct dig_tree *tree, struct model_vocab *vocab, unsigned jobs)
{
	struct model *model = calloc(1, sizeof *model);
	if (!model) {
		model_vocab_destroy(vocab);
		return NULL;
	}
	model->tree = tree;
	model->vocab = vocab;
	model->jobs = jobs;
#ifdef __GLIBC__
	/* from here on every table of MODEL_MMAP_MIN bytes or more is a mapping of its own:
	 * freed (a stage's indexes, the writers' scratch), it goes back to the system at once,
	 * and grown (realloc) it is remapped, not copied beside itself. glibc's default
	 * threshold rises with each big block freed (up to 32 MiB), which left the stages'
	 * freed tables resident in the heap under the writers' peak. */
	mallopt(M_MMAP_THRESHOLD, MODEL_MMAP_MIN);
#endif
	model_timing_mark("scan");
	if (build_stages(model)) {
		model_cls_free(model);
		model_destroy(model);
		return NULL;
	}
#ifdef __GLIBC__
	/* the stages' indexes are freed: give their pages back before the writers, whose
	 * tables are the run's peak of memory */
	malloc_trim(0);
#endif
	return model;
}

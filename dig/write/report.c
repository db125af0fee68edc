/*
 * dig/write/report.c: report.md, in the shape of the seed report (Executive Summary,
 * Allocator Taxonomy, Dependency Analysis) with every number from the model and nothing
 * left open: where the model found nothing, the report says so. Names and paths are code
 * spans (write_md_code), prose from the model goes through write_md_text.
 */
#include <stdlib.h>
#include <string.h>

#include "dig/write/write_impl.h"

/* The plural ending for a count. */
#define PL(n) WRITE_PL(n)

/* The report's format: 2 puts the ranked first page before the old sections (now the appendix). */
#define REPORT_FORMAT 2

/* The last component of the root, for the title. */
static const char *report_title(const char *root)
{
	static char buf[256];
	size_t n;
	const char *slash;
	if (!root || !*root)
		return ".";
	n = strlen(root);
	while (n > 1 && root[n - 1] == '/')
		n--;
	if (n >= sizeof buf)
		n = sizeof buf - 1;
	memcpy(buf, root, n);
	buf[n] = '\0';
	slash = strrchr(buf, '/');
	return slash && slash[1] ? slash + 1 : buf;
}

/* Print an implementation's backend chain: a -> b -> c. */
static void report_chain(const struct model *m, const struct model_impl *impl, FILE *to)
{
	for (uint32_t i = 0; i < impl->nchain; i++) {
		if (i)
			fputs(" → ", to);
		write_md_code(to, m->nodes[impl->chain[i]].name);
	}
	if (impl->chain_ambiguous) {
		fputs(" → ", to);
		write_md_code(to, impl->chain_ambiguous);
		if (impl->chain_ambiguous_cands)
			fprintf(to, " (ambiguous: %u candidate definitions)", impl->chain_ambiguous_cands);
		else
			fputs(" (an ops-table method: no registration found)", to);
	}
	if (impl->self_contained) {
		if (impl->arena_bytes)
			fprintf(to, " (self-contained: static arena of %llu bytes)", (unsigned long long)impl->arena_bytes);
		else
			fputs(" (self-contained: reaches no backend)", to);
	}
}

/* The entry points of an implementation, as a comma list of code spans. */
static void report_api(const struct model *m, const struct model_impl *impl, FILE *to)
{
	int first = 1;
	for (uint32_t i = 0; i < impl->nnodes; i++) {
		const struct model_node *n = &m->nodes[impl->nodes[i]];
		if (!(n->flags & (MODEL_NODE_ALLOC | MODEL_NODE_FREE)))
			continue;
		if (!first)
			fputs(", ", to);
		first = 0;
		write_md_code(to, n->name);
		fprintf(to, " (%s)", model_node_kind(m, impl->nodes[i]));
	}
	if (first)
		fputs("none", to);
}

/* How many items a summary list shows before it says "and N more". */
#define REPORT_LIST_MAX 25

/* Order implementation indices by call sites (descending), then name (qsort_r: no global
 * sort state, writers run on two threads). */
static int report_calls_cmp(const void *a, const void *b, void *model)
{
	const struct model *m = model;
	const struct model_impl *x = &m->impls[*(const uint32_t *)a];
	const struct model_impl *y = &m->impls[*(const uint32_t *)b];
	if (x->calls != y->calls)
		return x->calls > y->calls ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Executive summary. */
static void report_summary(struct write_ctx *ctx, FILE *to)
{
	const struct model *m = ctx->model;
	uint32_t by_calls[REPORT_LIST_MAX + 1];
	uint32_t *all = malloc(((size_t)m->nimpls + 1) * sizeof *all);

	/* the busiest implementations, for the dependency patterns */
	for (uint32_t k = 0; k < m->nimpls && all; k++)
		all[k] = k;
	if (all && m->nimpls)
		qsort_r(all, m->nimpls, sizeof *all, report_calls_cmp, (void *)m);
	for (uint32_t i = 0; i < m->nimpls && i < REPORT_LIST_MAX; i++)
		by_calls[i] = all ? all[i] : i;
	free(all);
	uint32_t per_domain[MODEL_DOMAIN_COUNT] = { 0 };
	uint32_t thr_none = 0, thr_mutex = 0, thr_spin = 0, thr_other = 0, dbg = 0, zero = 0, align = 0;

	for (uint32_t k = 0; k < m->nimpls; k++) {
		const struct model_impl *impl = &m->impls[k];
		per_domain[impl->domain]++;
		if (!impl->threading)
			thr_none++;
		thr_mutex += (impl->threading & MODEL_THREAD_MUTEX) != 0;
		thr_spin += (impl->threading & MODEL_THREAD_SPIN) != 0;
		thr_other += (impl->threading & MODEL_THREAD_OTHER) != 0;
		dbg += impl->feat[MODEL_FEAT_DEBUGGING].nev != 0;
		zero += impl->feat[MODEL_FEAT_ZEROING].nev != 0;
		align += impl->feat[MODEL_FEAT_ALIGNMENT].nev != 0;
	}
	fputs("## A. Scope and totals\n", to);
	fprintf(to, "- **Scan Scope**: %u file%s read (%u C source%s, %u header%s), %u skipped, %u partially parsed, "
	        "%u byte-identical cop%s counted once; %llu line%s, %llu line%s of code; %llu line%s inside `#if 0` "
	        "(%u call%s and %u function definition%s there excluded). %u live function definition%s, %u live "
	        "call site%s, %u of them allocation site%s (%u ambiguous, %u ops-table dispatch%s).\n",
	        m->files, PL(m->files), m->files_c, PL(m->files_c), m->files_h, PL(m->files_h), m->skipped, m->partial,
	        m->copies, m->copies == 1 ? "y" : "ies", (unsigned long long)m->lines, PL(m->lines),
	        (unsigned long long)m->loc, PL(m->loc), (unsigned long long)m->dead_lines, PL(m->dead_lines),
	        m->dead_calls, PL(m->dead_calls), m->dead_funcs, PL(m->dead_funcs), m->ndefs, PL(m->ndefs), m->ncalls,
	        PL(m->ncalls), m->alloc_sites, PL(m->alloc_sites), m->ambiguous_calls, m->dispatch_calls,
	        m->dispatch_calls == 1 ? "" : "es");
	fprintf(to, "- **Allocator Types Identified**: %u implementation%s (%u kernel, %u user, %u boot, %u root).\n",
	        m->nimpls, PL(m->nimpls), per_domain[MODEL_DOMAIN_KERNEL], per_domain[MODEL_DOMAIN_USER],
	        per_domain[MODEL_DOMAIN_BOOT], per_domain[MODEL_DOMAIN_ROOT]);
	fputs("- **Observed Dependency Patterns**", to);
	if (!m->nimpls)
		fputs(": none (no allocator found).", to);
	else if (m->nimpls > REPORT_LIST_MAX)
		fprintf(to, " (the %d implementations with the most call sites; all in *Dependency Analysis*):",
		        REPORT_LIST_MAX);
	else
		fputc(':', to);
	fputc('\n', to);
	for (uint32_t i = 0; i < m->nimpls && i < REPORT_LIST_MAX; i++) {
		fputs("    - ", to);
		report_chain(m, &m->impls[by_calls[i]], to);
		fputs(".\n", to);
	}
	fprintf(to, "- **Feature Variations**: threading: %u without locks, %u with mutexes, %u with spinlocks, %u with other "
	        "exclusion; %u with debugging aids; %u with alignment evidence; %u zeroing. Details with evidence lines in "
	        "`allocator-features.txt`.\n",
	        thr_none, thr_mutex, thr_spin, thr_other, dbg, align, zero);
	fprintf(to, "- **Redundancy Factor**: RF = I / R = %u / %u = **%.2f** (%.1f%% of the allocators duplicate a "
	        "role). I counts the allocators of the ranked list that keep their own state (copies once; wrappers, "
	        "layers, build alternatives and suspects left out), R the distinct roles among them; *Appendix D* lists "
	        "the members of each role.\n",
	        ctx->rank.rf_rows, ctx->rank.rf_roles, ctx->rank.rf, ctx->rank.rf_percent);
	fputs("- **Critical-path allocators**: by fan-in: ", to);
	if (!m->ncritical_fanin)
		fputs("none called", to);
	for (uint32_t i = 0; i < m->ncritical_fanin; i++) {
		const struct model_impl *impl = &m->impls[m->critical_fanin[i]];
		if (i)
			fputs(", ", to);
		write_md_code(to, impl->name);
		fprintf(to, " (%u function%s in %u file%s)", impl->fanin_funcs, PL(impl->fanin_funcs), impl->fanin_files,
		        PL(impl->fanin_files));
	}
	fputs("; by kernel reach: ", to);
	if (!m->ncritical_kernel)
		fputs("none reached from kernel code", to);
	for (uint32_t i = 0; i < m->ncritical_kernel; i++) {
		const struct model_impl *impl = &m->impls[m->critical_kernel[i]];
		if (i)
			fputs(", ", to);
		write_md_code(to, impl->name);
		fprintf(to, " (%u kernel function%s)", impl->kernel_reach, PL(impl->kernel_reach));
	}
	fputs(".\n- **Generated Artifacts**: ", to);
	for (int i = 0; write_artifact_names[i]; i++)
		fprintf(to, "%s`%s`", i ? ", " : "", write_artifact_names[i]);
	fputs(".\n\n", to);
}

/* Allocator taxonomy by domain. */
static void report_taxonomy(struct write_ctx *ctx, FILE *to)
{
	const struct model *m = ctx->model;
	static const char *const titles[MODEL_DOMAIN_COUNT] = { "Kernel", "User space", "Boot / standalone", "Root level", "Tests" };
	fputs("## B. Allocator Taxonomy\n", to);
	for (int d = 0; d < MODEL_DOMAIN_TEST; d++) {
		int any = 0;
		fprintf(to, "\n### %s\n", titles[d]);
		for (uint32_t k = 0; k < m->nimpls; k++) {
			const struct model_impl *impl = &m->impls[k];
			if ((int)impl->domain != d)
				continue;
			any = 1;
			fprintf(to, "- **%s** ", impl->id);
			write_md_code(to, impl->name);
			fprintf(to, ": %s (", model_role_name(impl->role));
			write_md_text(to, impl->role_why);
			fputs("); domain: ", to);
			write_md_text(to, impl->domain_why);
			fprintf(to, "; %u LOC in %u file%s (", impl->loc, impl->nfiles, impl->nfiles == 1 ? "" : "s");
			for (uint32_t i = 0; i < impl->nfiles; i++) {
				if (i)
					fputs(", ", to);
				write_md_code(to, impl->files[i]);
			}
			fputs(").\n  API: ", to);
			report_api(m, impl, to);
			fputs(".\n", to);
		}
		if (!any)
			fputs("None found.\n", to);
	}
	fputc('\n', to);
}

/* Dependency analysis: per implementation. */
static void report_dependencies(struct write_ctx *ctx, FILE *to)
{
	const struct model *m = ctx->model;
	fputs("## C. Dependency Analysis\n\nCounts are live call sites; callers and callees outside the implementation.\n", to);
	if (!m->nimpls)
		fputs("\nNo allocator implementation was found in this tree.\n", to);
	for (uint32_t k = 0; k < m->nimpls; k++) {
		const struct model_impl *impl = &m->impls[k];
		fprintf(to, "\n### %u. %s ", k + 1, impl->id);
		write_md_code(to, impl->name);
		fputs("\n- **API**: ", to);
		report_api(m, impl, to);
		fputs("\n- **Backend chain**: ", to);
		report_chain(m, impl, to);
		fputs("\n- **Locking**: ", to);
		write_md_text(to, impl->feat[MODEL_FEAT_THREADING].summary);
		fputs("\n- **Debugging**: ", to);
		write_md_text(to, impl->feat[MODEL_FEAT_DEBUGGING].summary);
		fputs("; **alignment**: ", to);
		write_md_text(to, impl->feat[MODEL_FEAT_ALIGNMENT].summary);
		fputs("; **zeroing**: ", to);
		write_md_text(to, impl->feat[MODEL_FEAT_ZEROING].summary);
		fprintf(to, "\n- **Fan-in**: %u call site%s from %u function%s in %u file%s; kernel reach %u.\n", impl->calls,
		        PL(impl->calls), impl->fanin_funcs, PL(impl->fanin_funcs), impl->fanin_files, PL(impl->fanin_files),
		        impl->kernel_reach);
		fputs("- **Top callers**: ", to);
		if (!impl->ntop_callers)
			fputs("none in this tree", to);
		for (uint32_t i = 0; i < impl->ntop_callers && i < 8; i++) {
			const struct model_count *c = &impl->top_callers[i];
			if (i)
				fputs(", ", to);
			write_md_code(to, c->name);
			if (c->path) {
				fputs(" in ", to);
				write_md_code(to, c->path);
			}
			fprintf(to, " ×%u", c->count);
		}
		fputs("\n- **Top callees**: ", to);
		if (!impl->ntop_callees)
			fputs("none outside itself", to);
		for (uint32_t i = 0; i < impl->ntop_callees && i < 8; i++) {
			const struct model_count *c = &impl->top_callees[i];
			if (i)
				fputs(", ", to);
			write_md_code(to, c->name);
			fprintf(to, " ×%u", c->count);
		}
		fputc('\n', to);
	}
	fputc('\n', to);
}

/* How many rows of one family the first page shows; the appendix has all. */
#define REPORT_FAMILY_ROWS 6
/* How many links of a chain, subsystems of a row, items of a suspects line it shows. */
#define REPORT_CHAIN_MAX 3
#define REPORT_SUBS_MAX 3
#define REPORT_ITEMS_MAX 5

/* A chain in a few links: a → b → c → … */
static void report_chain_short(const struct model *m, const struct model_impl *impl, FILE *to)
{
	for (uint32_t i = 0; i < impl->nchain && i < REPORT_CHAIN_MAX; i++) {
		if (i)
			fputs(" → ", to);
		write_md_code(to, m->nodes[impl->chain[i]].name);
	}
	if (impl->nchain > REPORT_CHAIN_MAX)
		fputs(" → …", to);
	else if (impl->chain_ambiguous) {
		fputs(" → ", to);
		write_md_code(to, impl->chain_ambiguous);
		fputs(" (ambiguous)", to);
	}
	if (impl->self_contained)
		fputs(" (self-contained)", to);
}

/* name @ path, as code spans. */
static void report_impl_at(const struct model *m, uint32_t k, FILE *to)
{
	char entry[256];
	write_md_code(to, rank_entry_name(m, k, entry, sizeof entry));
	fputs(" @ ", to);
	write_md_code(to, rank_entry_file(m, k));
}

/* The counted rows of one role (the redundancy factor's members), as `entry` ×copies (with
 * " @ `file`" when at), comma-separated; at most limit of them, then "+N more". */
static void report_rf_members(const struct write_ctx *ctx, int role, uint32_t limit, int at, FILE *to)
{
	const struct model *m = ctx->model;
	const struct rank *r = &ctx->rank;
	uint32_t shown = 0;
	for (uint32_t x = 0; x < r->nrows; x++) {
		const struct rank_row *row = &r->rows[x];
		if (!row->counted || (int)m->impls[row->impl].role != role)
			continue;
		if (shown == limit) {
			fprintf(to, ", +%u more (*Appendix D*)", r->rf_per_role[role] - shown);
			break;
		}
		if (shown++)
			fputs(", ", to);
		if (at) {
			report_impl_at(m, row->impl, to);
		} else {
			char entry[256];
			write_md_code(to, rank_entry_name(m, row->impl, entry, sizeof entry));
		}
		if (row->ncopied > 1)
			fprintf(to, " ×%u", row->ncopied);
	}
}

/* One row of the ranking, on one line. */
static void report_row(const struct write_ctx *ctx, uint32_t i, uint32_t rank_in_family, FILE *to)
{
	const struct model *m = ctx->model;
	const struct rank_row *row = &ctx->rank.rows[i];
	const struct model_impl *impl = &m->impls[row->impl];
	char lock[160];
	fprintf(to, "%u. ", rank_in_family);
	report_impl_at(m, row->impl, to);
	if (row->ncopied > 1)
		fprintf(to, " ×%u copies", row->ncopied);
	fprintf(to, " — %s · ", model_role_name(impl->role));
	report_chain_short(m, impl, to);
	fprintf(to, " · %s · **%u** call site%s", rank_locking(m, row->impl, lock, sizeof lock), row->calls,
	        PL(row->calls));
	if (row->nsubs) {
		/* the shown folders' common parent once, then each folder's rest */
		uint32_t shown = row->nsubs < REPORT_SUBS_MAX ? row->nsubs : REPORT_SUBS_MAX;
		size_t common = shown > 1 ? strlen(row->subs[0].dir) : 0;
		for (uint32_t s = 1; s < shown; s++) {
			size_t n = 0;
			while (n < common && row->subs[s].dir[n] && row->subs[s].dir[n] == row->subs[0].dir[n])
				n++;
			common = n;
		}
		while (common && row->subs[0].dir[common - 1] != '/')
			common--;
		fputs(" from ", to);
		if (common) {
			char parent[512];
			snprintf(parent, sizeof parent, "%.*s", (int)common, row->subs[0].dir);
			write_md_code(to, parent);
			fputs(": ", to);
		}
		for (uint32_t s = 0; s < shown; s++) {
			if (s)
				fputs(", ", to);
			write_md_code(to, rank_sub_label(row->subs[s].dir + common));
			fprintf(to, " %u", row->subs[s].calls);
		}
		if (row->nsubs > REPORT_SUBS_MAX)
			fprintf(to, ", +%u more folder%s", row->nsubs - REPORT_SUBS_MAX, PL(row->nsubs - REPORT_SUBS_MAX));
	}
	if (row->wrappers)
		fprintf(to, " · %u wrapper%s", row->wrappers, PL(row->wrappers));
	if (impl->rf == MODEL_RF_ALTERNATIVE)
		fputs(" · build alternative", to);
	fputc('\n', to);
}

/* The first page: the allocators ranked by family, wrappers folded, suspects, the cleaned RF. */
static void report_first_page(const struct write_ctx *ctx, FILE *to)
{
	const struct model *m = ctx->model;
	const struct rank *r = &ctx->rank;
	uint32_t i = 0;

	fprintf(to, "**%u allocator%s** in %u row%s (%u cop%s folded in), ranked by call sites within each family; "
	        "%u wrapper%s folded under what they end at; %u layer%s over another's state; suspects below. "
	        "%u file%s, %u allocation site%s. Every implementation in full: *Appendix*.\n\n",
	        r->nrows + r->copies, PL(r->nrows + r->copies), r->nrows, PL(r->nrows), r->copies,
	        r->copies == 1 ? "y" : "ies", r->count[RANK_WRAPPER], PL(r->count[RANK_WRAPPER]), r->count[RANK_LAYER],
	        PL(r->count[RANK_LAYER]), m->files, PL(m->files), m->alloc_sites, PL(m->alloc_sites));
	fputs("## Allocators\n", to);
	if (!r->nrows)
		fputs("\nNo allocator that keeps its own state and hands memory out was found in this tree.\n", to);
	for (int f = 0; f < RANK_FAM_COUNT; f++) {
		uint32_t shown = 0;
		if (!r->fam_rows[f])
			continue;
		fprintf(to, "\n### %s (%u)\n", rank_family_name((enum rank_family)f), r->fam_rows[f]);
		for (; i < r->nrows && (int)r->rows[i].family == f; i++) {
			if (shown < REPORT_FAMILY_ROWS)
				report_row(ctx, i, shown + 1, to);
			shown++;
		}
		if (shown > REPORT_FAMILY_ROWS)
			fprintf(to, "- … and %u more with fewer call sites (*Appendix*)\n", shown - REPORT_FAMILY_ROWS);
	}
	fputs("\n## Wrappers, folded\n", to);
	if (!r->nfolds)
		fputs("None.\n", to);
	for (uint32_t f = 0; f < r->nfolds && f < REPORT_FAMILY_ROWS; f++) {
		const struct rank_fold *fold = &r->folds[f];
		fprintf(to, "- %u wrapper%s end%s at ", fold->wrappers, PL(fold->wrappers), fold->wrappers == 1 ? "s" : "");
		if (fold->row >= 0)
			report_impl_at(m, r->rows[fold->row].impl, to);
		else
			write_md_code(to, fold->name);
		fprintf(to, " (%u call site%s into them)\n", fold->calls, PL(fold->calls));
	}
	if (r->nfolds > REPORT_FAMILY_ROWS)
		fprintf(to, "- … and %u more ends\n", r->nfolds - REPORT_FAMILY_ROWS);

	fputs("\n## Suspects\n", to);
	fprintf(to, "- **Release-only** (%u: no allocating entry point, often a destructor)", r->nrelease_only);
	for (uint32_t s = 0; s < r->nrelease_only && s < REPORT_ITEMS_MAX; s++) {
		fputs(s ? ", " : ": ", to);
		report_impl_at(m, r->release_only[s], to);
		fprintf(to, " %u", m->impls[r->release_only[s]].calls);
	}
	if (r->nrelease_only > REPORT_ITEMS_MAX)
		fprintf(to, ", +%u more", r->nrelease_only - REPORT_ITEMS_MAX);
	fprintf(to, "\n- **Never called** (%u: stateful, no call site in the tree)", r->nno_callers);
	for (uint32_t s = 0; s < r->nno_callers && s < REPORT_ITEMS_MAX; s++) {
		fputs(s ? ", " : ": ", to);
		report_impl_at(m, r->no_callers[s], to);
	}
	if (r->nno_callers > REPORT_ITEMS_MAX)
		fprintf(to, ", +%u more", r->nno_callers - REPORT_ITEMS_MAX);
	fprintf(to, "\n- **Wrappers of nothing** (%u: forward to no allocator API that strata knows)",
	        r->wrappers_of_nothing);
	fprintf(to, "\n- **Files that glue several allocators** (%u: allocator code that calls two or more other "
	        "allocators)", r->nglue);
	for (uint32_t s = 0; s < r->nglue && s < REPORT_ITEMS_MAX; s++) {
		fputs(s ? ", " : ": ", to);
		write_md_code(to, r->glue[s].path);
		fprintf(to, " (%u)", r->glue[s].impls);
	}
	if (r->nglue > REPORT_ITEMS_MAX)
		fprintf(to, ", +%u more", r->nglue - REPORT_ITEMS_MAX);
	fputs("\n", to);

	fputs("\n## Redundancy factor\n", to);
	fprintf(to, "RF = rows / roles = %u / %u = **%.2f** on the list above (stateful allocators, copies counted "
	        "once, build alternatives, wrappers, layers and suspects left out). Members by role:\n", r->rf_rows,
	        r->rf_roles, r->rf);
	for (int role = 0; role < MODEL_ROLE_COUNT; role++) {
		if (!r->rf_per_role[role])
			continue;
		fprintf(to, "- %s (%u): ", model_role_name((enum model_role)role), r->rf_per_role[role]);
		report_rf_members(ctx, role, 2 * REPORT_FAMILY_ROWS, 0, to);
		fputc('\n', to);
	}
	fputc('\n', to);
}

/* Appendix D: the redundancy factor of the first page, defined, with every member. */
static void report_redundancy(const struct write_ctx *ctx, FILE *to)
{
	const struct rank *r = &ctx->rank;
	uint32_t uncounted = r->nrows - r->rf_rows, suspects = r->nrelease_only + r->nno_callers;
	fputs("## D. Redundancy Factor\n\n", to);
	fputs("Definition: **RF = I / R**, where *I* is the number of allocators on the ranked list that keep their own "
	      "state (a row and its copies count once) and *R* the number of distinct roles among them. Two allocators "
	      "have the same role when the analysis gives them the same role class (general-purpose, kernel general, "
	      "fixed-size objects, page-level, resource map, early-boot). RF = 1 means one allocator per role; the "
	      "percentage 100 × (1 − R / I) is the share of allocators a unification could remove while keeping every "
	      "role. The dig summary, report.html and `topology.json` show this same number.\n\n", to);
	fprintf(to, "Inputs: I = %u, R = %u. Result: RF = %.2f (%.1f%%).\n\n", r->rf_rows, r->rf_roles, r->rf,
	        r->rf_percent);
	fprintf(to, "Not counted in I: %u cop%s (counted with %s row), %u wrapper%s (they forward), %u layer%s over "
	        "another implementation's state (no variable of their own), %u build alternative%s (a row that defines "
	        "two or more public entry points of an earlier one by name, in the same or a sibling folder, or one in "
	        "another machine port: a build links one of them), %u suspect%s (release-only or never called).\n\n",
	        r->copies, r->copies == 1 ? "y" : "ies", r->copies == 1 ? "its" : "their", r->count[RANK_WRAPPER],
	        PL(r->count[RANK_WRAPPER]), r->count[RANK_LAYER], PL(r->count[RANK_LAYER]), uncounted, PL(uncounted),
	        suspects, PL(suspects));
	fputs("| role | allocators | members |\n|---|---|---|\n", to);
	for (int role = 0; role < MODEL_ROLE_COUNT; role++) {
		if (!r->rf_per_role[role])
			continue;
		fprintf(to, "| %s | %u | ", model_role_name((enum model_role)role), r->rf_per_role[role]);
		report_rf_members(ctx, role, UINT32_MAX, 1, to);
		fputs(" |\n", to);
	}
	fputc('\n', to);
}

/* report.md */
int write_report_md(struct write_ctx *ctx, FILE *to)
{
	const struct model *m = ctx->model;
	fputs("# ", to);
	/* the tree's own name: from its absolute path when known ("." says nothing) */
	write_md_text(to, report_title(ctx->opts->root_abs ? ctx->opts->root_abs
	                                                   : ctx->opts->root ? ctx->opts->root : m->tree->root));
	fputs(" Memory Allocation Topology\n\n", to);
	fprintf(to, "*Written by strata dig (report format %d) from a parse of every C file in the tree; every number "
	        "below can be traced to the lines listed in the other artifacts.*\n\n", REPORT_FORMAT);
	report_first_page(ctx, to);
	fputs("---\n# Appendix\n\n", to);
	report_summary(ctx, to);
	report_taxonomy(ctx, to);
	report_dependencies(ctx, to);
	report_redundancy(ctx, to);
	fputs("## E. Method and limits\n\n", to);
	fputs("Calls are resolved by scope, arity and nearness in the tree; calls that remain ambiguous are listed with "
	      "every candidate in `raw-allocation-sites.txt` and not credited to any one implementation. Code inside "
	      "`#if 0` and byte-identical copies are excluded from every count. Function-pointer calls that no ops-table "
	      "registration explains are not followed. The vocabulary of allocator, backend, lock and debug names is "
	      "data (`--vocab FILE` extends it).\n", to);
	if (m->tree->ndiags) {
		fprintf(to, "\n%u input%s could not be read fully:\n\n", m->tree->ndiags, m->tree->ndiags == 1 ? "" : "s");
		for (uint32_t i = 0; i < m->tree->ndiags && i < 50; i++) {
			fputs("- ", to);
			write_md_code(to, m->tree->diags[i].path);
			fputs(": ", to);
			write_md_text(to, m->tree->diags[i].reason);
			fputc('\n', to);
		}
		if (m->tree->ndiags > 50)
			fprintf(to, "- … and %u more (see `topology.json`)\n", m->tree->ndiags - 50);
	}
	return 0;
}

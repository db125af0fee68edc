/*
 * dig/write/html.c: report.html, one self-contained page: no network, its style, script,
 * data and graphs inline, so it opens from file:// anywhere. Theory.
 *
 * Written after the SVG renderings (the writers' pool in write.c runs it last, once both
 * DOT files are rendered), so it can inline the two graphs as they were drawn; without
 * graphviz it says so instead.
 * The page holds:
 *   - the overview: report.md's first page as HTML (the ranking of write/rank.c), every
 *     allocator a link `#implN`;
 *   - the data, one JSON block: every implementation (name, kind, family, role, domain,
 *     counts, locking, chain, API with file:line, files, features with at most
 *     HTML_MAX_EVIDENCE evidence lines each) and every allocation site (file, line, calling
 *     function, callee, the implementation it resolves to), names and paths in string
 *     tables so a site is five numbers;
 *   - the script (write/html/report.js, embedded at build time): the tables of
 *     implementations and call sites, sortable and filterable, rendered a page of rows at a
 *     time; the detail of an allocator (API, chain, features with evidence, callers with
 *     file:line) whenever the location is #implN, which every allocator link and every
 *     graph node sets; a search box over function names.
 * Escaping: text through write_html_text, JSON through write_json_string_html (no `<`
 * survives inside the data block), SVG as graphviz wrote it (graphviz escapes its labels).
 */
#include <stdlib.h>
#include <string.h>

#include "dig/write/html_assets.h"
#include "dig/write/strtab.h"
#include "dig/write/write_impl.h"

/* Evidence lines per feature per implementation in the page (the .txt has them all). */
#define HTML_MAX_EVIDENCE 12
/* Rows per family on the overview (the tables have all). */
#define HTML_FAMILY_ROWS 10

/* name @ file as a link to the implementation's detail. */
static void html_impl_link(const struct model *m, uint32_t k, FILE *to)
{
	fprintf(to, "<a class=\"impl\" href=\"#%s\">", m->impls[k].id);
	write_html_text(to, m->impls[k].name);
	fputs("</a>", to);
}

/* One row of the ranking. */
static void html_row(const struct write_ctx *ctx, const struct rank_row *row, FILE *to)
{
	const struct model *m = ctx->model;
	const struct model_impl *impl = &m->impls[row->impl];
	char lock[160];
	fputs("<li>", to);
	html_impl_link(m, row->impl, to);
	if (row->ncopied > 1)
		fprintf(to, " ×%u copies", row->ncopied);
	fprintf(to, " — %s · ", model_role_name(impl->role));
	for (uint32_t c = 0; c < impl->nchain && c < 4; c++) {
		fputs(c ? " → <code>" : "<code>", to);
		write_html_text(to, m->nodes[impl->chain[c]].name);
		fputs("</code>", to);
	}
	if (impl->nchain > 4)
		fputs(" → …", to);
	fputs(" · ", to);
	write_html_text(to, rank_locking(m, row->impl, lock, sizeof lock));
	fprintf(to, " · <b>%u</b> call site%s", row->calls, row->calls == 1 ? "" : "s");
	for (uint32_t s = 0; s < row->nsubs && s < 3; s++) {
		fputs(s ? ", " : " from ", to);
		write_html_text(to, rank_sub_label(row->subs[s].dir));
		fprintf(to, " <span class=\"count\">%u</span>", row->subs[s].calls);
	}
	if (row->nsubs > 3)
		fprintf(to, ", +%u more folders", row->nsubs - 3);
	if (row->wrappers)
		fprintf(to, " · %u wrapper%s", row->wrappers, row->wrappers == 1 ? "" : "s");
	fputs("</li>\n", to);
}

/* The overview: the ranking, the folds, the suspects, the cleaned redundancy factor. */
static void html_overview(const struct write_ctx *ctx, FILE *to)
{
	const struct model *m = ctx->model;
	const struct rank *r = &ctx->rank;
	uint32_t i = 0;
	fprintf(to, "<p><b>%u allocator%s</b> in %u row%s (%u cop%s folded in), ranked by call sites within each family; "
	        "%u wrapper%s folded under what they end at; %u layer%s; %u files, %u allocation sites. Every "
	        "implementation: <a data-page=\"p-impls\" href=\"javascript:void 0\" onclick=\"document.querySelector("
	        "'nav a[data-page=p-impls]').click()\">Implementations</a>.</p>\n",
	        r->nrows + r->copies, WRITE_PL(r->nrows + r->copies), r->nrows, WRITE_PL(r->nrows), r->copies,
	        r->copies == 1 ? "y" : "ies", r->count[RANK_WRAPPER], WRITE_PL(r->count[RANK_WRAPPER]), r->count[RANK_LAYER],
	        WRITE_PL(r->count[RANK_LAYER]), m->files, m->alloc_sites);
	fputs("<h2>Allocators</h2>\n", to);
	if (!r->nrows)
		fputs("<p>No allocator that keeps its own state and hands memory out was found.</p>\n", to);
	for (int f = 0; f < RANK_FAM_COUNT; f++) {
		uint32_t shown = 0;
		if (!r->fam_rows[f])
			continue;
		fprintf(to, "<h3>%s (%u)</h3>\n<ol class=\"rows\">\n", rank_family_name((enum rank_family)f), r->fam_rows[f]);
		for (; i < r->nrows && (int)r->rows[i].family == f; i++, shown++)
			if (shown < HTML_FAMILY_ROWS)
				html_row(ctx, &r->rows[i], to);
		fputs("</ol>\n", to);
		if (shown > HTML_FAMILY_ROWS)
			fprintf(to, "<p class=\"muted\">… and %u more (Implementations)</p>\n", shown - HTML_FAMILY_ROWS);
	}
	fputs("<h2>Wrappers, folded</h2>\n<ul>\n", to);
	for (uint32_t f = 0; f < r->nfolds && f < HTML_FAMILY_ROWS; f++) {
		fprintf(to, "<li>%u wrapper%s end%s at ", r->folds[f].wrappers, r->folds[f].wrappers == 1 ? "" : "s",
		        r->folds[f].wrappers == 1 ? "s" : "");
		if (r->folds[f].row >= 0)
			html_impl_link(m, r->rows[r->folds[f].row].impl, to);
		else {
			fputs("<code>", to);
			write_html_text(to, r->folds[f].name);
			fputs("</code>", to);
		}
		fprintf(to, " (%u call sites into them)</li>\n", r->folds[f].calls);
	}
	fputs("</ul>\n<h2>Suspects</h2>\n<ul>\n", to);
	fprintf(to, "<li><b>Release-only</b> (%u)", r->nrelease_only);
	for (uint32_t s = 0; s < r->nrelease_only && s < 8; s++) {
		fputs(s ? ", " : ": ", to);
		html_impl_link(m, r->release_only[s], to);
	}
	fprintf(to, "</li>\n<li><b>Never called</b> (%u)", r->nno_callers);
	for (uint32_t s = 0; s < r->nno_callers && s < 8; s++) {
		fputs(s ? ", " : ": ", to);
		html_impl_link(m, r->no_callers[s], to);
	}
	fprintf(to, "</li>\n<li><b>Wrappers of nothing</b> (%u)</li>\n<li><b>Files that glue several allocators</b> (%u)",
	        r->wrappers_of_nothing, r->nglue);
	for (uint32_t s = 0; s < r->nglue && s < 8; s++) {
		fputs(s ? ", " : ": ", to);
		fputs("<code>", to);
		write_html_text(to, r->glue[s].path);
		fprintf(to, "</code> (%u)", r->glue[s].impls);
	}
	fprintf(to, "</li>\n</ul>\n<h2>Redundancy factor</h2>\n<p>RF = rows / roles = %u / %u = <b>%.2f</b> on the "
	        "list above (stateful allocators, copies counted once, build alternatives, wrappers, layers and suspects "
	        "left out). Members by role:</p>\n<ul>\n", r->rf_rows, r->rf_roles, r->rf);
	for (int role = 0; role < MODEL_ROLE_COUNT; role++) {
		if (!r->rf_per_role[role])
			continue;
		fprintf(to, "<li>%s (%u): ", model_role_name((enum model_role)role), r->rf_per_role[role]);
		for (uint32_t x = 0, shown = 0; x < r->nrows; x++) {
			const struct rank_row *row = &r->rows[x];
			if (!row->counted || (int)m->impls[row->impl].role != role)
				continue;
			if (shown++)
				fputs(", ", to);
			html_impl_link(m, row->impl, to);
			if (row->ncopied > 1)
				fprintf(to, " ×%u", row->ncopied);
		}
		fputs("</li>\n", to);
	}
	fputs("</ul>\n", to);
}

/* The data block: implementations with their detail, string tables, allocation sites. */
static int html_data(const struct write_ctx *ctx, FILE *to)
{
	const struct model *m = ctx->model;
	const struct rank *r = &ctx->rank;
	struct strtab names, paths;
	int rc = -1;
	if (strtab_init(&names, 0) || strtab_init(&paths, 0))
		goto out;
	fputs("{\"v\":1,\"impls\":[", to);
	for (uint32_t k = 0; k < m->nimpls; k++) {
		const struct model_impl *impl = &m->impls[k];
		char lock[160];
		int32_t row = r->row_of[k];
		fputs(k ? ",{\"id\":" : "{\"id\":", to);
		write_json_string_html(to, impl->id);
		fputs(",\"name\":", to);
		write_json_string_html(to, impl->name);
		fprintf(to, ",\"kind\":\"%s\",\"family\":", rank_kind_name(r->kind[k]));
		write_json_string_html(to, rank_family_name(rank_family_of(m, k)));
		fprintf(to, ",\"role\":\"%s\",\"domain\":\"%s\",\"calls\":%u,\"callers\":%u,\"copies\":%u,\"lock\":",
		        model_role_name(impl->role), model_domain_name(impl->domain), impl->calls, impl->fanin_funcs,
		        row >= 0 ? r->rows[row].ncopied : 1);
		write_json_string_html(to, rank_locking(m, k, lock, sizeof lock));
		fputs(",\"chain\":[", to);
		for (uint32_t c = 0; c < impl->nchain; c++) {
			if (c)
				fputc(',', to);
			write_json_string_html(to, m->nodes[impl->chain[c]].name);
		}
		fputs("],\"files\":[", to);
		for (uint32_t f = 0; f < impl->nfiles; f++) {
			if (f)
				fputc(',', to);
			write_json_string_html(to, impl->files[f]);
		}
		fputs("],\"api\":[", to);
		for (uint32_t x = 0, first = 1; x < impl->nnodes; x++) {
			const struct model_node *n = &m->nodes[impl->nodes[x]];
			if (!(n->flags & (MODEL_NODE_ALLOC | MODEL_NODE_FREE)))
				continue;
			fputs(first ? "[" : ",[", to);
			first = 0;
			write_json_string_html(to, n->name);
			fprintf(to, ",\"%s\",", model_node_kind(m, impl->nodes[x]));
			write_json_string_html(to, n->file->path);
			fprintf(to, ",%u]", n->func->line);
		}
		fputs("],\"feat\":[", to);
		for (int f = 0; f < MODEL_FEAT_COUNT; f++) {
			const struct model_feature_set *fs = &impl->feat[f];
			fprintf(to, "%s[\"%s\",", f ? "," : "", model_feature_name((enum model_feature)f));
			write_json_string_html(to, fs->summary);
			fputs(",[", to);
			for (uint32_t e = 0; e < fs->nev && e < HTML_MAX_EVIDENCE; e++) {
				fputs(e ? ",[" : "[", to);
				write_json_string_html(to, fs->ev[e].path);
				fprintf(to, ",%u,", fs->ev[e].line);
				write_json_string_html(to, fs->ev[e].what);
				fputc(',', to);
				write_json_string_html(to, fs->ev[e].text);
				fputc(']', to);
			}
			fprintf(to, "],%u]", fs->nev);
		}
		fputs("]}", to);
	}
	fputs("],\"sites\":[", to);
	for (uint32_t c = 0, first = 1; c < m->ncalls; c++) {
		const struct model_call *mc = &m->calls[c];
		int32_t impl = -1;
		uint32_t p, caller, callee;
		if (!mc->alloc_site)
			continue;
		if (mc->target == MODEL_TARGET_AMBIGUOUS)
			impl = -2;
		else if (mc->target == MODEL_TARGET_NODE && mc->node >= 0)
			impl = m->nodes[mc->node].impl;
		p = strtab_intern(&paths, m->tree->files[mc->file_index].path);
		caller = strtab_intern(&names, mc->caller >= 0 ? m->nodes[mc->caller].name : "<global>");
		callee = strtab_intern(&names, model_call_callee(m, mc));
		if (p == UINT32_MAX || caller == UINT32_MAX || callee == UINT32_MAX)
			goto out;
		fprintf(to, "%s[%u,%u,%u,%u,%d]", first ? "" : ",", p, model_call_fact(m, mc)->line, caller, callee, impl);
		first = 0;
	}
	fputs("],\"paths\":[", to);
	for (uint32_t i = 0; i < paths.count; i++) {
		if (i)
			fputc(',', to);
		write_json_string_html(to, paths.pool + paths.off[i]);
	}
	fputs("],\"names\":[", to);
	for (uint32_t i = 0; i < names.count; i++) {
		if (i)
			fputc(',', to);
		write_json_string_html(to, names.pool + names.off[i]);
	}
	fputs("]}", to);
	rc = 0;
out:
	strtab_fini(&names);
	strtab_fini(&paths);
	return rc;
}

/* Inline dir/name.svg (from its <svg> on), or say why not. */
static void html_svg(const char *dir, const char *name, FILE *to)
{
	char path[4096], buf[65536];
	FILE *in;
	size_t n;
	int started = 0;
	snprintf(path, sizeof path, "%s/%s.svg", dir, name);
	in = fopen(path, "r");
	if (!in) {
		fputs("<p class=\"muted\">Not rendered (graphviz <code>dot</code> was not run); the DOT file is beside this "
		      "page.</p>\n", to);
		return;
	}
	fputs("<div class=\"graph\">\n", to);
	while ((n = fread(buf, 1, sizeof buf - 1, in)) > 0) {
		char *p = buf;
		buf[n] = '\0';
		if (!started) {
			/* drop the XML declaration and doctype: the page is HTML */
			char *svg = strstr(buf, "<svg");
			if (!svg)
				continue;
			p = svg;
			started = 1;
		}
		fwrite(p, 1, n - (size_t)(p - buf), to);
	}
	fclose(in);
	fputs("\n</div>\n", to);
}

/* report.html into dir (the SVGs, if any, already there). Returns 0 or -1 (res->error). */
int write_report_html(struct write_ctx *ctx, const char *dir, struct write_result *res)
{
	const struct model *m = ctx->model;
	const char *root = ctx->opts->root_abs ? ctx->opts->root_abs : ctx->opts->root ? ctx->opts->root : m->tree->root;
	const char *base;
	char path[4096];
	FILE *to;
	int rc;
	snprintf(path, sizeof path, "%s/report.html", dir);
	to = fopen(path, "w");
	if (!to) {
		snprintf(res->error, sizeof res->error, "%.480s: cannot write", path);
		return -1;
	}
	base = strrchr(root ? root : ".", '/');
	base = base && base[1] ? base + 1 : (root ? root : ".");
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>", to);
	write_html_text(to, base);
	fputs(" memory allocation topology (strata)</title>\n<style>\n", to);
	fputs(html_asset_css, to);
	fputs("</style>\n</head>\n<body>\n<header>\n<h1>", to);
	write_html_text(to, base);
	fputs(" memory allocation topology</h1>\n<nav><a data-page=\"p-overview\">Overview</a><a data-page=\"p-impls\">"
	      "Implementations</a><a data-page=\"p-sites\">Call sites</a><a data-page=\"p-graphs\">Graphs</a></nav>\n"
	      "<div id=\"search\"><input id=\"q\" type=\"search\" placeholder=\"search function names\" "
	      "autocomplete=\"off\"><div id=\"matches\"></div></div>\n</header>\n<main>\n<div id=\"pages\">\n"
	      "<section class=\"page\" id=\"p-overview\">\n", to);
	html_overview(ctx, to);
	fputs("</section>\n<section class=\"page\" id=\"p-impls\"><h2>Implementations</h2><div id=\"impls\"></div>"
	      "</section>\n<section class=\"page\" id=\"p-sites\"><h2>Allocation call sites</h2><div id=\"sites\"></div>"
	      "</section>\n<section class=\"page\" id=\"p-graphs\">\n<h2>Allocation hierarchy</h2>\n", to);
	html_svg(dir, "allocation-hierarchy", to);
	fputs("<h2>Kernel allocation flow</h2>\n", to);
	html_svg(dir, "kernel-allocation-flow", to);
	fputs("</section>\n</div>\n<aside id=\"detail\"></aside>\n</main>\n"
	      "<script id=\"strata-data\" type=\"application/json\">", to);
	rc = html_data(ctx, to);
	fputs("</script>\n<script>\n", to);
	fputs(html_asset_js, to);
	fputs("</script>\n</body>\n</html>\n", to);
	if (ferror(to))
		rc = -1;
	if (fclose(to) != 0)
		rc = -1;
	if (rc)
		snprintf(res->error, sizeof res->error, "%.480s: cannot write", path);
	return rc;
}

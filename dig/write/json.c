/*
 * dig/write/json.c: allocator-features.json and topology.json. Both carry "schema" and
 * "version"; the layout is documented in docs/topology-schema.md. Strings go through
 * write_json_string (valid UTF-8 out, whatever bytes came in); arrays keep the model's
 * deterministic order.
 */
#include <string.h>

#include "dig/write/write_impl.h"

/* "key": "value" */
static void json_kv(FILE *to, const char *key, const char *value)
{
	write_json_string(to, key);
	fputs(": ", to);
	write_json_string(to, value);
}

/* A node as an object: name, kind, file, line, implementation. */
static void json_node(const struct model *m, uint32_t n, FILE *to)
{
	const struct model_node *node = &m->nodes[n];
	fputc('{', to);
	json_kv(to, "name", node->name);
	fputs(", ", to);
	json_kv(to, "kind", model_node_kind(m, n));
	if (node->file) {
		fputs(", ", to);
		json_kv(to, "file", node->file->path);
		fprintf(to, ", \"line\": %u, ", node->func->line);
		json_kv(to, "domain", node->domain >= 0 ? model_domain_name((enum model_domain)node->domain) : "");
	}
	fputs(", ", to);
	json_kv(to, "implementation", node->impl >= 0 ? m->impls[node->impl].id : "");
	fputc('}', to);
}

/* One implementation's features object. */
static void json_features(const struct model_impl *impl, FILE *to, const char *indent)
{
	fputs("{", to);
	for (int f = 0; f < MODEL_FEAT_COUNT; f++) {
		const struct model_feature_set *fs = &impl->feat[f];
		fprintf(to, "%s\n%s  ", f ? "," : "", indent);
		write_json_string(to, model_feature_name((enum model_feature)f));
		fputs(": {", to);
		json_kv(to, "summary", fs->summary);
		if (f == MODEL_FEAT_THREADING)
			fprintf(to, ", \"mutex\": %s, \"spinlock\": %s, \"other\": %s",
			        (impl->threading & MODEL_THREAD_MUTEX) ? "true" : "false",
			        (impl->threading & MODEL_THREAD_SPIN) ? "true" : "false",
			        (impl->threading & MODEL_THREAD_OTHER) ? "true" : "false");
		fputs(", \"evidence\": [", to);
		for (uint32_t e = 0; e < fs->nev; e++) {
			fprintf(to, "%s\n%s    {", e ? "," : "", indent);
			json_kv(to, "file", fs->ev[e].path);
			fprintf(to, ", \"line\": %u, ", fs->ev[e].line);
			json_kv(to, "what", fs->ev[e].what);
			fputs(", ", to);
			json_kv(to, "text", fs->ev[e].text);
			fputc('}', to);
		}
		fprintf(to, "%s]}", fs->nev ? "\n    " : "");
		(void)indent;
	}
	fprintf(to, "\n%s}", indent);
}

/* allocator-features.json */
int write_features_json(struct write_ctx *ctx, FILE *to)
{
	const struct model *m = ctx->model;
	fprintf(to, "{\"schema\": \"strata.allocator-features\", \"version\": %d,\n\"implementations\": [", WRITE_SCHEMA_VERSION);
	for (uint32_t k = 0; k < m->nimpls; k++) {
		const struct model_impl *impl = &m->impls[k];
		fprintf(to, "%s\n  {", k ? "," : "");
		json_kv(to, "id", impl->id);
		fputs(", ", to);
		json_kv(to, "name", impl->name);
		fputs(",\n   \"features\": ", to);
		json_features(impl, to, "   ");
		fputc('}', to);
	}
	fputs("\n]}\n", to);
	return 0;
}

/* A list of counts as [{"name", "file", "count"}]. */
static void json_counts(const struct model *m, const struct model_count *c, uint32_t n, FILE *to)
{
	fputc('[', to);
	for (uint32_t i = 0; i < n; i++) {
		fprintf(to, "%s{", i ? ", " : "");
		json_kv(to, "name", c[i].name ? c[i].name : "");
		if (c[i].path) {
			fputs(", ", to);
			json_kv(to, "file", c[i].path);
		}
		fputs(", ", to);
		json_kv(to, "implementation", c[i].node < 0 ? (c[i].name ? "ambiguous" : "") : write_node_owner(m, (uint32_t)c[i].node));
		fprintf(to, ", \"count\": %u}", c[i].count);
	}
	fputc(']', to);
}

/* topology.json: scope, implementations, nodes that matter, edges among them, counts,
 * redundancy, copies, diagnostics. */
/* a JSON array of strings, ", "-separated (no brackets) */
static void json_strings(FILE *to, const char *const *v, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		if (i)
			fputs(", ", to);
		write_json_string(to, v[i]);
	}
}

/* the ids of implementations given by index, ", "-separated (no brackets) */
static void json_impl_ids(const struct model *m, const uint32_t *idx, uint32_t n, FILE *to)
{
	for (uint32_t i = 0; i < n; i++) {
		if (i)
			fputs(", ", to);
		write_json_string(to, m->impls[idx[i]].id);
	}
}

/* one entry of "implementations" */
static void json_impl(const struct model *m, const struct model_impl *impl, FILE *to)
{
	json_kv(to, "id", impl->id);
	fputs(", ", to);
	json_kv(to, "name", impl->name);
	fputs(", ", to);
	json_kv(to, "role", model_role_name(impl->role));
	fputs(", ", to);
	json_kv(to, "role_why", impl->role_why ? impl->role_why : "");
	fputs(", ", to);
	json_kv(to, "domain", model_domain_name(impl->domain));
	fputs(", ", to);
	json_kv(to, "domain_why", impl->domain_why ? impl->domain_why : "");
	fputs(",\n   \"files\": [", to);
	json_strings(to, impl->files, impl->nfiles);
	fputs("],\n   \"copies\": [", to);
	json_strings(to, impl->copies, impl->ncopies);
	fputs("],\n   \"functions\": [", to);
	for (uint32_t i = 0; i < impl->nnodes; i++) {
		fputs(i ? ",\n     " : "\n     ", to);
		json_node(m, impl->nodes[i], to);
	}
	fputs("],\n   \"backend_chain\": [", to);
	for (uint32_t i = 0; i < impl->nchain; i++) {
		if (i)
			fputs(", ", to);
		write_json_string(to, m->nodes[impl->chain[i]].name);
	}
	fputs("], \"chain_ambiguous\": ", to);
	if (impl->chain_ambiguous) {
		fputc('{', to);
		json_kv(to, "callee", impl->chain_ambiguous);
		fprintf(to, ", \"candidates\": %u}", impl->chain_ambiguous_cands);
	} else {
		fputs("null", to);
	}
	fputs(", \"lower\": [", to);
	for (uint32_t i = 0; i < impl->nbackends; i++) {
		if (i)
			fputs(", ", to);
		json_node(m, impl->backends[i], to);
	}
	fprintf(to, "],\n   \"self_contained\": %s, \"static_arena_bytes\": %llu, \"loc\": %u, \"function_loc\": %u, "
	        "\"calls_in\": %u, \"fan_in_functions\": %u, \"fan_in_files\": %u, \"kernel_reach\": %u,\n",
	        impl->self_contained ? "true" : "false", (unsigned long long)impl->arena_bytes, impl->loc, impl->func_loc,
	        impl->calls, impl->fanin_funcs, impl->fanin_files, impl->kernel_reach);
	fputs("   \"top_callers\": ", to);
	json_counts(m, impl->top_callers, impl->ntop_callers < 20 ? impl->ntop_callers : 20, to);
	fputs(",\n   \"top_callees\": ", to);
	json_counts(m, impl->top_callees, impl->ntop_callees < 20 ? impl->ntop_callees : 20, to);
	fputs(",\n   \"features\": ", to);
	json_features(impl, to, "   ");
}

/* "externals" and "edges": the allocator APIs, and the calls into an implementation or an API
 * (the whole call graph would be most of a large tree) */
static void json_graph(const struct model *m, FILE *to)
{
	int first = 1;

	fputs("\"externals\": [", to);
	for (uint32_t n = m->ndefs; n < m->nnodes; n++) {
		const struct model_node *node = &m->nodes[n];
		if (!model_node_is_api(m, n))
			continue;
		fprintf(to, "%s\n  {", first ? "" : ",");
		first = 0;
		json_kv(to, "name", node->name);
		fputs(", ", to);
		json_kv(to, "kind", model_node_kind(m, n));
		fprintf(to, ", \"calls\": %u, \"callers\": %u}", node->calls_in, node->fanin_funcs);
	}
	fputs("],\n\"edges\": [", to);
	first = 1;
	for (uint32_t e = 0; e < m->nedges; e++) {
		const struct model_edge *edge = &m->edges[e];
		if (m->nodes[edge->to].impl < 0 && !model_node_is_api(m, edge->to))
			continue;
		fprintf(to, "%s\n  {\"from\": ", first ? "" : ",");
		first = 0;
		json_node(m, edge->from, to);
		fputs(", \"to\": ", to);
		json_node(m, edge->to, to);
		fprintf(to, ", \"count\": %u}", edge->count);
	}
	fputs("]", to);
}

/* "redundancy": the factor, its counts per role and its members (each counted row's
 * representative, by role then rank) */
static void json_redundancy(const struct model *m, const struct rank *rank, FILE *to)
{
	int first = 1;

	fprintf(to, "\"redundancy\": {\"formula\": \"RF = I / R\", \"implementations\": %u, \"roles\": %u, "
	        "\"factor\": %.2f, \"percent\": %.1f, \"per_role\": {",
	        rank->rf_rows, rank->rf_roles, rank->rf, rank->rf_percent);
	for (int r = 0; r < MODEL_ROLE_COUNT; r++) {
		if (!rank->rf_per_role[r])
			continue;
		fprintf(to, "%s", first ? "" : ", ");
		first = 0;
		write_json_string(to, model_role_name((enum model_role)r));
		fprintf(to, ": %u", rank->rf_per_role[r]);
	}
	fputs("}, \"members\": [", to);
	first = 1;
	for (int r = 0; r < MODEL_ROLE_COUNT; r++)
		for (uint32_t x = 0; x < rank->nrows; x++) {
			const struct rank_row *row = &rank->rows[x];
			if (!row->counted || (int)m->impls[row->impl].role != r)
				continue;
			fputs(first ? "" : ", ", to);
			first = 0;
			write_json_string(to, m->impls[row->impl].id);
		}
	fputs("]}", to);
}

/* "copies" and "diagnostics": what the scan saw of the tree's files */
static void json_tree_notes(const struct dig_tree *t, FILE *to)
{
	int first = 1;

	fputs("\"copies\": [", to);
	for (uint32_t fi = 0; fi < t->nfiles; fi++) {
		if (!t->files[fi].copy_of)
			continue;
		fprintf(to, "%s{", first ? "" : ", ");
		first = 0;
		json_kv(to, "file", t->files[fi].path);
		fputs(", ", to);
		json_kv(to, "copy_of", t->files[fi].copy_of);
		fputc('}', to);
	}
	fputs("],\n\"diagnostics\": [", to);
	for (uint32_t i = 0; i < t->ndiags; i++) {
		fprintf(to, "%s{", i ? ", " : "");
		json_kv(to, "file", t->diags[i].path ? t->diags[i].path : "");
		fputs(", ", to);
		json_kv(to, "reason", t->diags[i].reason ? t->diags[i].reason : "");
		fputc('}', to);
	}
	fputs("]", to);
}

int write_topology_json(struct write_ctx *ctx, FILE *to)
{
	const struct model *m = ctx->model;
	const struct dig_tree *t = m->tree;

	fprintf(to, "{\"schema\": \"strata.topology\", \"version\": %d,\n", WRITE_SCHEMA_VERSION);
	json_kv(to, "root", ctx->opts->root ? ctx->opts->root : (t->root ? t->root : ""));
	fprintf(to, ",\n\"csv\": {\"allocator-call-counts.csv\": {\"schema\": \"%s\", \"version\": %d, \"header\": \"%s\"}}",
	        WRITE_CSV_SCHEMA, WRITE_CSV_VERSION, WRITE_CSV_HEADER);
	fprintf(to, ",\n\"scope\": {\"files\": %u, \"c_files\": %u, \"headers\": %u, \"skipped\": %u, \"partial\": %u, "
	        "\"copies\": %u, \"lines\": %llu, \"loc\": %llu, \"dead_lines\": %llu, \"functions\": %u, "
	        "\"dead_functions\": %u, \"calls\": %u, \"dead_calls\": %u, \"allocation_sites\": %u, "
	        "\"ambiguous_calls\": %u, \"dispatch_calls\": %u, \"bytes\": %llu},\n",
	        m->files, m->files_c, m->files_h, m->skipped, m->partial, m->copies, (unsigned long long)m->lines,
	        (unsigned long long)m->loc, (unsigned long long)m->dead_lines, m->ndefs, m->dead_funcs, m->ncalls,
	        m->dead_calls, m->alloc_sites, m->ambiguous_calls, m->dispatch_calls, (unsigned long long)t->bytes);
	fputs("\"implementations\": [", to);
	for (uint32_t k = 0; k < m->nimpls; k++) {
		fprintf(to, "%s\n  {", k ? "," : "");
		json_impl(m, &m->impls[k], to);
		fputc('}', to);
	}
	fputs("],\n", to);
	json_graph(m, to);
	fputs(",\n\"api_counts\": ", to);
	json_counts(m, m->api_counts, m->napi_counts, to);
	fputs(",\n\"file_counts\": ", to);
	json_counts(m, m->file_counts, m->nfile_counts, to);
	fputs(",\n", to);
	json_redundancy(m, &ctx->rank, to);
	fputs(",\n\"critical_by_fan_in\": [", to);
	json_impl_ids(m, m->critical_fanin, m->ncritical_fanin, to);
	fputs("], \"critical_by_kernel_reach\": [", to);
	json_impl_ids(m, m->critical_kernel, m->ncritical_kernel, to);
	fputs("],\n", to);
	json_tree_notes(t, to);
	fputs("}\n", to);
	return 0;
}

/*
 * dig/write/text.c: the plain-text and CSV artifacts: all-allocators.txt,
 * allocator-call-counts.csv, raw-allocation-sites.txt, allocator-features.txt,
 * dependency-traces.txt. Each starts with a versioned header line; names and paths are
 * escaped C-style in text (one record per line) and RFC 4180 in CSV. Formats are
 * documented in docs/report-format.md.
 */
#include <string.h>

#include "dig/write/write_impl.h"

/* all-allocators.txt: every implementation with its entry points and helpers, then the
 * external backends and the byte-identical copies. */
int write_allocators_txt(struct write_ctx *ctx, FILE *to)
{
	const struct model *m = ctx->model;
	fprintf(to, "# strata all-allocators %d\n", WRITE_SCHEMA_VERSION);
	for (uint32_t k = 0; k < m->nimpls; k++) {
		const struct model_impl *impl = &m->impls[k];
		fprintf(to, "%s ", impl->id);
		write_txt(to, impl->name);
		fputs("\n  role: ", to);
		write_txt(to, model_role_name(impl->role));
		fputs("\n  domain: ", to);
		write_txt(to, model_domain_name(impl->domain));
		fputs("\n  chain: ", to);
		for (uint32_t i = 0; i < impl->nchain; i++) {
			if (i)
				fputs(" -> ", to);
			write_txt(to, m->nodes[impl->chain[i]].name);
		}
		if (impl->chain_ambiguous) {
			fputs(" -> ", to);
			write_txt(to, impl->chain_ambiguous);
			if (impl->chain_ambiguous_cands)
				fprintf(to, " (ambiguous: %u candidates)", impl->chain_ambiguous_cands);
			else
				fputs(" (ops-table method, no registration found)", to);
		}
		if (impl->self_contained)
			fputs(" (self-contained)", to);
		fputc('\n', to);
		for (uint32_t i = 0; i < impl->nfiles; i++) {
			fputs("  file: ", to);
			write_txt(to, impl->files[i]);
			fputc('\n', to);
		}
		for (uint32_t i = 0; i < impl->ncopies; i++) {
			fputs("  copy: ", to);
			write_txt(to, impl->copies[i]);
			fputc('\n', to);
		}
		for (uint32_t i = 0; i < impl->nnodes; i++) {
			uint32_t n = impl->nodes[i];
			fprintf(to, "  %s: ", model_node_kind(m, n));
			write_node_txt(m, n, to);
			fputc('\n', to);
		}
	}
	for (uint32_t n = m->ndefs; n < m->nnodes; n++) {
		if (!(m->nodes[n].flags & MODEL_NODE_BACKEND))
			continue;
		fputs("external-backend ", to);
		write_txt(to, m->nodes[n].name);
		fprintf(to, " calls=%u\n", m->nodes[n].calls_in);
	}
	for (uint32_t n = 0; n < m->ndefs; n++) {
		if (!(m->nodes[n].flags & MODEL_NODE_BACKEND) || m->nodes[n].impl >= 0)
			continue;
		fputs("backend ", to);
		write_node_txt(m, n, to);
		fprintf(to, " calls=%u\n", m->nodes[n].calls_in);
	}
	for (uint32_t fi = 0; fi < m->tree->nfiles; fi++) {
		const struct dig_file *f = &m->tree->files[fi];
		if (!f->copy_of)
			continue;
		fputs("copy ", to);
		write_txt(to, f->path);
		fputs(" = ", to);
		write_txt(to, f->copy_of);
		fputc('\n', to);
	}
	return 0;
}

/* The implementation column of a count row. */
static const char *text_count_owner(const struct model *m, const struct model_count *c)
{
	return c->node < 0 ? "ambiguous" : write_node_owner(m, (uint32_t)c->node);
}

/* allocator-call-counts.csv: per API, per file, per file and API. */
int write_counts_csv(struct write_ctx *ctx, FILE *to)
{
	const struct model *m = ctx->model;
	/* plain RFC 4180: the header row first; the schema and its version are in the sidecar
	 * (allocator-call-counts.csv-metadata.json) and in topology.json */
	fputs(WRITE_CSV_HEADER "\n", to);
	for (uint32_t i = 0; i < m->napi_counts; i++) {
		const struct model_count *c = &m->api_counts[i];
		fputs("api,", to);
		write_csv_field(to, c->name);
		fputc(',', to);
		write_csv_field(to, text_count_owner(m, c));
		fprintf(to, ",,%u\n", c->count);
	}
	for (uint32_t i = 0; i < m->nfile_counts; i++) {
		const struct model_count *c = &m->file_counts[i];
		fputs("file,,,", to);
		write_csv_field(to, c->path);
		fprintf(to, ",%u\n", c->count);
	}
	for (uint32_t i = 0; i < m->nfile_api; i++) {
		const struct model_count *c = &m->file_api[i];
		fputs("file-api,", to);
		write_csv_field(to, c->name);
		fputc(',', to);
		write_csv_field(to, text_count_owner(m, c));
		fputc(',', to);
		write_csv_field(to, c->path);
		fprintf(to, ",%u\n", c->count);
	}
	return 0;
}

/* allocator-call-counts.csv-metadata.json: the CSV's sidecar, W3C CSV on the Web metadata:
 * which file, its schema name and version, its columns and their types. */
int write_counts_csv_meta(struct write_ctx *ctx, FILE *to)
{
	static const char *const columns[][2] = {
		{ "kind", "string" }, { "api", "string" }, { "implementation", "string" }, { "file", "string" },
		{ "calls", "integer" },
	};
	(void)ctx;
	fprintf(to, "{\"@context\": \"http://www.w3.org/ns/csvw\",\n \"url\": \"allocator-call-counts.csv\",\n"
	        " \"dc:conformsTo\": \"%s\",\n \"schema:version\": %d,\n \"dialect\": {\"header\": true},\n"
	        " \"tableSchema\": {\"columns\": [", WRITE_CSV_SCHEMA, WRITE_CSV_VERSION);
	for (size_t i = 0; i < sizeof columns / sizeof columns[0]; i++)
		fprintf(to, "%s\n  {\"name\": \"%s\", \"titles\": \"%s\", \"datatype\": \"%s\"}", i ? "," : "", columns[i][0],
		        columns[i][0], columns[i][1]);
	fputs("]}}\n", to);
	return 0;
}

/* raw-allocation-sites.txt: every allocation site, tab-separated. */
int write_sites_txt(struct write_ctx *ctx, FILE *to)
{
	const struct model *m = ctx->model;
	fprintf(to, "# strata raw-allocation-sites %d: file:line<TAB>function<TAB>callee<TAB>resolved<TAB>via-macro\n",
	        WRITE_SCHEMA_VERSION);
	for (uint32_t i = 0; i < m->ncalls; i++) {
		const struct model_call *mc = &m->calls[i];
		if (!mc->alloc_site)
			continue;
		write_txt(to, m->tree->files[mc->file_index].path);
		fprintf(to, ":%u\t", model_call_fact(m, mc)->line);
		write_txt(to, mc->caller >= 0 ? m->nodes[mc->caller].name : "<global>");
		fputc('\t', to);
		write_txt(to, model_call_callee(m, mc));
		fputc('\t', to);
		write_resolved_txt(m, mc, to);
		fputc('\t', to);
		write_txt(to, model_call_via(m, mc) ? model_call_via(m, mc) : "-");
		fputc('\n', to);
	}
	return 0;
}

/* allocator-features.txt: per implementation, each feature's summary and its evidence. */
int write_features_txt(struct write_ctx *ctx, FILE *to)
{
	const struct model *m = ctx->model;
	fprintf(to, "# strata allocator-features %d\n", WRITE_SCHEMA_VERSION);
	for (uint32_t k = 0; k < m->nimpls; k++) {
		const struct model_impl *impl = &m->impls[k];
		fprintf(to, "%s ", impl->id);
		write_txt(to, impl->name);
		fputc('\n', to);
		for (int f = 0; f < MODEL_FEAT_COUNT; f++) {
			const struct model_feature_set *fs = &impl->feat[f];
			fprintf(to, "  %s: ", model_feature_name((enum model_feature)f));
			write_txt(to, fs->summary);
			fputc('\n', to);
			for (uint32_t e = 0; e < fs->nev; e++) {
				fputs("    ", to);
				write_txt(to, fs->ev[e].path);
				fprintf(to, ":%u ", fs->ev[e].line);
				write_txt(to, fs->ev[e].what);
				fputs(" | ", to);
				write_txt(to, fs->ev[e].text);
				fputc('\n', to);
			}
		}
	}
	return 0;
}

/* dependency-traces.txt: for each entry point, its callers and callees, cscope-style. */
int write_traces_txt(struct write_ctx *ctx, FILE *to)
{
	const struct model *m = ctx->model;
	const struct write_index *idx = &ctx->idx;
	fprintf(to, "# strata dependency-traces %d: lines are `file function line callee(args)`\n", WRITE_SCHEMA_VERSION);
	for (uint32_t k = 0; k < m->nimpls; k++) {
		const struct model_impl *impl = &m->impls[k];
		for (uint32_t i = 0; i < impl->nnodes; i++) {
			uint32_t n = impl->nodes[i];
			if (!(m->nodes[n].flags & (MODEL_NODE_ALLOC | MODEL_NODE_FREE)))
				continue;
			fputs("== ", to);
			write_node_txt(m, n, to);
			fprintf(to, " [%s %s]\n", impl->id, model_node_kind(m, n));
			fputs("callers:\n", to);
			for (uint32_t j = idx->target_start[n]; j < idx->target_start[n + 1]; j++) {
				const struct model_call *mc = &m->calls[idx->by_target[j]];
				fputs("  ", to);
				write_call_line(m, mc, to);
				if (mc->target == MODEL_TARGET_AMBIGUOUS)
					fprintf(to, " (ambiguous: %u candidates)", mc->ncands);
				else if (mc->target == MODEL_TARGET_DISPATCH)
					fputs(" (dispatch)", to);
				fputc('\n', to);
			}
			fputs("callees:\n", to);
			for (uint32_t j = idx->caller_start[n]; j < idx->caller_start[n + 1]; j++) {
				const struct model_call *mc = &m->calls[idx->by_caller[j]];
				fputs("  ", to);
				write_call_line(m, mc, to);
				fputs(" -> ", to);
				write_resolved_txt(m, mc, to);
				fputc('\n', to);
			}
		}
	}
	return 0;
}

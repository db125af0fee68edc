/*
 * dig/write/write_impl.h: what the writers share: the writer table entry, the per-run
 * context (the model plus indexes built once), and the per-format escapers.
 */
#ifndef STRATA_DIG_WRITE_IMPL_H
#define STRATA_DIG_WRITE_IMPL_H

#include <stdio.h>

#include "dig/write/escape.h"
#include "dig/write/rank.h"
#include "dig/write/write.h"

#define WRITE_SCHEMA_VERSION 1

/* An ambiguous call lists at most this many candidates in text artifacts. */
#define WRITE_MAX_CANDS 8

/* Indexes over the model's calls, built once per run. */
struct write_index {
	uint32_t *by_target;      /* call indices, grouped by target node (every candidate) */
	uint32_t *target_start;   /* nnodes + 1 */
	uint32_t *by_caller;      /* call indices, grouped by caller node */
	uint32_t *caller_start;   /* nnodes + 1 */
	unsigned char *reaches;   /* per node: 1 when it is an allocator API or calls into one */
};

struct write_ctx {
	const struct model *model;
	const struct write_opts *opts;
	struct write_index idx;
	struct rank rank;          /* the ranked allocators (write/rank.c), built once */
};

/* One artifact: its file name and the function that writes it. */
struct write_writer {
	const char *file;
	int (*write)(struct write_ctx *ctx, FILE *to);
};


/* Build / free the indexes. */
int write_index_build(const struct model *model, struct write_index *idx);
void write_index_free(struct write_index *idx);

/* How a call resolved, as one line of plain text (escaped for text files). */
void write_resolved_txt(const struct model *model, const struct model_call *mc, FILE *to);
/* A node as "name@path:line" (or "name" for externals), plain text escaped. */
void write_node_txt(const struct model *model, uint32_t n, FILE *to);
/* The implementation id of a node, or its kind when it has none. */
const char *write_node_owner(const struct model *model, uint32_t n);
/* One cscope-style line for a call: `file function line text`. */
void write_call_line(const struct model *model, const struct model_call *mc, FILE *to);

/* The writers. */
int write_report_md(struct write_ctx *ctx, FILE *to);
int write_allocators_txt(struct write_ctx *ctx, FILE *to);
int write_counts_csv(struct write_ctx *ctx, FILE *to);
int write_sites_txt(struct write_ctx *ctx, FILE *to);
int write_features_txt(struct write_ctx *ctx, FILE *to);
int write_features_json(struct write_ctx *ctx, FILE *to);
int write_traces_txt(struct write_ctx *ctx, FILE *to);
int write_topology_json(struct write_ctx *ctx, FILE *to);
int write_hierarchy_dot(struct write_ctx *ctx, FILE *to);
int write_kernel_flow_dot(struct write_ctx *ctx, FILE *to);
int write_query_index(struct write_ctx *ctx, FILE *to);

#endif /* STRATA_DIG_WRITE_IMPL_H */

/*
 * dig/write/write_impl.h: what the writers share: the writer table entry, the per-run
 * context (the model plus indexes built once), and the per-format escapers.
 */
#ifndef STRATA_DIG_WRITE_IMPL_H
#define STRATA_DIG_WRITE_IMPL_H

#include <stdint.h>
#include <stdio.h>

#include "dig/write/escape.h"
#include "dig/write/rank.h"
#include "dig/write/write.h"

#define WRITE_SCHEMA_VERSION 1

/* allocator-call-counts.csv: version 2 is plain RFC 4180 with a header row (version 1 had a
 * "#schema" first line); its schema lives in the sidecar and in topology.json. */
#define WRITE_CSV_SCHEMA "strata.allocator-call-counts"
#define WRITE_CSV_VERSION 2
#define WRITE_CSV_HEADER "kind,api,implementation,file,calls"

/* The plural ending of a count in prose: "" for 1, else "s". */
#define WRITE_PL(n) ((n) == 1 ? "" : "s")

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
/* Short, unambiguous names for a set of paths: the shortest suffix of whole components, at
 * least min of them, that no other (different) path of the set ends with; at[i] gets the
 * offset of path i's suffix (the whole path when nothing shorter tells it apart). */
void write_path_suffixes(const char *const *paths, uint32_t n, unsigned min, size_t *at);
int write_report_md(struct write_ctx *ctx, FILE *to);
int write_allocators_txt(struct write_ctx *ctx, FILE *to);
int write_counts_csv(struct write_ctx *ctx, FILE *to);
int write_counts_csv_meta(struct write_ctx *ctx, FILE *to);
int write_sites_txt(struct write_ctx *ctx, FILE *to);
int write_features_txt(struct write_ctx *ctx, FILE *to);
int write_features_json(struct write_ctx *ctx, FILE *to);
int write_traces_txt(struct write_ctx *ctx, FILE *to);
int write_topology_json(struct write_ctx *ctx, FILE *to);
int write_hierarchy_dot(struct write_ctx *ctx, FILE *to);
int write_kernel_flow_dot(struct write_ctx *ctx, FILE *to);
int write_query_index(struct write_ctx *ctx, FILE *to);
/* report.html, written last into dir (it inlines the SVGs rendered there). */
int write_report_html(struct write_ctx *ctx, const char *dir, struct write_result *res);

/* ---- output folders (folder.c: the proof that a folder is strata's) ----------------- */

#define WRITE_MARKER ".strata-output"
#define WRITE_MARKER_TMP ".strata-output.tmp"
#define WRITE_OUT_FORMAT 1               /* the marker's format (0: the first strata's, no marker) */
#define WRITE_MARKER_MAX (1u << 20)  /* a manifest lists a few dozen entries: 1 MiB is plenty */
#define WRITE_OUT_DEPTH_MAX 4            /* strata's outputs are two levels deep */

/* One entry of a folder listing or of a manifest. */
struct write_entry {
	char *rel;                 /* path inside the folder, '/'-separated */
	int dir;                   /* 1: a folder */
	uint64_t size;             /* files: bytes */
	uint64_t hash;             /* files: XXH3-64 of the bytes (manifest; listings: when hashed) */
	uint64_t ino;              /* listings: inode */
	int64_t mtime_ns;          /* listings: modification time */
};

/* A growable list of entries. */
struct write_list {
	struct write_entry *v;
	uint32_t n, cap;
};

/* What a folder was proved to be. */
enum write_out_kind {
	WRITE_OUT_NONE = 0,              /* missing */
	WRITE_OUT_EMPTY,                 /* an empty folder */
	WRITE_OUT_STRATA,                /* a complete strata output with a manifest */
	WRITE_OUT_LEGACY,                /* format 0: a strata output from before the marker */
	WRITE_OUT_WRITING                /* a folder strata was writing (orphans only) */
};

/* A parsed marker. */
struct write_manifest {
	int format;                /* the marker's format number */
	int complete;              /* state complete (else writing) */
	struct write_list entries; /* sorted */
};

/* Format a message into why (at most n bytes); returns -1. */
int write_fail(char *why, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* A name escaped for a message (write_msg_escape; malloc'd, NULL when out of memory). */
char *write_escaped(const char *s);
/* List the folder dirfd (sorted; the marker files left out). 0 or -1 (errno). */
int write_list_dir(int dirfd, struct write_list *l);
void write_list_fini(struct write_list *l);
/* Append an entry (rel copied); NULL when out of memory. */
struct write_entry *write_list_add(struct write_list *l, const char *rel);
/* Read the marker of dirfd: 1 and m filled, 0 when there is none, -1 when it is not
 * strata's (m->format: another format's number, or 0 when damaged). */
int write_marker_read(int dirfd, struct write_manifest *m);
void write_manifest_fini(struct write_manifest *m);
/* Write dirfd's marker: writing, or complete with the manifest of l (files hashed). */
int write_marker_write(int dirfd, const struct write_list *l, int complete);
/* Prove dirfd strata's: its kind (enum write_out_kind) and entries into l, or -1 with why
 * naming the first entry strata did not write. subset: an orphan (listed entries may be
 * missing, a writing marker is allowed); trust: this run's own new folder. */
int write_folder_prove(int dirfd, int subset, int trust, struct write_list *l, char *why, size_t n);
/* Remove parent_fd/name as the proof listed it (l), marker last, then the folder. 0 or -1. */
int write_folder_remove(int parent_fd, const char *name, const struct write_list *l, char *why, size_t n);
/* Prove parent_fd/name (as an orphan; trust: this run's own) and remove it. 0 or -1. */
int write_folder_remove_own(int parent_fd, const char *name, int trust, char *why, size_t n);

#endif /* STRATA_DIG_WRITE_IMPL_H */

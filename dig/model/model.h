/*
 * dig/model/model.h: the model of a scanned tree's memory-allocation topology.
 *
 * Built once from a struct dig_tree (scan/facts.h) by model_create() (build.c: link ->
 * classify -> group -> impl -> features -> measure); the writers read only this (never the
 * facts directly, except through the pointers kept here for names and lines). Every array
 * is sorted deterministically when model_create returns, so two runs over the same tree
 * give byte-identical outputs; model_verify() checks those orders and the indexes.
 *
 * Nodes are the vertices of the call graph: one per live function definition (not in #if 0,
 * not in a byte-identical copy) and one per *external* name (called but defined nowhere).
 * Sites are calls that matter to allocation: calls that resolve to an allocation entry point,
 * a wrapper, a backend, or an external allocation name. Implementations group entry points
 * and helpers that share file-scope state.
 */
#ifndef STRATA_DIG_MODEL_H
#define STRATA_DIG_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "dig/assert.h"
#include "dig/scan/facts.h"

#define MODEL_SCHEMA_VERSION 1

struct model_vocab;

/* What a node is for the allocation topology (bit flags, several may hold). */
enum model_node_flag {
	MODEL_NODE_ALLOC = 1,    /* allocation entry point: hands out memory or resource units */
	MODEL_NODE_FREE = 2,     /* release entry point: takes them back */
	MODEL_NODE_WRAPPER = 4,  /* entry point whose body mainly forwards to another allocator */
	MODEL_NODE_BACKEND = 8,  /* a source of memory below the allocators (sbrk, vm_map ...) */
	MODEL_NODE_HELPER = 16,  /* non-entry function of an implementation */
	MODEL_NODE_TEST = 32,    /* defined under a tests/bench/example folder: never an allocator */
	MODEL_NODE_EXTERNAL = 64 /* called but defined nowhere in the tree */
};

enum model_domain {
	MODEL_DOMAIN_KERNEL = 0,
	MODEL_DOMAIN_USER,
	MODEL_DOMAIN_BOOT,
	MODEL_DOMAIN_ROOT,
	MODEL_DOMAIN_TEST,
	MODEL_DOMAIN_COUNT
};

enum model_role {
	MODEL_ROLE_GENERAL = 0,  /* general-purpose (user / library malloc family) */
	MODEL_ROLE_KERNEL,       /* kernel general (variable sizes) */
	MODEL_ROLE_FIXED,        /* fixed-size objects: zones, slabs, caches */
	MODEL_ROLE_PAGE,         /* page-level */
	MODEL_ROLE_RMAP,         /* resource map: units out of a map */
	MODEL_ROLE_BOOT,         /* early-boot */
	MODEL_ROLE_WRAPPER,      /* forwards to another allocator, keeps no state */
	MODEL_ROLE_COUNT
};

enum model_thread {
	MODEL_THREAD_NONE = 0,
	MODEL_THREAD_MUTEX = 1,
	MODEL_THREAD_SPIN = 2,
	MODEL_THREAD_OTHER = 4   /* interrupt-priority levels, atomics, other lock words */
};

/* A vertex of the call graph. */
struct model_node {
	const char *name;
	const struct dig_file *file;   /* NULL for externals */
	const struct dig_func *func;   /* NULL for externals */
	uint32_t file_index;           /* index into the tree's files (externals: UINT32_MAX) */
	unsigned flags;                /* enum model_node_flag */
	int domain;                    /* enum model_domain of the defining file (externals: -1) */
	int impl;                      /* implementation index, or -1 */
	uint32_t calls_in;             /* live call sites that resolve here (unique target) */
	uint32_t calls_maybe;          /* ambiguous call sites that list this node as a candidate */
	uint32_t fanin_funcs;          /* distinct calling nodes */
	uint32_t kernel_reach;         /* distinct kernel-domain nodes that reach this transitively */
	const char *why;               /* entry points: the signals that made it one */
	unsigned sig;                  /* classification signals (model/classify.c, SIG_*) */
};

enum model_target {
	MODEL_TARGET_NODE = 0,     /* resolved to exactly one definition or external */
	MODEL_TARGET_AMBIGUOUS,    /* several candidates remain: all are listed */
	MODEL_TARGET_DISPATCH,     /* an ops-table dispatch joined to registrations */
	MODEL_TARGET_NONE          /* dispatch or pointer call that joined nothing */
};

/* One resolved call (every live call in the tree, allocation-related or not). A big tree
 * has millions, so this is four words and a bit field: the call's facts are found through
 * (file_index, index), its candidates in model->cands, and the rare renamed callee in
 * model->renamed; read them with model_call_fact, model_call_cands, model_call_callee and
 * model_call_via below. */
struct model_call {
	uint32_t file_index;
	uint32_t index;                /* the call's index in tree->files[file_index].calls */
	int32_t caller;                /* node index of the enclosing function, or -1 (file scope) */
	int32_t node;                  /* the target node (NODE), or the first candidate */
	uint32_t cands_at;             /* AMBIGUOUS/DISPATCH: its candidates start at model->cands
	                                  + cands_at (ncands of them, sorted); else 0 */
	/* packed in one word: */
	uint32_t ncands : 27;          /* number of candidates (at most the number of definitions) */
	uint32_t target : 2;           /* enum model_target */
	uint32_t alloc_site : 1;       /* 1 when the call reaches an allocator API */
	uint32_t renamed : 1;          /* 1 when the linked name or its macro differ from the
	                                  call's own (a header's rename): see model->renamed */
};

_Static_assert(MODEL_TARGET_NONE < 4, "model_call.target is two bits wide");

/* The linked name and macro of a call whose differ from its facts' (model_call.renamed). */
struct model_renamed {
	uint32_t call;                 /* index into model->calls */
	const char *callee;            /* the name linked: what a macro of an included header
	                                  renames call->callee to */
	const char *via_macro;         /* the renaming macro */
};

/* One line of evidence for a feature. */
struct model_evidence {
	const char *path;
	uint32_t line;
	const char *what;              /* the primitive / constant / API, e.g. "mutex_lock" */
	const char *text;              /* a short rendering of the line */
};

enum model_feature {
	MODEL_FEAT_THREADING = 0,
	MODEL_FEAT_DEBUGGING,
	MODEL_FEAT_ALIGNMENT,
	MODEL_FEAT_ZEROING,
	MODEL_FEAT_COUNT
};

struct model_feature_set {
	const char *summary;           /* one line, e.g. "mutex (mutex_lock, mutex_unlock)" */
	struct model_evidence *ev;
	uint32_t nev;
};

/* A ranked count: of calls to a node (or to an ambiguous name), from a file or a node. */
struct model_count {
	int32_t node;                  /* node index, or -1 (a file count, or an ambiguous name) */
	const char *name;              /* the API name (node's name, or the ambiguous callee) */
	const char *path;              /* the calling file (file and file-API counts), else NULL */
	uint32_t count;
};

/* How an implementation stands in the redundancy factor (model_impl.rf). */
enum model_rf_class {
	MODEL_RF_COUNTED = 0,      /* keeps its own state: counted in I */
	MODEL_RF_WRAPPER,          /* role wrapper: forwards, keeps no state */
	MODEL_RF_LAYER,            /* works on another implementation's state (no variable of its own) */
	MODEL_RF_ALTERNATIVE       /* stateful, but a build alternative of an earlier one */
};

/* An allocator implementation: entry points and helpers sharing file-scope state. */
struct model_impl {
	const char *name;              /* "<main entry> @ <its file>", unique in the model */
	const char *id;                /* short stable id: "impl1", "impl2" ... in sorted order */
	enum model_role role;
	enum model_domain domain;
	const char *role_why;          /* the signal that decided the role */
	const char *domain_why;        /* the signal that decided the domain */
	const char **files;            /* paths, sorted */
	uint32_t nfiles;
	const char **copies;           /* copies of its files, sorted: files of it whose facts equal
	                                  an earlier one's (whitespace and comments aside), and the
	                                  tree's byte-identical copies of its files (not in files) */
	uint32_t ncopies;
	uint32_t *nodes;               /* entry points and helpers, sorted by name, file, line */
	uint32_t nnodes;
	uint32_t *chain;               /* backend chain: node indices from the main entry down */
	uint32_t nchain;
	uint32_t *backends;            /* every backend / lower allocator reached (nodes), sorted */
	uint32_t nbackends;
	int self_contained;            /* reaches no backend (carves a static arena or a map) */
	const char *chain_ambiguous;   /* when the chain stops at an ambiguous call to an allocator:
	                                  its callee name, else NULL */
	uint32_t chain_ambiguous_cands;/* ... and how many candidates it has (0: an ops-table
	                                  method none of whose registrations was found) */
	uint64_t arena_bytes;          /* static arena size when derivable */
	uint32_t loc;                  /* LOC of its files */
	uint32_t func_loc;             /* LOC of its functions */
	uint32_t calls;                /* live call sites into its entry points from outside */
	uint32_t fanin_funcs;          /* distinct calling functions outside it */
	uint32_t fanin_files;          /* distinct calling files */
	uint32_t kernel_reach;         /* distinct kernel functions that reach it */
	struct model_count *top_callers; uint32_t ntop_callers; /* caller nodes, by count */
	struct model_count *top_callees; uint32_t ntop_callees; /* callee nodes, by count */
	unsigned threading;            /* enum model_thread bits */
	enum model_rf_class rf;        /* how the redundancy factor counts it (model/measure.c) */
	struct model_feature_set feat[MODEL_FEAT_COUNT];
};

/* Aggregated edge between two nodes: how many live call sites. */
struct model_edge {
	uint32_t from, to;
	uint32_t count;
};

/* The model's side of the redundancy factor: how each implementation stands (model_impl.rf)
 * and these counts. The factor itself is computed once, on the ranked list (write/rank.c,
 * rank_redundancy), where copies count once; every output shows that one. */
struct model_redundancy {
	uint32_t impls;                /* implementations that keep state (wrappers excluded) */
	uint32_t layers;               /* not counted: no variable of their own (they work on
	                                  another implementation's state) */
	uint32_t alternatives;         /* stateful ones not counted: build alternatives of an earlier
	                                  one (same public entry name, same or sibling folder) */
	uint32_t roles;                /* distinct roles among them */
	uint32_t per_role[MODEL_ROLE_COUNT];
};

struct model {
	const struct dig_tree *tree;
	struct model_vocab *vocab;     /* owned */
	unsigned jobs;                 /* threads of the stages that split (model_parallel_for);
	                                  0: one per online CPU */

	struct model_node *nodes;  uint32_t nnodes;   /* definitions first, then externals */
	uint32_t ndefs;
	struct model_call *calls;  uint32_t ncalls;   /* live calls, in file, line, col order (malloc'd) */
	uint32_t *cands;           uint32_t ncands;   /* the candidate lists of the calls */
	struct model_renamed *renamed; uint32_t nrenamed; /* calls with renamed == 1, by call */
	struct model_edge *edges;  uint32_t nedges;   /* sorted by from, to */
	uint32_t *out_start;           /* nnodes + 1: edges[out_start[n] .. out_start[n+1]) leave n */
	uint32_t *in_edges;            /* edge indices sorted by to, from */
	uint32_t *in_start;            /* nnodes + 1: in_edges[in_start[n] ..) arrive at n */
	struct model_impl *impls;  uint32_t nimpls;

	/* scope counts */
	uint32_t files, files_c, files_h, skipped, copies;
	uint32_t partial;          /* files not parsed whole: cut short (DIG_FILE_PARTIAL) or with
	                              definitions the parser lost and the lexer read (lexed_defs) */
	uint32_t partial_cut;      /* of them, cut short: their facts are incomplete */
	uint64_t lines, loc, dead_lines;
	uint32_t dead_funcs, dead_calls, ambiguous_calls, dispatch_calls, alloc_sites;

	/* per-API and per-file call counts (allocation sites only) */
	struct model_count *api_counts;   uint32_t napi_counts;   /* node, count; by count desc */
	struct model_count *file_counts;  uint32_t nfile_counts;  /* path, count */
	struct model_count *file_api;     uint32_t nfile_api;     /* node + path, count */

	struct model_redundancy rf;
	uint32_t *critical_fanin;  uint32_t ncritical_fanin;      /* impl indices */
	uint32_t *critical_kernel; uint32_t ncritical_kernel;     /* impl indices */

	uint16_t *unit_len;            /* per file: length of the folder prefix of its link unit
	                                  (a separately linked program), 0 for none (model/link.c) */
	const char **ports;            /* machine port folders ("arch/i386/"), sorted (model/link.c) */
	uint32_t nports;
	uint32_t *port_mask;           /* per file: bit d set when its folder at depth d is a port */
	struct model_inc_index *inc_index; /* files by basename, for #include resolution
	                                  (model/include.c; built by the link stage) */
	struct model_cls *cls;         /* classify.c's indexes for the stages after it (model_impl.h);
	                                  NULL once model_create returns */
	struct model_mem *mem;         /* owned strings and arrays */
};

/* The facts of a call. */
static inline const struct dig_call *model_call_fact(const struct model *model, const struct model_call *mc)
{
	ASSERT(mc->file_index < model->tree->nfiles && mc->index < model->tree->files[mc->file_index].ncalls);
	return &model->tree->files[mc->file_index].calls[mc->index];
}

/* The candidates of an AMBIGUOUS or DISPATCH call (mc->ncands of them). */
static inline const uint32_t *model_call_cands(const struct model *model, const struct model_call *mc)
{
	ASSERT((uint64_t)mc->cands_at + mc->ncands <= model->ncands);
	return model->cands ? model->cands + mc->cands_at : NULL; /* no offset on NULL (UB) */
}

/* The renamed record of a call (mc->renamed set; mc points into model->calls). */
const struct model_renamed *model_call_renamed(const struct model *model, const struct model_call *mc);

/* The name a call linked under: its facts' callee, or what a macro of an included header
 * renames it to. */
static inline const char *model_call_callee(const struct model *model, const struct model_call *mc)
{
	return mc->renamed ? model_call_renamed(model, mc)->callee : model_call_fact(model, mc)->callee;
}

/* The renaming macro of a call (this file's or a header's), or NULL. */
static inline const char *model_call_via(const struct model *model, const struct model_call *mc)
{
	return mc->renamed ? model_call_renamed(model, mc)->via_macro : model_call_fact(model, mc)->via_macro;
}

/* Vocabulary: the built-in table plus an optional file (see model/vocab.c for the format).
 * Returns NULL and sets *err (static text; *line for the bad line) on a bad file. */
struct model_vocab *model_vocab_create(const char *path, const char **err, unsigned *line);
void model_vocab_destroy(struct model_vocab *vocab);
/* The vocabulary's words that make a file worth a full parse (allocation, release, backend
 * names, with their '*' wildcards), for dig_scan_opts.deep_words: one malloc'd block (free
 * it once), NULL-terminated, *n entries. NULL when out of memory. */
char **model_vocab_deep_words(const struct model_vocab *vocab, int *n);

/* Build the model from a scanned tree (the tree must outlive the model) on `jobs` threads
 * (0: one per online CPU; the model is the same for any number). Takes ownership of
 * vocab. Returns NULL only when out of memory. (build.c) */
struct model *model_create(const struct dig_tree *tree, struct model_vocab *vocab, unsigned jobs);
void model_destroy(struct model *model);

/* How far a model is built: the stages of model_create, in order (build.c). */
enum model_stage {
	MODEL_STAGE_LINK = 0,    /* nodes, calls, candidates, renamed calls, edges */
	MODEL_STAGE_CLASSIFY,    /* flags and signals of every node */
	MODEL_STAGE_IMPL,        /* implementations and their members (group, impl) */
	MODEL_STAGE_SORTED,      /* implementations sorted, with features (features, sort) */
	MODEL_STAGE_MEASURE      /* counts and ranks: the finished model */
};

/* Check the model's invariants that hold once `stage` is done: sorted indexes, indices in
 * range, every call's facts and candidates valid, implementation membership consistent
 * (verify.c). Returns NULL when they hold, else a static text naming the first that does
 * not. Debug builds run it after every stage (ASSERT_EXPENSIVE); tests call it. */
const char *model_verify(const struct model *model, enum model_stage stage);

/* Stage timings: with STRATA_DIG_TIMINGS=1 in the environment, each call prints one line
 * `strata: timing STAGE wall S cpu S main S rss MiB peak MiB` to stderr (wall and CPU
 * seconds since the previous mark, the calling thread's own CPU seconds, current and peak
 * resident memory); silent otherwise. The
 * model's stages mark themselves; the writers mark theirs. */
void model_timing_mark(const char *stage);

/* Names for the enums, as the writers print them. */
const char *model_role_name(enum model_role role);
const char *model_domain_name(enum model_domain domain);
const char *model_feature_name(enum model_feature feature);
const char *model_node_kind(const struct model *model, uint32_t node);

/* Is node n an allocator API: an entry point, wrapper, backend or external allocation or
 * release name? (What makes a call an allocation site.) */
int model_node_is_api(const struct model *model, uint32_t n);

/* Node lookup helpers for the queries: every node named `name` (defined under `in` when
 * given), into *out (caller frees). Returns the count. */
uint32_t model_nodes_find(const struct model *model, const char *name, const char *in, uint32_t **out);
/* Is `path` inside folder `in` ("." and "" are the root; "./" and trailing '/' ignored)? */
int model_path_under(const char *path, const char *in);

#endif /* STRATA_DIG_MODEL_H */

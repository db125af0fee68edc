/*
 * dig/model/model_impl.h: what the model's files share and nobody else sees. Prototypes
 * are grouped by the file that defines them, in pipeline order: every file calls only into
 * the files listed above it (tests/house/dig_layers.py checks it), and build.c, last,
 * runs the stages in turn:
 *
 *   vocab.c timing.c parallel.c model.c verify.c paths.c include.c   data, indexes, threads,
 *                                                         what paths say
 *   link.c partner.c refute.c slot.c claim.c listpool.c classify.c group.c flow.c impl.c role.c lockhelp.c
 *   features.c
 *   measure.c                                             the stages
 *   build.c                                               model_create: the pipeline
 */
#ifndef STRATA_DIG_MODEL_IMPL_H
#define STRATA_DIG_MODEL_IMPL_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include "dig/assert.h"
#include "dig/model/model.h"

/* ---- vocab.c: the vocabulary, as data ------------------------------------------------ */

/* The word classes of the vocabulary; each entry of a vocabulary file names one. */
enum model_vocab_kind {
	VOCAB_ALLOC = 0,     /* allocation verbs in function names (alloc, malloc, get ...) */
	VOCAB_FREE,          /* release verbs (free, release, dealloc ...) */
	VOCAB_BACKEND,       /* memory sources below allocators (sbrk, mmap, vm_map ...) */
	VOCAB_LOCK_MUTEX,    /* mutex primitives */
	VOCAB_LOCK_SPIN,     /* spinlock primitives */
	VOCAB_LOCK_OTHER,    /* other exclusion: interrupt priority, generic locks */
	VOCAB_ASSERT,        /* assertion and panic primitives */
	VOCAB_LOG,           /* logging and printing primitives */
	VOCAB_WALKER,        /* consistency-walker verbs in function names (check, verify ...) */
	VOCAB_CLEAR,         /* explicit clears: memset(p, 0, n), bzero(p, n) */
	VOCAB_ZERO_API,      /* zeroing allocation APIs (calloc ...) */
	VOCAB_ALIGN_API,     /* aligned allocation APIs (memalign ...) */
	VOCAB_DIR_KERNEL,    /* folder names that mean kernel code */
	VOCAB_DIR_USER,      /* folder names that mean user code / libraries */
	VOCAB_DIR_BOOT,      /* folder names that mean boot / standalone code */
	VOCAB_DIR_TEST,      /* folder names of tests, benchmarks, examples */
	VOCAB_KERNEL_CALL,   /* callees that mark kernel code (panic, splx ...) */
	VOCAB_USER_CALL,     /* callees that mark user code (sbrk, pthread_* ...) */
	VOCAB_ROLE_FIXED,    /* words of fixed-size object allocators (zone, slab, cache) */
	VOCAB_ROLE_PAGE,     /* words of page allocators */
	VOCAB_ROLE_BOOT,     /* words of early-boot allocators */
	VOCAB_ROLE_RMAP,     /* words of resource maps (in parameter types) */
	VOCAB_SIZE_PARAM,    /* parameter names / types that carry a size */
	VOCAB_MEM_TYPE,      /* return types that are raw memory (void *, caddr_t, vm_offset_t) */
	VOCAB_NOT_ALLOC,     /* names that look like verbs but are not allocators */
	VOCAB_DIR_PROGRAMS,  /* folder names whose subfolders are separately linked programs */
	VOCAB_LOCK_SWAP,     /* atomic swap / test-and-set: what a spinning lock acquires with */
	VOCAB_LOCK_CAS,      /* atomic compare-and-swap */
	VOCAB_LOCK_WAIT,     /* futex-style wait and wake on an address */
	VOCAB_DIR_PORTS,     /* folder names whose subfolders are machine ports (arch) */
	VOCAB_COPY,          /* copy and measure functions: what a dup (malloc + copy) copies
	                        its input with (memcpy, strcpy, strlen ...) */
	VOCAB_FORMAT,        /* format and append functions: what a formatter composes its
	                        output with (snprintf, strcat ...; refute.c) */
	VOCAB_PAIR_TAKE,     /* words that say take in the allocation half of one API's two
	                        names (pool_get beside pool_put; partner.c, listpool.c) */
	VOCAB_PAIR_GIVE,     /* words that say give back in its release half (put, free ...) */
	VOCAB_KIND_COUNT
};

/* One vocabulary word; '*' at either end is a wildcard (prefix, suffix or substring). */
struct model_word {
	char *word;          /* lower case, without the stars */
	size_t len;          /* strlen(word) */
	int prefix_star;     /* '*word': matches names ending in word */
	int suffix_star;     /* 'word*': matches names starting with word */
};

/* A kind's filters (vocab_filter_make, remade at every change of its words): a name none
 * of whose tests hits matches no word of the kind, and its words are not tried. */
struct model_vocab_filter {
	uint64_t first[4];   /* first bytes of the words without a leading star */
	uint64_t last[4];    /* last bytes of the words with a leading star only */
	uint64_t pair[64];   /* first two bytes of the starred-both-sides words, hashed to 4096 */
	uint64_t start[4];   /* first bytes of all words, stars ignored, in both cases (the
	                      * word tests model_vocab_prefix_at and model_vocab_is_word) */
	int any_infix;       /* some word is starred on both sides */
	int slow;            /* a word under two bytes: no filter, every word tried */
};

struct model_vocab {
	struct model_word *words[VOCAB_KIND_COUNT];
	uint32_t nwords[VOCAB_KIND_COUNT];
	uint32_t cap[VOCAB_KIND_COUNT];
	struct model_vocab_filter filter[VOCAB_KIND_COUNT];
};

/* Does `name` match a word of `kind` (case-insensitive, with the entry's wildcards)? */
int model_vocab_match(const struct model_vocab *vocab, enum model_vocab_kind kind, const char *name);
/* Is `name` a lock primitive of the vocabulary (a mutex, spin or other lock word)? */
int model_vocab_lock(const struct model_vocab *vocab, const char *name);
/* The first parameter of f named as a size (the vocabulary's size words: `nbytes`, `len`;
 * a `uint dev` is none), or NULL. */
const char *model_size_param(const struct model_vocab *vocab, const struct dig_func *f);
/* Is the text p[0..n) exactly one word of `kind` (stars ignored; in any case when blind)? */
int model_vocab_is_word(const struct model_vocab *vocab, enum model_vocab_kind kind, const char *p, size_t n,
                        int blind);
/* Does a word of `kind` start at p (stars ignored; in any case when blind)? */
int model_vocab_prefix_at(const struct model_vocab *vocab, enum model_vocab_kind kind, const char *p, int blind);
/* The offset in `name` of the first occurrence of a word of `kind` (stars ignored), or -1. */
int model_vocab_first_at(const struct model_vocab *vocab, enum model_vocab_kind kind, const char *name);
/* What a name's words say about locking: 2 releases (a word is unlock, exit, release,
 * leave, or ends in "unlock"), 1 takes (a word ends in "lock", not block or clock, or is
 * enter, acquire, mutex, mtx, spin, lck, crit, critical), 0 neither. Words split at '_',
 * digits and lower-to-upper case changes. */
int model_name_lock(const char *name);
/* Does a name name a lock or an interrupt level (a lock noun, or a word ending in "intr")? */
int model_name_has_lock(const char *name);
/* Is `name` one of the deep words (model_vocab_deep_words: allocation, release, backend,
 * zeroing and alignment APIs)? */
int model_vocab_deep(const struct model_vocab *vocab, const char *name);
/* The first word of `kind` found inside `text` as a token, or NULL. */
const char *model_vocab_find(const struct model_vocab *vocab, enum model_vocab_kind kind,
                             const char *text);

/* ---- timing.c: model_timing_mark (model.h) -------------------------------------------- */

/* ---- parallel.c: a per-index loop on the model's threads ------------------------------ */

/* One index of a model_parallel_for loop, run by worker `worker` (its scratch); 0, or -1
 * when out of memory. */
typedef int (*model_par_fn)(void *arg, unsigned worker, uint32_t i);
unsigned model_parallel_workers(const struct model *model);
int model_parallel_for(const struct model *model, uint32_t n, model_par_fn fn, void *arg);

/* ---- model.c: storage, indexes, accessors --------------------------------------------- */

/* A chunk of memory the model owns, freed with it: small allocations are carved from the
 * head chunk (MODEL_MEM_CHUNK bytes, bump pointer), large ones get a chunk of their own
 * behind the head. */
struct model_mem {
	struct model_mem *next;
	size_t used;             /* bytes carved from data[] so far */
	size_t cap;              /* bytes in data[] */
	_Alignas(16) unsigned char data[]; /* the allocations, each 16-byte aligned */
};

/* Chunk size of the model's arena; an allocation above a quarter of it gets its own. */
#define MODEL_MEM_CHUNK ((size_t)1 << 20)

/* Allocate zeroed memory owned by the model (NULL on failure sets model->oom). */
void *model_mem_alloc(struct model *model, size_t size);
/* A printf-formatted string owned by the model. */
const char *model_mem_printf(struct model *model, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* qsort comparator of strings (const char * elements). */
int model_str_cmp(const void *a, const void *b);
/* Is `s` in the sorted string array v[0..n)? */
int model_strv_has(const char *const *v, uint32_t n, const char *s);
/* Is a type text a number: C's integer words and their usual spellings (`int`, `u_long`,
 * `uint32_t`, `size_t`, `daddr_t`; NULL, implicit int, is one)? */
int model_number_type(const char *t);
/* Is one word of a type a number word (`u_long`, `uint32_t`, `off_t`; not `interface_t`)? */
int model_number_word(const char *w);
/* Is a file-scope variable allocator state by its type (model.c: no counter, flag or
 * message string)? Is it a lock by its type? */
int model_global_state(const struct dig_global *g);
int model_global_lock(const struct dig_global *g);
/* Is p[0..n) a word of a C number type (`int`, `unsigned`, `char`, `void` ...)? */
int model_scalar_word(const char *p, size_t n);
/* Is `id` a whole identifier of the text `args` (an argument list, `n * size`), not a
 * member (`x.size`, `x->size`)? */
int model_args_name(const char *args, const char *id);
/* The argument k (0-based, top-level commas) of an argument text, trimmed (with strip,
 * without leading casts with a `*` and `&`), into buf; 0 when there is none or it does not fit. */
int model_arg_text(const char *args, int k, char *buf, size_t size, int strip);
/* Is `word` a typedef of a plain C number by its spelling: a number word with a `u` or `u_`
 * before it and bits or `_t` after it (`uint32_t`, `u_int64_t`, `ulong_t`, `int16_t`)? */
int model_number_typedef(const char *word);
/* Does type text t name a handle: a pointer to, or a typedef of, something that is no
 * number, size (the size-param words) or raw memory (the mem-type words), and no function
 * (`struct pool *`, `Heap_Control *`, `ipc_space_t`, `dev_t`, `pde_t *`; not `u_char *`,
 * `void *`, `uint32_t *`, `size_t`)? partner.c's pairs and listpool.c's handles. */
int model_handle_type(const struct model *model, const char *t);
/* Growable array helper: make room for one more element in *arr (count *n, capacity *cap). */
int model_grow(void **arr, uint32_t n, uint32_t *cap, size_t elem);

/* A hash index of strings (open addressing, FNV-1a): key -> (val, n). Keys are borrowed. */
struct model_strmap_slot {
	const char *key;         /* NULL: empty slot */
	uint32_t hash;
	uint32_t val;            /* the caller's value (e.g. the first index of a sorted run) */
	uint32_t n;              /* a second value (e.g. the run's length) */
};
struct model_strmap {
	struct model_strmap_slot *slot;
	uint32_t mask;           /* capacity - 1 (a power of two, at least twice the keys) */
};
/* The string indexes' hash: FNV-1a (dig/hash.h). */
uint32_t model_str_hash(const char *s);
/* Make an empty index for up to `n` keys. Returns 0, or -1 when out of memory. */
int model_strmap_init(struct model_strmap *m, uint32_t n);
void model_strmap_fini(struct model_strmap *m);
/* The slot of `key`: its entry, or the empty slot where it would go (key NULL there). */
struct model_strmap_slot *model_strmap_slot(const struct model_strmap *m, const char *key, uint32_t hash);

/* The first definition node of file `fi` (definitions are in file order); ndefs when the
 * file defines nothing live. */
uint32_t model_defs_of_file(const struct model *model, uint32_t fi);
/* The first index in model->calls of a call made in file `fi` (calls are in file order). */
uint32_t model_calls_of_file(const struct model *model, uint32_t fi);
/* The calls within definition fn's lines: [*first, end) of model->calls, end returned
 * (those whose caller is fn are among them: test mc->caller). */
uint32_t model_calls_of_def(const struct model *model, uint32_t fn, uint32_t *first);
/* One file's spans, for a stage that walks the model file by file from lo, the first
 * definition of a file: its definitions [lo, *hi) and its calls [*clo, *chi). */
void model_file_spans(const struct model *model, uint32_t lo, uint32_t *hi, uint32_t *clo, uint32_t *chi);

/* A non-static global and its defining file (for grouping). */
struct model_global {
	const char *name;
	uint32_t file;
};
/* Order globals by name, then file. */
int model_global_cmp(const void *a, const void *b);
/* The globals named `name` in g[0..n) (sorted by model_global_cmp): the index of the first,
 * *count how many (0: none, and the index is where it would go). */
uint32_t model_globals_find(const struct model_global *g, uint32_t n, const char *name, uint32_t *count);

/* Is c a character of a C identifier (a letter, a digit or `_`)? */
static inline int model_ident_char(char c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* The length of a path's folder part (up to its last '/'; 0 at the tree's root). */
static inline size_t model_dir_len(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? (size_t)(slash - path) : 0;
}

/* Are files a and b in one folder (not in each other's subfolders)? */
static inline int model_same_folder(const char *a, const char *b)
{
	size_t la = model_dir_len(a);
	return la == model_dir_len(b) && strncmp(a, b, la) == 0;
}

/* The index of a node's definition in its file's facts (the evidence's `func`). */
static inline int32_t model_func_index(const struct model_node *node)
{
	return (int32_t)(node->func - node->file->funcs);
}
/* model.c: does definition m store its parameter `k` into a table (DIG_EV_PARAM_STORE:
 * `ring[w++] = m`, `pt[i] = page | 7`)? */
int model_stores_param(const struct model_node *m, int k);
/* The index of f's parameter named `name`, or -1. */
int model_param_index(const struct dig_func *f, const char *name);

/* Is a definition's parameter list `(void)`? */
static inline int model_params_void(const struct dig_func *f)
{
	return f->nparams == 1 && f->param_types && f->param_types[0] && strcmp(f->param_types[0], "void") == 0;
}

/* Does a definition take nothing: no parameter, `(void)`, or an old-style `()` (unknown)? */
static inline int model_takes_nothing(const struct dig_func *f)
{
	return f->nparams <= 0 || model_params_void(f);
}

/* Is a file part of the model (read, and not a byte-identical copy of an earlier one)? */
static inline int model_file_live(const struct dig_file *f)
{
	return f->status != DIG_FILE_SKIPPED && !f->copy_of;
}

/* An iterator over one kind of the tree's live facts: those of live files (model_file_live)
 * that are not dead (#if 0), in file order. Start it as `struct model_live it = { .tree = tree }`;
 * each next call returns the following fact, with `file` and `index` naming it, or NULL at
 * the end; `dead` counts the dead facts of live files passed on the way. */
struct model_live {
	const struct dig_tree *tree;
	uint32_t file;           /* tree->files[file] holds the fact last returned */
	uint32_t index;          /* its index in that file's calls (or funcs) */
	uint32_t dead;           /* dead facts of live files passed so far */
	int started;             /* 0 before the first call */
};
/* The next live call, or NULL. */
const struct dig_call *model_live_calls_next(struct model_live *it);
/* The next live function definition, or NULL. */
const struct dig_func *model_live_funcs_next(struct model_live *it);

/* Can code in file `fi` link with a definition in file `df`: is fi inside df's link unit
 * (a separately linked program), or is df in none (a library, a kernel)? */
static inline int model_unit_visible(const struct model *model, uint32_t fi, uint32_t df)
{
	uint16_t n = model->unit_len ? model->unit_len[df] : 0;
	return n == 0 || strncmp(model->tree->files[fi].path, model->tree->files[df].path, n) == 0;
}

/* Do the paths of files fa and fb part into two machine ports of one family (model->ports:
 * `arch/i386/...` and `arch/sparc/...`)? Code of one is never linked with the other's
 * (model/link.c). */
int model_ports_apart(const struct model *model, uint32_t fa, uint32_t fb);

/* Is the node an entry point (allocation or release, wrappers included)? */
static inline int model_node_is_entry(const struct model_node *node)
{
	return node->func && (node->flags & (MODEL_NODE_ALLOC | MODEL_NODE_FREE)) != 0;
}

/* ---- verify.c: the invariants (model_verify, model.h) --------------------------------- */

/* ---- paths.c: what a path says ------------------------------------------------------- */

/* Folder-based domain of a path (MODEL_DOMAIN_*), or -1 when no folder word decides; *why
 * gets the deciding folder name (why may be NULL: then nothing is allocated). */
int model_path_domain(const struct model *model, const char *path, const char **why);
/* Number of leading folder components two paths share. */
int model_path_common_depth(const char *a, const char *b);
/* Is the path a header (ends in ".h")? */
int model_path_is_header(const char *path);

/* ---- include.c: what a file's #includes bring ---------------------------------------- */

/* A macro that reaches a file (model/include.c): a rename (`to`), inherited from a header
 * it includes, or a statement macro (`calls`: `#define MALLOC(p, t, s) (p) = (t)malloc(s)`)
 * of a header or of the file itself, whose uses call what its body calls. */
struct model_rename {
	const char *from;        /* the name as written */
	const char *to;          /* a rename: what the macro renames it to; NULL for a statement
	                            macro */
	const char *const *calls;/* a statement macro: the names its body calls (dig_macro) */
	uint32_t ncalls;
	const char *via;         /* the macro's name */
	int function_like;       /* a function-like macro: applies to calls only, unless it only
	                            renames (pure) */
	int pure;                /* a function-like rename that passes its arguments on as they
	                            are (dig_macro_renames_args): a definition's name too */
	int own;                 /* the file's own (a statement macro it defines itself) */
	uint32_t after;          /* the includer's #include line (own: the #define line):
	                            applies after it */
	uint32_t until;          /* the includer's #undef of the name: applies before it (0:
	                            to the end) */
	uint32_t hash;           /* model_str_hash(from), or 0 when not computed yet */
};

struct model_renames {
	struct model_rename *r;  /* sorted by from */
	uint32_t n;
};

/* Per file of the tree (tree->nfiles tables), the renames its includes bring; builds
 * model->inc_index on the way. Returns 0, or -1 when out of memory; *out is to be freed with
 * model_includes_free either way. */
int model_includes_build(struct model *model, struct model_renames **out);
/* The files an `#include "target"` of the file at from_path names: those whose path ends in
 * target at a folder boundary, the nearest to from_path (every one that ties, at most
 * MODEL_INC_MAX_TIED) into out[]. Builds model->inc_index when missing. Returns the count
 * (0 also when out of memory). */
#define MODEL_INC_MAX_TIED 8
uint32_t model_include_resolve(struct model *model, const char *from_path, const char *target, uint32_t *out);
void model_includes_free(struct model_renames *per, uint32_t nfiles);
/* The name `name` becomes at `line` under the inherited renames (object_only 1: only those
 * that keep the arguments -- object-like, or pure function-like -- as at a definition; 2:
 * object-like only, as at a definition whose name is in parentheses),
 * or NULL when none applies; *via gets the first renaming macro. */
const char *model_rename_apply(const struct model_renames *t, const char *name, uint32_t line, int object_only,
                               const char **via);
/* The statement macro `name` names at `line` (its row: calls, via), or NULL. */
const struct model_rename *model_statement_macro(const struct model_renames *t, const char *name, uint32_t line);
/* ---- link.c: nodes, calls resolved, edges -------------------------------------------- */

/* Each stage returns 0, or -1 when out of memory. */
int model_link_build(struct model *model);

/* ---- classify.c: entry points, release points, wrappers, backends --------------------- */

/* Classification signals of a node (struct model_node.sig), set by classify.c. */
enum model_sig {
	SIG_NAME_ALLOC = 1 << 0,
	SIG_NAME_FREE = 1 << 1,
	SIG_RET_MEM = 1 << 2,
	SIG_RET_INT = 1 << 3,
	SIG_SIZE_PARAM = 1 << 4,
	SIG_HANDLE_PARAM = 1 << 5,
	SIG_RMAP_PARAM = 1 << 6,
	SIG_STATE = 1 << 7,
	SIG_CALLS_BACKEND = 1 << 8,
	SIG_CALLS_ALLOC = 1 << 9,
	SIG_LOCKNAME = 1 << 10,
	SIG_STATIC_ARENA = 1 << 11,
	SIG_BACKEND_NAME = 1 << 12,
	SIG_OWN_STATE = 1 << 13,   /* uses a variable defined in its own file (not a type name) */
	SIG_OPS_SOURCE = 1 << 14,  /* a memory source reached through an ops table (a backend) */
	SIG_FWD_RELEASE = 1 << 15, /* a release that passes its raw-memory parameter on, as is, to
	                              a release entry point or name (`free(p) { __libc_free(p); }`) */
	SIG_PARTNER = 1 << 16,     /* an entry point found by its release partner or an unpaired
	                              hand-out (partner.c) */
	SIG_HELPER_STATE = 1 << 17, /* its state bits come (also) from a verbless static helper
	                               of its file whose value it returns (classify.c) */
	SIG_FOUND_WRAPPER = 1 << 18, /* an entry point with no verb found as a wrapper by what it
	                               does (a dup, a resizer): it names no implementation that
	                               has another entry point (impl.c) */
	SIG_SLOT = 1 << 19,         /* it claims a slot of a table by its count, which a release
	                               of its file gives back (slot.c): the table is its state,
	                               wherever it is defined, so it is no wrapper */
	SIG_CLAIM = 1 << 20,        /* it claims a bit of a map with one half of a set/clear pair
	                               that a release of its file undoes (claim.c): a number of a
	                               namespace, the map its state (no wrapper) */
	SIG_FACE = 1 << 21,         /* it passes out the number an allocation entry point of its
	                               file hands out (claim.c's face): a number of a namespace */
	SIG_FOLDER_STATE = 1 << 22, /* uses a variable another file of its folder defines, once
	                               in the tree (one function a file: the state apart) */
	SIG_LISTPOOL = 1 << 23,     /* it pops a list of the handle it takes first, which a release
	                               taking that handle pushes onto (listpool.c): the handle's
	                               list is its state (no wrapper), one node per call */
	SIG_OWN_FACE = 1 << 24,     /* it passes out through a `void **` what an allocation entry
	                               point of its own file returns (listpool.c's face): that
	                               allocator's public get, no wrapper of another */
	SIG_CHAIN_STATE = 1 << 25,  /* it returns what functions of its file return that work a
	                               state variable its release half works too (partner.c's
	                               sibling pairs): that state is its own, no wrapper */
	SIG_WALKER = 1 << 26,       /* its name is a walker's (VOCAB_WALKER: a lookup, a check),
	                               matched once with the name signals: the entry rules ask
	                               for every definition, in every pass */
	SIG_FLAG_CLAIM = 1 << 27,   /* it takes parameters and claims a record of a table by a
	                               flag a release sets back (slot.c's flag rule, with
	                               SIG_SLOT): one record per call, whatever it is asked */
	SIG_COND_MACRO = 1 << 28    /* an external the tree's macros define as a condition read as
	                               it is (`G_LIKELY(expr)`: `(expr)` or `__builtin_expect`
	                               of it): a call of it is the bare condition, no call */
};

/* partner.c (before classify.c in the pipeline; it reads the signals above, which
 * classify.c sets before it calls this): mark the allocation entry points that a release
 * partner of their file or an unpaired hand-out shows; file_has_alloc (may be NULL) gets
 * their files. */
void model_partner_entries(struct model *model, unsigned char *file_has_alloc);
/* partner.c: mark the allocation entry points of APIs written one function a file, found
 * by a name-paired release in another file of their folder (before classify.c's entry
 * rules and after partner.c's); file_has_alloc (may be NULL) gets their files. */
void model_partner_siblings(struct model *model, unsigned char *file_has_alloc);
/* partner.c: mark the resizers (no verb, a size, both halves of a range API called) as
 * allocation entry points; after the release entry points. */
void model_partner_resizers(struct model *model);
/* partner.c: does definition n call an allocator (an entry point found so far, or an
 * allocation name), itself or through a function of its own file it calls (a cache's slow
 * path: `pool_cache_get_paddr` over pool_cache_get_slow over pool_get)? */
int model_partner_reaches_alloc(const struct model *model, uint32_t n);
/* partner.c: does `name` hold a give word (put, free, release ...) at the start of a word
 * (`freeb`, `ps2sif_freeiopheap`, `pool_cache_put_paddr`)? */
int model_partner_give_named(const struct model *model, const char *name);
/* partner.c: does `name` hold a take word (get, new, grab, alloc ...) at the start of a
 * word (`ext2_new_inode`, `getblk`; not `budget`)? */
int model_partner_take_named(const struct model *model, const char *name);
/* partner.c: are a and r the two halves of one API by their names, the same words around
 * a take word in a and a give word in r (`usemap_alloc`/`usemap_free`; `get`/`put` of a
 * reference aside)? */
int model_partner_names_pair(const struct model *model, const char *a, const char *r);
/* Could node be an allocation entry point found by a rule stage (partner.c, slot.c,
 * claim.c): a live definition outside test code, no entry point yet, no lock, release or
 * walker name, and, when `returns`, returning a value? */
int model_partner_candidate(const struct model *model, const struct model_node *node, int returns);

/* partner.c: does the count evidence text "OBJ OP" (DIG_EV_COUNT) claim: a literal other
 * than 0 set, or a step up (a constant set, `=:C`, is no count's claim)? */
int model_partner_count_claims(const char *text);

/* partner.c: can r give back field `field` of an object of type `type`: a live definition
 * outside test code, no lock, that takes one and steps the field of that parameter down or
 * sets it to 0 (`iput(inode)`: `inode->i_count--`)? */
int model_partner_count_back(const struct model *model, uint32_t r, const char *type, const char *field);
/* partner.c: the same with the ops that give back (NULL-terminated: `--`, `=0`, `=:C`). */
int model_partner_count_back_ops(const struct model *model, uint32_t r, const char *type, const char *field,
                                 const char *const *ops);

/* refute.c (after partner.c, before classify.c's release rules): undo the allocation
 * entry points that hand nothing out, construct and register an object, or lay out their
 * caller's memory; file_has_alloc
 * (may be NULL) is made again. 0, or -1 when out of memory (nothing undone). */
int model_refute_entries(struct model *model, unsigned char *file_has_alloc);

/* slot.c (after refute.c, before classify.c's release rules): mark the allocation entry
 * points that claim a slot of a table by its count (their release too) or install a page
 * at an address; file_has_alloc (may be NULL) gets their files. */
void model_slot_entries(struct model *model, unsigned char *file_has_alloc);

/* claim.c (after slot.c, before classify.c's release rules): mark the allocation entry
 * points that claim a bit of a map their file's release clears (the release too), and the
 * faces that pass out the number such an entry point returns; file_has_alloc (may be NULL)
 * gets their files. */
void model_claim_entries(struct model *model, unsigned char *file_has_alloc);
/* claim.c: the half of a set/clear pair a callee name is (1 set, -1 clear, 0 neither), its
 * stem (lower case, without the word) in buf. */
int model_claim_half(const char *name, char *buf, size_t size);
/* claim.c: what the identifiers of an index text are in f: bit 1 a scalar local of f, bit 2
 * a parameter of f, bit 4 a local object whose field or element is read. */
int model_claim_index_kinds(const struct dig_func *f, const char *text);

/* model.c: does definition t only move or compute what it is given (no state, no
 * allocator or backend, its output from such functions alone): a list's pop or push, a
 * block's address? Such a function is never where memory comes from. */
int model_moves_only(const struct model *model, uint32_t t);
/* model.c: does definition t only compute what it returns from its arguments: it keeps
 * no state, in one statement, and calls nothing (`(uintptr_t) block + HEADER`) but
 * functions that compute only (two deep: an alignment)? A function that works a free
 * list its caller gives it (`heap_alloc_at(&heap, mem, size)`) moves things but is an
 * allocator; this one is none. */
int model_computes_only(const struct model *model, uint32_t t);
/* listpool.c: do definitions a and b take the same handle first (one record pointer type),
 * a calling b with no value of it reaching a's output: a function in no implementation
 * that does works the state of a's allocator, a helper, not a lower allocator? */
int model_same_handle(const struct model *model, uint32_t a, uint32_t b);
/* listpool.c (after claim.c, before classify.c's release rules): mark the allocation
 * entry points that pop a list of the handle they take first, which a release taking the
 * same handle pushes onto (the release too); file_has_alloc (may be NULL) gets their
 * files. */
void model_listpool_entries(struct model *model, unsigned char *file_has_alloc);

/* forward.c (after listpool.c, before classify.c's release rules): mark the allocation
 * entry points that only hand on, with every parameter they take, the value of one call
 * to an allocator (wrappers by behaviour, whatever their name and return type);
 * file_has_alloc (may be NULL) gets their files. */
void model_forward_entries(struct model *model, unsigned char *file_has_alloc);
/* A word the tree writes as a type (struct model_cls.types): bytes of the facts' type text,
 * not NUL-terminated. */
struct model_typeword {
	const char *p;
	uint32_t n;
};

/* What classify.c indexes for itself and the stages after it (group.c, impl.c), kept on
 * the model (model->cls) while it is built; build.c drops it (model_cls_free) once the
 * implementations exist. */
struct model_cls {
	struct model_typeword *types;  /* every word written as a type, sorted, unique */
	uint32_t ntypes;
	struct model_global *globals;  /* non-static, non-extern globals that are no type names,
	                                  sorted by name then file */
	uint32_t nglobals;
	uint32_t *amb_start;           /* ndefs + 1: amb_calls[amb_start[n] ..) are the ambiguous
	                                  calls definition n makes (NULL: index not built) */
	uint32_t *amb_calls;           /* indices into model->calls */
	const char **alloc_globals;    /* sorted names of the globals allocation entry points use
	                                  that are defined exactly once (model arena) */
	uint32_t nalloc_globals;
	uint32_t *pair_files;          /* 2 * npairs file indices (pairs_cap pairs): an allocation entry point's
	                                  file and its paired release's (partner.c's siblings:
	                                  one function a file), for group.c */
	uint32_t npairs, pairs_cap;
	const char **ptr_types;        /* the headers' typedefs of a pointer to raw memory
	                                  (`typedef const void *cpointer;`), sorted */
	uint32_t nptr_types;
};

/* Signals, then entry points, release points, wrappers and backends; builds model->cls. */
int model_classify_build(struct model *model);
/* The ambiguous calls made by definition `node` (indices into model->calls), *n their
 * count (0 once model->cls is gone). */
const uint32_t *model_amb_calls(const struct model *model, uint32_t node, uint32_t *n);
/* Free model->cls (NULL allowed). */
void model_cls_free(struct model *model);
/* Is definition n a dup by its body, whatever its name says: it returns raw memory, keeps no
 * state, and in a short body allocates from another allocator (given, as is, the handle a
 * pool's dup takes first) and passes its one other pointer parameter, as is, to a copy or
 * measure function (`p = malloc(strlen(s) + 1)`, `strcpy(p,
 * s)`), other calls only for their effect (an error report)? */
int model_dup_shape(const struct model *model, uint32_t n);
/* Does definition n keep a break of its own in a static of its body, returning raw memory
 * read from a variable and using the value of no call (newlib's `_sbrk(incr)`)? (classify.c) */
int model_body_break(const struct model *model, uint32_t n);

/* ---- group.c: which files form one implementation ----------------------------------- */

/* Group the files with entry points into implementations: *group_of_file (tree->nfiles
 * entries, UINT32_MAX for none; caller frees) and their count. */
int model_group_files(struct model *model, uint32_t **group_of_file, uint32_t *ngroups);
/* A fingerprint of a file's live facts, lines aside (functions, their types and calls,
 * file-scope variables): equal for files that differ only in whitespace and comments. */
uint64_t model_file_facts_hash(const struct dig_file *f);
/* Do two files hold the same live facts, lines aside? */
int model_files_same(const struct dig_file *a, const struct dig_file *b);

/* ---- flow.c: where what an entry point hands out comes from ------------------------- */
/* How deep model_flow_source follows an output through helpers. */
#define MODEL_FLOW_DEPTH 3
/* What the caller of model_flow_source takes for a source: accept(model, ctx, impl, node)
 * returns 1 (a source), MODEL_FLOW_ALONE (a source only when its call is the one call whose
 * value the function hands out: it forwards to it) or 0. */
#define MODEL_FLOW_ALONE 2
struct model_flow_ask {
	int (*accept)(const struct model *model, const void *ctx, int impl, uint32_t node);
	const void *ctx;
};
/* At most how many sources model_flow_source keeps. */
#define MODEL_FLOW_SET 8
/* The sources found: nodes (the most-called first in `node`), or (n 0, node -1) a call
 * with several candidates one of which is one. */
struct model_flow_pick {
	int32_t node;
	int32_t nodes[MODEL_FLOW_SET];
	uint32_t n;
	const struct model_call *amb;
};
/* The source of what function `fn` (of implementation `impl`) hands out, by the flow of
 * its calls' values (dig_call.flow), through helpers of impl or of none. Returns 1 with
 * *pick set, or 0 when no flowing call reaches a source. */
int model_flow_source(const struct model *model, uint32_t fn, int impl, const struct model_flow_ask *ask,
                      struct model_flow_pick *pick);
/* Does function t put what a call gives it through a pointer it is given (a call of its body
 * flows OUT), so that a caller handing it a pointer by value (DIG_FLOW_BYVAL) may get memory
 * back through it? A body the parser did not read: when it calls an allocator or a backend. */
int model_flow_fills_params(const struct model *model, uint32_t t);
/* ---- impl.c: the implementations: members, name, domain, role, backend chain ---------- */

/* How deep a walk follows an entry point's calls inside its implementation. */
#define IMPL_WALK_LEVELS 8

/* A walk over the paths of one entry point (model_impl_entry_paths): ndefs-long arrays, allocated
 * once per model. */
struct impl_walk {
	uint32_t *stamp;         /* per definition: the walk that last reached it */
	uint32_t now;            /* this walk's stamp */
	uint32_t *stack;
	uint32_t *set;           /* the members reached, nset of them, level by level */
	uint32_t nset;
	uint32_t level[IMPL_WALK_LEVELS + 2]; /* set[level[d] .. level[d + 1]) are d calls deep */
	uint32_t nlevels;
	unsigned char *valued;   /* per node: some live call uses its value (impl.c's impl_valued) */
	uint32_t entry;          /* the entry point whose paths the walk holds (UINT32_MAX: none) */
};

/* A walk's arrays (0), or -1 when out of memory; fini frees them (safe after a failed init). */
int model_impl_walk_init(const struct model *model, struct impl_walk *w);
void model_impl_walk_fini(struct impl_walk *w);
/* One implementation per group (in group order), with its members, name, domain and
 * backend chain (the role is role.c's). */
int model_impls_build(struct model *model, const uint32_t *group_of_file, uint32_t ngroups);
/* The main entry point among an implementation's members: public, allocating, most called. */
uint32_t model_impl_main_entry(const struct model *model, const uint32_t *members, uint32_t nmembers);
/* The members of implementation `impl` on the paths of entry point `entry`, level by level,
 * into w->set (w->level[d] .. w->level[d + 1] are d calls deep). */
void model_impl_entry_paths(const struct model *model, struct impl_walk *w, int impl, uint32_t entry);
/* Is node `to` an allocation target seen from implementation `impl`: another
 * implementation's allocating entry point, a backend, an external allocation name, or an
 * allocating definition in no implementation? */
int model_impl_lower_target(const struct model *model, const struct impl_walk *w, int impl, uint32_t to);
/* Is node `to` a source of what an entry point of impl hands out, as the chain takes one:
 * nonzero (MODEL_FLOW_ALONE: only when it is the one call whose value flows out), else 0. */
int model_impl_flow_accept(const struct model *model, const struct impl_walk *w, int impl, uint32_t to);
/* The sources of what function fn of implementation impl hands out, as its chain takes them
 * (model_flow_source through helpers; a lower target, another implementation's allocating
 * function, a macro named like an allocator). Returns 1 with *pick set, else 0. */
int model_impl_flow_source(const struct model *model, const struct impl_walk *w, int impl, uint32_t fn,
                           struct model_flow_pick *pick);
/* Sort the implementations by name, give them their ids and renumber the nodes; sort each
 * one's nodes and files. */
int model_impls_sort(struct model *model);

/* ---- role.c: each implementation's role, from behaviour ------------------------------ */

/* Every implementation's role and the reason (after model_impls_build), and whether it is
 * self-contained (no chain below it, no wrapper). */
int model_roles_build(struct model *model);

/* ---- lockhelp.c: an implementation's own lock helpers --------------------------------- */

/* What a called definition is as a lock. */
struct model_lockhelp {
	uint32_t node;           /* the definition's node index */
	int depth;               /* the nesting it was judged at (0: called by the implementation) */
	unsigned kind;           /* one MODEL_THREAD_* bit, 0 when it is no lock helper */
	const char *prims;       /* the primitives in its body ("a_swap, __wait"), or NULL */
	const char *via;         /* the one helper it calls (its prims are that one's), or NULL */
};
/* The definitions judged for one implementation (opaque; one per implementation). */
struct model_lockmemo;
struct model_lockmemo *model_lockmemo_create(void);
void model_lockmemo_destroy(struct model_lockmemo *memo);
/* The lock helper a call of the implementation reaches into *out, or out->kind 0: none.
 * Returns -1 when out of memory. */
int model_lockhelp_call(struct model *model, struct model_lockmemo *memo, const struct model_call *mc,
                        struct model_lockhelp *out);
/* The evidence `what` of a call to a lock helper ("KIND:HELPER (PRIMITIVES)"); NULL when out
 * of memory. */
const char *model_lockhelp_what(struct model *model, const struct model_lockhelp *h);

/* ---- features.c: threading, debugging, alignment, zeroing, with evidence -------------- */

/* Every implementation's feature profile. */
int model_features_build(struct model *model);

/* ---- measure.c: counts, fan-in, reach, redundancy ------------------------------------- */

int model_measure_build(struct model *model);

/* ---- build.c: model_create (model.h) ------------------------------------------------- */

#endif /* STRATA_DIG_MODEL_IMPL_H */

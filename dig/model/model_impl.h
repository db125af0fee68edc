/*
 * dig/model/model_impl.h: what the model's stages share and nobody else sees: the owned
 * memory list, the vocabulary layout, and the stage entry points (link, classify, measure).
 */
#ifndef STRATA_DIG_MODEL_IMPL_H
#define STRATA_DIG_MODEL_IMPL_H

#include <stdarg.h>
#include <stddef.h>

#include "dig/model/model.h"

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
	VOCAB_KIND_COUNT
};

/* One vocabulary word; '*' at either end is a wildcard (prefix, suffix or substring). */
struct model_word {
	char *word;          /* lower case, without the stars */
	int prefix_star;     /* '*word': matches names ending in word */
	int suffix_star;     /* 'word*': matches names starting with word */
};

struct model_vocab {
	struct model_word *words[VOCAB_KIND_COUNT];
	uint32_t nwords[VOCAB_KIND_COUNT];
	uint32_t cap[VOCAB_KIND_COUNT];
};

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
	SIG_BACKEND_NAME = 1 << 12
};

/* A block of memory the model owns, freed with it. */
struct model_mem {
	struct model_mem *next;
};

/* Allocate zeroed memory owned by the model (NULL on failure sets model->oom). */
void *model_mem_alloc(struct model *model, size_t size);
/* A printf-formatted string owned by the model. */
const char *model_mem_printf(struct model *model, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Does `name` match a word of `kind` (case-insensitive, with the entry's wildcards)? */
int model_vocab_match(const struct model_vocab *vocab, enum model_vocab_kind kind, const char *name);
/* The first word of `kind` found inside `text` as a token, or NULL. */
const char *model_vocab_find(const struct model_vocab *vocab, enum model_vocab_kind kind,
                             const char *text);

/* Stages, in order. Each returns 0, or -1 when out of memory. */
int model_link_build(struct model *model);
int model_classify_build(struct model *model);
/* Classify helpers: build the implementations of the file groups; one impl's features. */
int model_classify_impls(struct model *model, const uint32_t *group, uint32_t ngroups);
int model_features_build(struct model *model, int index, const uint32_t *members, uint32_t nmembers);
int model_measure_build(struct model *model);

/* Folder-based domain of a path (MODEL_DOMAIN_*), or -1 when no folder word decides; *why
 * gets the deciding folder name (why may be NULL: then nothing is allocated). */
int model_path_domain(const struct model *model, const char *path, const char **why);

/* During classification: the ambiguous calls made by definition `node` (indices into
 * model->calls), *n their count. */
const uint32_t *model_amb_calls(const struct model *model, uint32_t node, uint32_t *n);

/* Growable array helper: make room for one more element in *arr (count *n, capacity *cap). */
int model_grow(void **arr, uint32_t n, uint32_t *cap, size_t elem);

#endif /* STRATA_DIG_MODEL_IMPL_H */

/*
 * alloc/vmem/vmem_impl.h: the layout of vmem arenas and boundary tags, and the internal
 * entry points the core and the resource-map face use (uncounted: only the public
 * strata_vmem_* face counts calls). See alloc/vmem/vmem.c for the theory.
 */
#ifndef STRATA_ALLOC_VMEM_IMPL_H
#define STRATA_ALLOC_VMEM_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include <strata/vmem.h>

#include "alloc/sync/sync.h"

/* A span source that honours constraints (an arena stacked on a parent): a span of `size`
 * units at an address r with r % align == phase, [r, r + size) crossing no multiple of
 * nocross (0: none) and inside [minaddr, maxaddr) (maxaddr 0: no top); 0 when none. */
typedef uintptr_t (*vmem_ximport_t)(void *arg, size_t size, size_t align, size_t phase, size_t nocross,
                                    uintptr_t minaddr, uintptr_t maxaddr);

/* One free list per power of two of a segment's size in units. */
#define VMEM_FREELISTS 64
/* Buckets of the hash an arena starts with (embedded: no allocation until it grows). */
#define VMEM_HASH_INITIAL 16
/* Spare tags an arena keeps for itself, so that a steady alloc/free cycle takes and
 * gives tags without touching the module pool's lock: two splits and two merges. */
#define VMEM_TCACHE_MAX 8
/* Longest arena name kept, with its NUL. */
#define VMEM_NAME_MAX 32

enum vmem_seg_type {
	VMEM_SEG_FREE = 1,    /* a free range: on a free list (or a map-mode run) */
	VMEM_SEG_ALLOC = 2,   /* an allocated range: in the hash */
	VMEM_SEG_SPAN = 3,    /* a span marker: precedes the segments that tile the span */
	VMEM_SEG_POOL = 4     /* an unused tag sitting in a tag pool */
};

/* A boundary tag: one segment (or span marker, or pooled tag). 7 words. */
struct vmem_seg {
	uintptr_t start;          /* first unit */
	uintptr_t size;           /* units (span marker: the span's size) */
	struct vmem_seg *anext;   /* next tag by address in the arena (NULL: last) */
	struct vmem_seg *aprev;   /* previous tag by address (NULL: first) */
	struct vmem_seg *knext;   /* free-list, hash-chain or tag-pool link */
	struct vmem_seg *kprev;   /* free-list back link (free segments only) */
	uint32_t type;            /* enum vmem_seg_type */
	uint32_t imported;        /* span marker: 1 when the span came from import */
};

/* Arena mode flags (vmem_arena_init). */
#define VMEM_MODE_MAP 0x1   /* resource-map mode: no allocated tags, no spans; free adds a
                             * run (coalescing, overlap-checked); first fit by address */

/* An arena. Callers of vmem_arena_init provide the storage (the core embeds its arenas,
 * rmap embeds one in struct rmap); strata_vmem_create takes it from core pages. */
struct strata_vmem {
	char name[VMEM_NAME_MAX];            /* for messages and stats */
	sync_lock_t lock;                    /* guards everything below */
	uintptr_t quantum;                   /* unit of allocation (power of two) */
	unsigned qshift;                     /* log2(quantum) */
	unsigned mode;                       /* VMEM_MODE_* */
	strata_vmem_import_t import;         /* span source, or NULL */
	vmem_ximport_t ximport;              /* the same source taking the constraints of a
	                                        constrained request (a parent arena), or NULL */
	strata_vmem_release_t release;       /* span sink for fully free imported spans, or NULL */
	void *import_arg;                    /* argument of import and release */
	uintptr_t import_quantum;            /* import at least this much, in multiples of it */
	struct vmem_seg *head;               /* first tag by address */
	struct vmem_seg *tail;               /* last tag by address */
	struct vmem_seg *spans;              /* span markers by address, chained on knext */
	struct vmem_seg *freelist[VMEM_FREELISTS]; /* free segments by size class, LIFO */
	uint64_t freemap;                    /* bit i set when freelist[i] is non-empty */
	struct vmem_seg **hash;              /* allocated segments by start (chained on knext) */
	size_t hash_mask;                    /* buckets - 1 (buckets a power of two) */
	unsigned hash_shift;                 /* 64 - log2(buckets), for multiplicative hashing */
	int hash_resizing;                   /* 1 while a thread grows the hash */
	struct vmem_seg *hash0[VMEM_HASH_INITIAL]; /* the initial buckets */
	struct vmem_seg *tcache;             /* a few spare tags kept by the arena (module pool's) */
	unsigned ntcache;                    /* how many (at most VMEM_TCACHE_MAX) */
	struct vmem_seg *ptags;              /* private tag pool (map mode with caller storage) */
	size_t nptags;                       /* tags in the private pool */
	int private_tags;                    /* 1: tags come only from ptags (fixed capacity) */
	size_t nalloc_segs;                  /* allocated segments (hash population) */
	size_t nfree_segs;                   /* free segments */
	uintptr_t total;                     /* units in all spans (map mode: free units) */
	uintptr_t inuse;                     /* units allocated */
	unsigned long imports;               /* spans imported */
	unsigned long releases;              /* spans released */
	unsigned long failures;              /* allocations that found no space */
	struct strata_vmem *list_next;       /* next arena in the module's list (stats) */
	int listed;                          /* 1 while on that list */
};

/* Where vmem gets the pages of its own bookkeeping (boundary tags beyond the static
 * reserve, hash tables past the embedded buckets): callbacks installed by the layer that
 * owns the pages (core_init), the way illumos feeds an arena through vm_source_alloc. So
 * vmem never names the layer above it. alloc rounds `size` up to whole pages and
 * returns NULL when there are none; free takes the same size back. Until a table is installed vmem lives on its static
 * reserve and embedded buckets. */
struct vmem_page_ops {
	void *(*alloc)(size_t size);
	void (*free)(void *addr, size_t size);
};
void vmem_pages_set(const struct vmem_page_ops *ops);

/* Set up an arena on caller storage. Returns 0 or -1 (bad quantum, or no tags). */
int vmem_arena_init(struct strata_vmem *vm, const char *name, uintptr_t base, size_t size, size_t quantum,
                    strata_vmem_import_t import, strata_vmem_release_t release, void *arg,
                    size_t import_quantum, unsigned mode);
/* Let a constrained request import through `ximport` (same arg and release as the plain
 * import): the source is asked for a span that satisfies the request's constraints. */
void vmem_arena_ximport_set(struct strata_vmem *vm, vmem_ximport_t ximport);
/* Take an allocated segment that is exactly one imported span out of the arena (the
 * caller owns the range), and give a range back as an imported span allocated whole: the
 * core's remap of a directly mapped block. 0, or -1 with nothing changed. */
int vmem_arena_span_take(struct strata_vmem *vm, uintptr_t addr, size_t size);
int vmem_arena_span_put_alloc(struct strata_vmem *vm, uintptr_t addr, size_t size);
/* Give the arena `n` tags of caller storage as its only tags (fixed capacity). */
void vmem_arena_tags_give(struct strata_vmem *vm, struct vmem_seg *tags, size_t n);
/* Tear an arena down: imported spans released, tags returned, unlisted. */
void vmem_arena_fini(struct strata_vmem *vm);

/* Uncounted alloc / free for layers inside libstrata. */
uintptr_t vmem_arena_xalloc(struct strata_vmem *vm, size_t size, size_t align, size_t phase,
                            size_t nocross, uintptr_t minaddr, uintptr_t maxaddr, int flags);
/* Free an allocated segment; misuse goes to the error sink. */
void vmem_arena_free(struct strata_vmem *vm, uintptr_t addr, size_t size);
/* Free if the arena allocated exactly this segment: 0; else -1 and nothing reported. */
int vmem_arena_free_quiet(struct strata_vmem *vm, uintptr_t addr, size_t size);
/* 1 when the arena has exactly [addr, addr + size) allocated. */
int vmem_arena_owns(struct strata_vmem *vm, uintptr_t addr, size_t size);
/* 1 when addr lies inside one of the arena's spans. */
int vmem_arena_contains(struct strata_vmem *vm, uintptr_t addr);
/* Results of vmem_arena_add (nothing is reported: the caller words the message). */
enum vmem_add_result {
	VMEM_ADD_OK = 0,
	VMEM_ADD_OVERLAP = -1,   /* the range overlaps what the arena holds */
	VMEM_ADD_INSIDE = -2,    /* map mode: the range lies inside a free run (double free) */
	VMEM_ADD_NOTAG = -3,     /* no boundary tag to record it (a full fixed-capacity map) */
	VMEM_ADD_BAD = -4        /* empty or wrapping range */
};
/* Add a span (map mode: free a run, coalescing with both neighbours). On overlap,
 * other_start and other_size (when not NULL) give the range it collides with. */
enum vmem_add_result vmem_arena_add(struct strata_vmem *vm, uintptr_t addr, size_t size,
                                    uintptr_t *other_start, size_t *other_size);
/* Units held free, allocated and in total, read under the lock. */
void vmem_arena_sizes(struct strata_vmem *vm, size_t *free_units, size_t *alloc_units);

/* The consistency walk behind strata_vmem_verify (also for map-mode arenas). */
int vmem_arena_verify(struct strata_vmem *vm);

/* Fibonacci hashing multiplier: 2^64 / golden ratio, odd. */
#define VMEM_HASH_MULT 0x9E3779B97F4A7C15ull

/* Index of the highest set bit of x (x > 0). */
static inline unsigned vmem_highbit(uintptr_t x)
{
	return 63u - (unsigned)__builtin_clzll((unsigned long long)x);
}

/* The hash bucket of a start address. */
static inline struct vmem_seg **vmem_hash_bucket(struct strata_vmem *vm, uintptr_t addr)
{
	uint64_t h = ((uint64_t)(addr >> vm->qshift) * VMEM_HASH_MULT) >> vm->hash_shift;
	return &vm->hash[h & vm->hash_mask];
}

/* The link that points at the allocated segment starting at addr, or NULL. */
static inline struct vmem_seg **vmem_hash_find(struct strata_vmem *vm, uintptr_t addr)
{
	for (struct vmem_seg **p = vmem_hash_bucket(vm, addr); *p; p = &(*p)->knext)
		if ((*p)->start == addr)
			return p;
	return NULL;
}

/* Fork: take every vmem lock (prepare), release them (parent), or reset them (child).
 * Map-mode arenas (resource maps on caller storage) are not listed and not covered. */
void vmem_fork_prepare(void);
void vmem_fork_parent(void);
void vmem_fork_child(void);

#endif /* STRATA_ALLOC_VMEM_IMPL_H */

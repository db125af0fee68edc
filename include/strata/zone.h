/*
 * strata/zone.h: the Mach zone face (zinit, zalloc, zget, zfree, zone_gc).
 *
 * A zone hands out objects of one size. In libstrata a zone is an object cache of the
 * shared slab engine (alloc/zone): slabs carved from vmem pages, per-thread magazines and
 * a depot. The Mach contract is kept: zalloc may grow the zone (an expandable zone raises
 * its limit by half when it reaches max, as Mach did; an exhaustible one returns NULL);
 * zget never grows and never blocks (NULL when nothing is free); zfree checks that the
 * object belongs to the zone and was not already free (errors go to the error sink).
 */
#ifndef STRATA_ZONE_H
#define STRATA_ZONE_H

#include <strata/common.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct strata_zone *zone_t;

/* Flags for zone_change(). Defaults as Mach: expandable, not exhaustible, not collectable. */
#define ZONE_EXHAUSTIBLE 0x1u  /* zalloc may return NULL when the zone reaches max */
#define ZONE_COLLECTABLE 0x2u  /* zone_gc (and malloc_trim, the decay) may return its empty
                                  slabs; a zone without it keeps all it took until zdestroy */
#define ZONE_EXPANDABLE  0x4u  /* reaching max raises max by 50% instead of failing */
#define ZONE_ZERO        0x8u  /* every object is handed out zero-filled */

/* A zone of objects of `size` bytes, at most `max` bytes in all, growing `alloc` bytes at a
 * time (0: one page): each slab holds alloc bytes of objects and touches no more, so the
 * zone's memory stays within max (rounded up to a multiple of alloc). size 0 means
 * sizeof(void *); sizes round up to a pointer multiple.
 * NULL, with nothing reported, when there are no pages for the zone (Mach panicked
 * "zinit"; a boot region too small for the engine is the usual case, see strata/boot.h). */
STRATA_API zone_t zinit(size_t size, size_t max, size_t alloc, const char *name);
/* Object caching (Bonwick 1994), a strata extension: a constructor and a destructor for a
 * zone's objects, called as fn(obj, elem_size, arg). Objects are constructed when first
 * handed out and come back from zfree in their constructed state, which zalloc and zget
 * hand out again without calling the constructor; destructors run when the zone gives a
 * slab back (zone_gc of a collectable zone, zdestroy, surplus empty slabs), on every
 * object in it ever constructed. Either function may be NULL (not both: that is zinit).
 * A destructor may run under the zone's lock: neither may call this zone's functions.
 * ZONE_ZERO zeroes an object before its construction only. Costs 32 bytes per object and
 * the fast paths; with STRATA_DEBUG, zfree destroys each object and zalloc constructs
 * anew (so that fill patterns can catch use after free). */
typedef void (*zone_ctor_fn)(void *obj, size_t size, void *arg);
STRATA_API zone_t zinit_ctor(size_t size, size_t max, size_t alloc, const char *name, zone_ctor_fn ctor,
                             zone_ctor_fn dtor, void *arg);
/* Turn a ZONE_* flag on or off. */
STRATA_API void zone_change(zone_t zone, unsigned flag, int on);
/* Destroy a zone whose objects were all freed (misuse otherwise goes to the error sink). */
STRATA_API void zdestroy(zone_t zone);

/* An object of the zone, growing it when none is free (within the limit: see the flags
 * above); NULL when no memory is left or an exhaustible zone is full. */
STRATA_API void *zalloc(zone_t zone) STRATA_MALLOC;
/* An object only if one is free: never grows, never blocks; else NULL. */
STRATA_API void *zget(zone_t zone) STRATA_MALLOC;
/* Give an object back to its zone (an object of another zone, or one already free, goes
 * to the error sink). */
STRATA_API void zfree(zone_t zone, void *elem);

/* Return empty slabs of collectable zones to the pages; returns the bytes given back,
 * exactly what the zones' cur_size lost. (cur_size in zone_info counts the slabs a zone
 * holds, alloc bytes each; the limit counts objects: max_size / elem_size of them may be
 * out of the zone at once.) */
STRATA_API size_t zone_gc(void);

/* Per-zone statistics, as Mach's host_zone_info, plus counters. */
typedef struct zone_info {
	const char *name;
	size_t elem_size;      /* object size after rounding */
	size_t count;          /* objects in use */
	size_t cur_size;       /* bytes of slabs the zone holds */
	size_t max_size;       /* current limit in bytes */
	size_t alloc_size;     /* growth step in bytes */
	unsigned flags;        /* ZONE_* */
	unsigned long allocs;  /* zalloc + zget successes */
	unsigned long frees;   /* zfree calls */
	unsigned long slabs;   /* slabs currently held */
	unsigned long expansions; /* times an expandable zone raised max by 50% on reaching it */
} zone_info_t;
STRATA_API int zone_info(zone_t zone, zone_info_t *out);

#ifdef __cplusplus
}
#endif
#endif /* STRATA_ZONE_H */

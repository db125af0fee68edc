/*
 * dig/write/rank.h: the model as a maintainer reads it: the real allocators ranked by call
 * sites and grouped by family, copies collapsed into one row, wrappers folded under what
 * they end at, the suspects, and the redundancy factor of that cleaned list. Built once
 * per run from the model (write/rank.c); report.md's first page, report.html and the
 * graphs all read it, so the three agree. Every decision goes through one accessor here
 * (rank_family, rank_is_real, ...), so the model's richer classification slots in there.
 */
#ifndef STRATA_DIG_WRITE_RANK_H
#define STRATA_DIG_WRITE_RANK_H

#include <stdint.h>

#include "dig/model/model.h"

/* Families, in the order the first page shows them. */
enum rank_family {
	RANK_FAM_KERNEL = 0,   /* kernel slab / arena / page: kernel-domain general, fixed, page */
	RANK_FAM_USER,         /* user-space mallocs: general-purpose and page-level outside the kernel */
	RANK_FAM_CACHE,        /* object caches outside the kernel: fixed-size */
	RANK_FAM_RMAP,         /* resource maps and arenas of integers */
	RANK_FAM_BOOT,         /* early boot and standalone */
	RANK_FAM_COUNT
};

/* What the ranking makes of an implementation. */
enum rank_kind {
	RANK_REAL = 0,         /* stateful, hands out and takes back (boot: may not take back) */
	RANK_WRAPPER,          /* forwards: folded under what it ends at */
	RANK_LAYER,            /* works on another implementation's state */
	RANK_RELEASE_ONLY,     /* only release-side entry points (a suspect) */
	RANK_NO_CALLERS,       /* stateful, but nothing in the tree calls it (a suspect) */
	RANK_KIND_COUNT
};

/* A count of call sites from one subsystem (a folder). */
struct rank_sub {
	const char *dir;       /* the folder, relative to the root ("." for the root) */
	uint32_t calls;
};

/* One call site into a row from outside it (the sites its call count counts). */
struct rank_site {
	uint32_t row;
	const char *path;      /* the calling file */
	int kernel;            /* the caller is kernel or boot code */
};

/* One row of the ranking: an allocator and its copies. */
struct rank_row {
	uint32_t impl;         /* the representative: the copy with the most call sites */
	uint32_t *copies;      /* every member, the representative first */
	uint32_t ncopies;
	uint32_t ncopied;      /* copies of the allocator the row stands for: its members, each
	                          with the copies the model folded into it (model_impl.copies) */
	enum rank_family family;
	uint32_t calls;        /* call sites into all copies */
	uint32_t callers;      /* distinct calling functions (summed over copies) */
	uint32_t wrappers;     /* wrappers folded under it */
	struct rank_sub *subs; /* callers' subsystems, by calls (descending) */
	uint32_t nsubs;
	int counted;           /* counted in the cleaned redundancy factor */
};

/* Wrappers that end at one place: an implementation's row, or an outside name. */
struct rank_fold {
	int32_t row;           /* the row they fold under, or -1 */
	const char *name;      /* the end's name (a row's main entry, or the external / backend) */
	uint32_t wrappers;
	uint32_t calls;        /* call sites into those wrappers */
};

/* A file whose allocator functions call into several allocator rows. */
struct rank_glue {
	const char *path;
	uint32_t impls;        /* the rows they call (their own excluded) */
};

struct rank {
	const struct model *model;
	enum rank_kind *kind;          /* per implementation */
	int32_t *row_of;               /* per implementation: its row, or -1 */
	struct rank_row *rows;         /* RANK_REAL, by family then calls (descending) */
	uint32_t nrows;
	uint32_t fam_rows[RANK_FAM_COUNT];
	struct rank_fold *folds;       /* by wrappers (descending) */
	uint32_t nfolds;
	uint32_t *release_only;        /* impl indices, by calls (descending) */
	uint32_t nrelease_only;
	uint32_t *no_callers;          /* impl indices, by name */
	uint32_t nno_callers;
	struct rank_site *sites;       /* every row's call sites, by row then path */
	uint32_t nsites;
	struct rank_glue *glue;        /* files whose allocator code calls 2+ other rows, by count */
	uint32_t nglue;
	uint32_t wrappers_of_nothing;  /* wrappers that call no allocator API (a suspect) */
	uint32_t count[RANK_KIND_COUNT]; /* implementations per kind */
	uint32_t copies;               /* real implementations folded into another's row */
	/* the redundancy factor, the one every output shows (rank.c, rank_redundancy): counted
	 * rows / their distinct roles; rf_percent = 100 (1 - rf_roles / rf_rows) */
	uint32_t rf_rows, rf_roles;
	uint32_t rf_per_role[MODEL_ROLE_COUNT];
	double rf, rf_percent;
};

int rank_build(const struct model *model, struct rank *rank);
/* Group call sites into callers' subsystems (rank.c's theory); *subs by calls, descending.
 * Returns 0, or -1 when out of memory. Free with rank_subs_free. */
int rank_subs_of(const struct rank_site *sites, uint32_t n, struct rank_sub **subs, uint32_t *nsubs);
void rank_subs_free(struct rank_sub *subs, uint32_t n);
/* A subsystem's folder as a reader sees it: the root (".") is "(top folder)". */
const char *rank_sub_label(const char *dir);
void rank_free(struct rank *rank);

const char *rank_family_name(enum rank_family family);
const char *rank_kind_name(enum rank_kind kind);
/* The family of an implementation. */
enum rank_family rank_family_of(const struct model *model, uint32_t impl);
/* The main entry's name of an implementation (its name up to " @ "), into buf. */
const char *rank_entry_name(const struct model *model, uint32_t impl, char *buf, size_t size);
/* The file of an implementation's main entry (its name after " @ "): where every output
 * says the allocator is (not files[0], the first of its files by name). */
const char *rank_entry_file(const struct model *model, uint32_t impl);
/* The locking of an implementation in a few words ("mutex (mutex_enter)", "none"), into buf. */
const char *rank_locking(const struct model *model, uint32_t impl, char *buf, size_t size);

#endif /* STRATA_DIG_WRITE_RANK_H */

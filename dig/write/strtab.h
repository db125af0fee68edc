/*
 * dig/write/strtab.h: a table of distinct strings: each string once in one pool, found by
 * content through an open-addressing hash set, numbered in the order first interned. The
 * query index stores pool offsets, report.html the numbers.
 */
#ifndef STRATA_DIG_WRITE_STRTAB_H
#define STRATA_DIG_WRITE_STRTAB_H

#include <stdint.h>

struct strtab {
	char *pool;                    /* the strings, NUL-terminated, back to back */
	uint64_t len, cap;
	uint32_t *off;                 /* per number: its offset in the pool */
	uint32_t *hash;                /* per number: the low 32 bits of its qx_hash (a probe
	                                  compares these before the strings; a grow reuses them) */
	uint32_t count, capoff;
	uint32_t *slots;               /* number + 1, 0 = empty */
	uint32_t mask;
	int failed;                    /* out of memory, or the pool passed 2 GiB */
};

/* Start a table; with `empty`, "" is number 0 at offset 0. Returns -1 when out of memory. */
int strtab_init(struct strtab *t, int empty);
/* The number of s, interned when new (NULL counts as ""); UINT32_MAX after a failure. */
uint32_t strtab_intern(struct strtab *t, const char *s);
/* The number of s when interned, else UINT32_MAX. */
uint32_t strtab_find(const struct strtab *t, const char *s);
void strtab_fini(struct strtab *t);

#endif /* STRATA_DIG_WRITE_STRTAB_H */

/*
 * alloc/boot/space.h: the kget_space bump space of the boot face (alloc/boot/space.c).
 *
 * Internal to alloc/boot and its tests. The face (alloc/boot/boot.c) counts the calls and
 * keeps the historical names; this layer only hands out bytes.
 */
#ifndef STRATA_ALLOC_BOOT_SPACE_H
#define STRATA_ALLOC_BOOT_SPACE_H

#include <stddef.h>
#include <stdint.h>
#include <strata/page.h>

/* Bytes every kget_space block is rounded to, and so its alignment. */
#define BOOT_SPACE_GRAIN 16u
/* Growth regions remembered so that the boot free can tell kget_space memory apart. */
#define BOOT_SPACE_CHUNKS 32u

/* Usage of the bump space (strata_boot_info reads it). */
struct boot_space_usage {
	size_t used;                 /* bytes handed out, after rounding */
	size_t wasted;               /* bytes abandoned when a new region was not contiguous */
	size_t reserved;             /* bytes of every region the space ever adopted */
	unsigned long core_grows;    /* regions taken from the engine's pages (the boot region) */
	unsigned long host_grows;    /* regions taken from the host's vm_map */
	unsigned long host_returns;  /* surplus regions given back after losing a growth race */
	unsigned long failures;      /* calls that found neither pages nor a host */
};

/* `size` bytes (rounded up to BOOT_SPACE_GRAIN, 0 counts as 1) of bump space, growing from
 * the core's pages and then the host; NULL when neither has room. Never freed. */
void *boot_space_alloc(size_t size);
/* Install (copy) or clear (NULL) the host whose vm_map grows the space. */
void boot_space_host_set(const strata_page_host_t *host);
/* 1 when ptr lies in a region the space adopted (0 also when the table overflowed). */
int boot_space_contains(const void *ptr);
/* A snapshot of the usage counters. */
void boot_space_usage_get(struct boot_space_usage *out);
/* 1 while the space lock is held: tests check that no host call runs under it. */
int boot_space_lock_held(void);
/* The boot layer's consistency walk: the bump range lies inside an adopted region,
 * regions do not overlap, used + wasted <= reserved. 0 when consistent, else a report to
 * the error sink (corruption) and -1. Tests call it after each case. */
int boot_verify(void);

#endif /* STRATA_ALLOC_BOOT_SPACE_H */

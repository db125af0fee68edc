/*
 * strata/strata.h: the umbrella header, every face of libstrata at once.
 *
 * Note: strata/boot.h maps malloc/realloc/free to the boot face only when
 * STRATA_BOOT_NAMES is defined; including this header alone renames nothing.
 */
#ifndef STRATA_STRATA_H
#define STRATA_STRATA_H

#include <strata/common.h>
#include <strata/version.h>
#include <strata/error.h>
#include <strata/page.h>
#include <strata/vmem.h>
#include <strata/rmap.h>
#include <strata/zone.h>
#include <strata/kalloc.h>
#include <strata/boot.h>
#include <strata/malloc.h>
#include <strata/stats.h>

#endif /* STRATA_STRATA_H */

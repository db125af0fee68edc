/*
 * strata/stats.h: libstrata's counters and runtime topology.
 *
 * Every face call is counted per thread and summed on read. STRATA_STATS=1 prints the
 * counters and usage at exit. strata_topology_dot() writes the runtime allocator
 * hierarchy (faces -> engine layers -> page source) with live counts, naming nodes the
 * way strata dig names them. strata_stats_dump() writes a machine-readable dump that
 * `strata stats FILE` pretty-prints.
 */
#ifndef STRATA_STATS_H
#define STRATA_STATS_H

#include <strata/common.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Value of a counter by face and call name ("kalloc", "kfree"); 0 when unknown. */
STRATA_API unsigned long strata_stats_get(const char *face, const char *call);
/* Print counters and per-zone / per-arena usage to file descriptor fd. */
STRATA_API void strata_stats_print(int fd);
/* Write the dump format (one "face call count" line per counter, plus usage lines). */
STRATA_API void strata_stats_dump(int fd);
/* Write the runtime hierarchy as DOT to fd. */
STRATA_API void strata_topology_dot(int fd);

#ifdef __cplusplus
}
#endif
#endif /* STRATA_STATS_H */

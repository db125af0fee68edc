/*
 * dig/cli/cmd_stats.c: `strata stats FILE`, the pretty-printer for libstrata dumps.
 */
#include <stdio.h>

#include "dig/cli/commands.h"

int strata_cmd_stats(const struct strata_opts *opts)
{
	(void)opts;
	fprintf(stderr, "strata: 'stats' is not in this build yet\n");
	return STRATA_EXIT_FAILED;
}

/*
 * dig/cli/commands.c: the subcommands. Until the scan/model/write stages land, each says
 * plainly that it is not built yet and fails with exit code 2.
 */
#include <stdio.h>

#include "dig/cli/commands.h"

/* Report a command that this build does not have yet. */
static int not_yet(const char *what)
{
	fprintf(stderr, "strata: '%s' is not in this build yet\n", what);
	return STRATA_EXIT_FAILED;
}

int strata_cmd_dig(const struct strata_opts *opts) { (void)opts; return not_yet("dig"); }
int strata_cmd_callers(const struct strata_opts *opts) { (void)opts; return not_yet("callers"); }
int strata_cmd_callees(const struct strata_opts *opts) { (void)opts; return not_yet("callees"); }
int strata_cmd_trace(const struct strata_opts *opts) { (void)opts; return not_yet("trace"); }

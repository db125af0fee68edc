/*
 * dig/cli/main.c: the strata command. Parses the options and hands them to one command.
 */
#include <stdio.h>

#include "dig/cli/commands.h"
#include "dig/cli/options.h"

int main(int argc, char **argv)
{
	struct strata_opts opts;
	int done = 0;
	int rc = strata_opts_parse(&opts, argc, argv, &done);

	if (rc != STRATA_EXIT_OK || done)
		return rc;
	switch (opts.command) {
	case STRATA_CMD_DIG: return strata_cmd_dig(&opts);
	case STRATA_CMD_CALLERS: return strata_cmd_callers(&opts);
	case STRATA_CMD_CALLEES: return strata_cmd_callees(&opts);
	case STRATA_CMD_TRACE: return strata_cmd_trace(&opts);
	case STRATA_CMD_STATS: return strata_cmd_stats(&opts);
	case STRATA_CMD_MERGE: return strata_cmd_merge(&opts);
	case STRATA_CMD_NONE:
	case STRATA_CMD_COUNT:
		break;
	}
	return STRATA_EXIT_USAGE;
}

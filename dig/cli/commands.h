/*
 * dig/cli/commands.h: one function per subcommand; each returns a strata_exit code.
 */
#ifndef STRATA_DIG_CLI_COMMANDS_H
#define STRATA_DIG_CLI_COMMANDS_H

#include "dig/cli/options.h"

int strata_cmd_dig(const struct strata_opts *opts);
int strata_cmd_callers(const struct strata_opts *opts);
int strata_cmd_callees(const struct strata_opts *opts);
int strata_cmd_trace(const struct strata_opts *opts);
int strata_cmd_stats(const struct strata_opts *opts);
int strata_cmd_merge(const struct strata_opts *opts);

/* The whole command line (main() is this; a test program wraps it). Returns the exit code. */
int strata_main(int argc, char **argv);

#endif /* STRATA_DIG_CLI_COMMANDS_H */

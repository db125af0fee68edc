/*
 * dig/cli/inputs.h: the files a dig reads when the command line names them instead of
 * letting the scan walk DIR: a file list (--files, as cscope's -i) or a compilation
 * database (--compdb, compile_commands.json), read into dig_scan_opts.inputs.
 */
#ifndef STRATA_DIG_CLI_INPUTS_H
#define STRATA_DIG_CLI_INPUTS_H

#include <stddef.h>
#include <stdint.h>

#include "dig/scan/scan.h"

struct strata_inputs {
	struct dig_scan_input *v;    /* the files, in the order named */
	uint32_t n, cap;
	void **mem;                  /* every block the inputs point into (freed by fini) */
	uint32_t nmem, capmem;
	uint32_t other;              /* --compdb: entries left out (their file does not end
	                                in one of the --ext endings: C++ and the like) */
};

/* Read a file list: one path a line ('\r' before the newline and empty lines ignored),
 * "-" for stdin. Paths stay as written (the scan folds them below DIR). Returns 0, or -1
 * with a message in err. */
int strata_inputs_list(struct strata_inputs *in, const char *path, char *err, size_t errlen);

/* Read compile_commands.json: for every entry whose file ends in one of exts, the file
 * (made absolute against the entry's "directory") with the -D/-U macros and the
 * -I/-iquote/-isystem/-idirafter folders of its "arguments" or "command" (split as a
 * POSIX shell splits words). Returns 0, or -1 with a message (FILE:LINE when the JSON is
 * bad) in err. */
int strata_inputs_compdb(struct strata_inputs *in, const char *path, const char *const *exts, int nexts,
                         char *err, size_t errlen);

/* Free everything. */
void strata_inputs_fini(struct strata_inputs *in);

#endif /* STRATA_DIG_CLI_INPUTS_H */

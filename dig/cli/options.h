/*
 * dig/cli/options.h: the CLI's options, in one struct passed down (never globals), and the
 * documented exit codes.
 */
#ifndef STRATA_DIG_CLI_OPTIONS_H
#define STRATA_DIG_CLI_OPTIONS_H

#include <stddef.h>
#include <stdio.h>

/* Exit codes (also in strata --help and docs/strata.1). */
enum strata_exit {
	STRATA_EXIT_OK = 0,       /* done */
	STRATA_EXIT_USAGE = 1,    /* bad command line */
	STRATA_EXIT_FAILED = 2,   /* could not do the job (nothing half-written is left) */
	STRATA_EXIT_SKIPPED = 3   /* done, but some inputs were skipped (listed on stderr) */
};

enum strata_command {
	STRATA_CMD_NONE = 0,
	STRATA_CMD_DIG,
	STRATA_CMD_CALLERS,
	STRATA_CMD_CALLEES,
	STRATA_CMD_TRACE,
	STRATA_CMD_STATS
};

#define STRATA_MAX_LIST 64

struct strata_opts {
	enum strata_command command;
	const char *root;            /* dig: the tree to read (default ".") */
	const char *out;             /* dig: output folder; queries: where the fact cache is (default "out") */
	const char *name;            /* callers/callees/trace: the function name */
	const char *in;              /* callers/callees/trace: only definitions under this folder */
	const char *stats_file;      /* stats: the dump to print ("-" = stdin) */
	const char *vocab;           /* --vocab FILE: extra vocabulary */
	const char *exts[STRATA_MAX_LIST];      /* --ext: file endings to read (default .c .h) */
	int nexts;
	const char *excludes[STRATA_MAX_LIST];  /* --exclude: folder or file names to skip */
	int nexcludes;
	int default_excludes;        /* 1 unless --no-default-excludes */
	int jobs;                    /* -j: parser threads (0 = one per core) */
	int progress;                /* -1 auto (TTY), 0 off, 1 on */
	int quiet;                   /* -q: no summary lines */
	int svg;                     /* 1 unless --no-svg: render .svg with graphviz dot */
	int cache;                   /* 1 unless --no-cache: reuse facts of unchanged files */
	int deep_all;                /* --deep all: parse every file with tree-sitter (default
	                                vocab: only files that mention a deep word of the
	                                vocabulary; the others are read by the lexer) */
	int depth;                   /* trace: how deep (default 16) */
	size_t max_file_bytes;       /* --max-file-size: larger files are skipped (default 16 MiB) */
	unsigned file_ms;            /* --file-timeout: parse budget per file in ms (default 5000) */
};

/* Parse argv into opts. Returns STRATA_EXIT_OK, or STRATA_EXIT_USAGE after printing why;
 * sets *done when --help/--version were answered. */
int strata_opts_parse(struct strata_opts *opts, int argc, char **argv, int *done);
void strata_usage(FILE *to);

#endif /* STRATA_DIG_CLI_OPTIONS_H */

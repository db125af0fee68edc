/*
 * dig/cli/options.h: the CLI's commands, options and exit codes (one table,
 * dig/cli/options.def), parsed into one struct passed down, never globals.
 */
#ifndef STRATA_DIG_CLI_OPTIONS_H
#define STRATA_DIG_CLI_OPTIONS_H

#include <stddef.h>
#include <stdio.h>

/* Exit codes (EXIT rows; also in strata --help and the man page). */
enum strata_exit {
#define EXIT(id, code, help) STRATA_EXIT_##id = code,
#define COMMAND(id, word, arg, help)
#define OPTION(id, lng, shrt, kind, field, arg, values, def, cmds, help)
#include "dig/cli/options.def"
#undef EXIT
#undef COMMAND
#undef OPTION
};

enum strata_command {
	STRATA_CMD_NONE = 0,
#define EXIT(id, code, help)
#define COMMAND(id, word, arg, help) STRATA_CMD_##id,
#define OPTION(id, lng, shrt, kind, field, arg, values, def, cmds, help)
#include "dig/cli/options.def"
#undef EXIT
#undef COMMAND
#undef OPTION
	STRATA_CMD_COUNT
};

/* The commands an option applies to, one bit per command (OPTION's cmds column). */
enum strata_command_set {
#define EXIT(id, code, help)
#define COMMAND(id, word, arg, help) ON_##id = 1u << STRATA_CMD_##id,
#define OPTION(id, lng, shrt, kind, field, arg, values, def, cmds, help)
#include "dig/cli/options.def"
#undef EXIT
#undef COMMAND
#undef OPTION
	ON_QUERY = ON_CALLERS | ON_CALLEES | ON_TRACE,
	ON_ALL = (1u << STRATA_CMD_COUNT) - 2u
};

enum strata_option {
#define EXIT(id, code, help)
#define COMMAND(id, word, arg, help)
#define OPTION(id, lng, shrt, kind, field, arg, values, def, cmds, help) OPT_##id,
#include "dig/cli/options.def"
#undef EXIT
#undef COMMAND
#undef OPTION
	OPT_COUNT
};

/* How an option's argument is read (OPTION's kind column). */
enum strata_option_kind {
	STRATA_KIND_FLAG, STRATA_KIND_STRING, STRATA_KIND_LIST, STRATA_KIND_COUNT,
	STRATA_KIND_SIZE, STRATA_KIND_ENUM
};

#define STRATA_MAX_LIST 64

/* Every field is filled from the table: defaults first, then the command line. */
struct strata_opts {
	enum strata_command command;
	const char *root;            /* dig: the tree to read (default ".") */
	const char *name;            /* callers/callees/trace: the function name */
	const char *stats_file;      /* stats: the dump to print ("-" = stdin) */
	const char *out;             /* --out: dig's output folder; where queries find its facts */
	const char *in;              /* --in: queries answer for definitions under this folder */
	const char *vocab;           /* --vocab FILE: extra vocabulary */
	const char *exts[STRATA_MAX_LIST];      /* --ext: file endings to read (default .c .h) */
	int nexts;
	const char *excludes[STRATA_MAX_LIST];  /* --exclude: folder or file names to skip */
	int nexcludes;
	int default_excludes;        /* 1 unless --no-default-excludes */
	int jobs;                    /* -j: scan and model threads (0 = one per core) */
	int progress;                /* -1 auto (TTY), 0 off, 1 on */
	int quiet;                   /* -q: no summary lines */
	int svg;                     /* 1 unless --no-svg: render .svg with graphviz dot */
	int cache;                   /* 1 unless --no-cache: reuse facts of unchanged files */
	int deep;                    /* --deep: 0 vocab (only files that mention a deep word of
	                                the vocabulary go to tree-sitter; the others are read by
	                                the lexer), 1 all (parse every file) */
	int depth;                   /* trace: how deep */
	int format;                  /* --format of the queries: enum qx_format (0 text, 1 json,
	                                2 cscope) */
	size_t max_file_bytes;       /* --max-file-size: larger files are skipped */
	int file_ms;                 /* --file-timeout: parse budget per file in ms */
	const char *files;           /* --files: dig the files this list names */
	const char *compdb;          /* --compdb: dig what this compile_commands.json names */
	const char *shard_spec;      /* --shard I/N as given; parsed into shard, nshards */
	int shard, nshards;          /* dig --shard: shard I (0-based) of N; nshards 0: none */
	const char *const *parts;    /* merge: the PART folders (the parser gathers them at the
	                                front of argv, which it rearranges) */
	int nparts;
	int help;                    /* --help was given: print help, do nothing else */
	int version;                 /* --version was given */
};

/* One row of the table, for the help printer, the doc generator and tests. */
struct strata_option_row {
	const char *lng;             /* long name, without the dashes */
	char shrt;                   /* short letter, or 0 */
	enum strata_option_kind kind;
	const char *arg;             /* argument name in help ("" for FLAG and ENUM) */
	const char *values;          /* FLAG: the number stored; COUNT/SIZE: "LO..HI"; ENUM: "a|b" */
	const char *def;             /* default as typed ("" none); a LIST's words are
	                                separated by NUL bytes */
	size_t def_len;              /* bytes in def (a LIST's default holds NULs) */
	unsigned cmds;               /* enum strata_command_set */
	const char *help;            /* one line */
	size_t off;                  /* offsetof the field in struct strata_opts */
	size_t count_off;            /* LIST: offsetof its count */
};

/* One row of the command table. */
struct strata_command_row {
	const char *word;            /* as typed */
	const char *arg;             /* "[DIR]", "NAME", ... */
	const char *help;            /* one line */
};

/* One documented exit code. */
struct strata_exit_row {
	int code;
	const char *help;
};

extern const struct strata_option_row strata_option_rows[OPT_COUNT];
extern const struct strata_command_row strata_command_rows[STRATA_CMD_COUNT];   /* [0] unused */
extern const struct strata_exit_row strata_exit_rows[];
extern const size_t strata_exit_count;

/* Parse argv into opts. Returns STRATA_EXIT_OK, or STRATA_EXIT_USAGE after printing why
 * on stderr; sets *done when --help/--version were answered on stdout. */
int strata_opts_parse(struct strata_opts *opts, int argc, char **argv, int *done);

/* The help text: the whole command line (command STRATA_CMD_NONE) or one command's. */
void strata_usage(FILE *to, enum strata_command command);

/* Check one option's argument against its row (range, names, non-empty) and store it;
 * 0, or -1 after printing `strata: --NAME wants ..., not 'TEXT'` on err (NULL: silent). */
int strata_opt_set(struct strata_opts *opts, enum strata_option id, const char *text, FILE *err);

/* The name of value v of an ENUM option ("?" when out of range). */
const char *strata_opt_enum_name(enum strata_option id, int v, char *buf, size_t cap);

#endif /* STRATA_DIG_CLI_OPTIONS_H */

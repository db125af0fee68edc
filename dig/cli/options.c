/*
 * dig/cli/options.c: the command line, parsed once into struct strata_opts.
 *
 *   strata [GLOBAL] COMMAND [ARGS]
 * Options may stand before or after the command; the first non-option word is the command,
 * the next is its argument (DIR, NAME or FILE).
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "dig/cli/options.h"

static const struct {
	const char *word;
	enum strata_command command;
} commands[] = {
	{ "dig", STRATA_CMD_DIG },
	{ "callers", STRATA_CMD_CALLERS },
	{ "callees", STRATA_CMD_CALLEES },
	{ "trace", STRATA_CMD_TRACE },
	{ "stats", STRATA_CMD_STATS },
};

/* Write the help text. */
void strata_usage(FILE *to)
{
	fputs(
	    "usage: strata [OPTIONS] COMMAND [ARG]\n"
	    "\n"
	    "Excavate a C tree's memory-allocation topology, and query it.\n"
	    "\n"
	    "commands:\n"
	    "  dig [DIR]          read the C tree DIR (default .) and write the topology into -o OUT\n"
	    "  callers NAME       functions that call NAME (from OUT's fact cache)\n"
	    "  callees NAME       functions NAME calls\n"
	    "  trace NAME         NAME's call chains down to the backends\n"
	    "  stats FILE         pretty-print a libstrata statistics dump (- for stdin)\n"
	    "\n"
	    "options:\n"
	    "  -o, --out DIR          output folder / fact cache (default: out)\n"
	    "      --in DIR           callers/callees/trace: only definitions under DIR\n"
	    "      --vocab FILE       extra vocabulary of allocator, backend, lock and debug names\n"
	    "      --ext .X           read files ending in .X (repeatable; default .c and .h)\n"
	    "      --exclude NAME     skip folders or files named NAME (repeatable)\n"
	    "      --no-default-excludes  also read .git, build output and vendored folders\n"
	    "  -j, --jobs N           parser threads (default: one per core)\n"
	    "      --max-file-size N  skip files larger than N bytes (default 16777216)\n"
	    "      --file-timeout MS  parse budget per file in milliseconds (default 5000)\n"
	    "      --depth N          trace depth (default 16)\n"
	    "      --no-svg           do not render SVG (DOT only)\n"
	    "      --no-cache         re-parse every file\n"
	    "      --deep MODE        what tree-sitter parses: vocab (default: in files that\n"
	    "                         define or store an allocation, release or backend word of\n"
	    "                         the vocabulary, the bodies that matter; the rest is read by\n"
	    "                         a lexer) or all\n"
	    "      --progress / --no-progress  progress line (default: on a terminal)\n"
	    "  -q, --quiet            no summary lines\n"
	    "  -h, --help             this text\n"
	    "  -V, --version          the version\n"
	    "\n"
	    "exit status: 0 ok, 1 usage error, 2 failed (nothing half-written is left),\n"
	    "             3 finished but some inputs were skipped (listed on stderr)\n",
	    to);
}

/* Parse a non-negative number or fail with a usage message. */
static int parse_count(const char *what, const char *text, unsigned long long *value)
{
	char *end = NULL;
	if (!text || !*text || *text == '-')
		goto bad;
	*value = strtoull(text, &end, 10);
	if (*end == '\0')
		return 0;
bad:
	fprintf(stderr, "strata: %s wants a whole number, not '%s'\n", what, text ? text : "");
	return -1;
}

int strata_opts_parse(struct strata_opts *opts, int argc, char **argv, int *done)
{
	enum {
		OPT_IN = 256, OPT_VOCAB, OPT_EXT, OPT_EXCLUDE, OPT_NO_DEFAULT_EXCLUDES, OPT_MAX_FILE,
		OPT_FILE_TIMEOUT, OPT_DEPTH, OPT_NO_SVG, OPT_NO_CACHE, OPT_PROGRESS, OPT_NO_PROGRESS,
		OPT_DEEP
	};
	static const struct option longopts[] = {
		{ "out", required_argument, NULL, 'o' },
		{ "in", required_argument, NULL, OPT_IN },
		{ "vocab", required_argument, NULL, OPT_VOCAB },
		{ "ext", required_argument, NULL, OPT_EXT },
		{ "exclude", required_argument, NULL, OPT_EXCLUDE },
		{ "no-default-excludes", no_argument, NULL, OPT_NO_DEFAULT_EXCLUDES },
		{ "jobs", required_argument, NULL, 'j' },
		{ "max-file-size", required_argument, NULL, OPT_MAX_FILE },
		{ "file-timeout", required_argument, NULL, OPT_FILE_TIMEOUT },
		{ "depth", required_argument, NULL, OPT_DEPTH },
		{ "no-svg", no_argument, NULL, OPT_NO_SVG },
		{ "no-cache", no_argument, NULL, OPT_NO_CACHE },
		{ "deep", required_argument, NULL, OPT_DEEP },
		{ "progress", no_argument, NULL, OPT_PROGRESS },
		{ "no-progress", no_argument, NULL, OPT_NO_PROGRESS },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *words[3] = { NULL, NULL, NULL };
	int nwords = 0;
	unsigned long long n;
	int c;

	memset(opts, 0, sizeof *opts);
	opts->out = "out";
	opts->default_excludes = 1;
	opts->progress = -1;
	opts->svg = 1;
	opts->cache = 1;
	opts->depth = 16;
	opts->max_file_bytes = 16u << 20;
	opts->file_ms = 5000;
	*done = 0;

	optind = 1;
	opterr = 0;
	/* "-" first in optstring: non-options come back as argument 1, in order. */
	while ((c = getopt_long(argc, argv, "-o:j:qhV", longopts, NULL)) != -1) {
		switch (c) {
		case 1:
			if (nwords == 3) {
				fprintf(stderr, "strata: unexpected argument '%s'\n", optarg);
				return 1;
			}
			words[nwords++] = optarg;
			break;
		case 'o': opts->out = optarg; break;
		case OPT_IN: opts->in = optarg; break;
		case OPT_VOCAB: opts->vocab = optarg; break;
		case OPT_EXT:
		case OPT_EXCLUDE: {
			const char **list = c == OPT_EXT ? opts->exts : opts->excludes;
			int *count = c == OPT_EXT ? &opts->nexts : &opts->nexcludes;
			if (*count == STRATA_MAX_LIST) {
				fprintf(stderr, "strata: at most %d --%s options\n", STRATA_MAX_LIST,
				        c == OPT_EXT ? "ext" : "exclude");
				return 1;
			}
			list[(*count)++] = optarg;
			break;
		}
		case OPT_NO_DEFAULT_EXCLUDES: opts->default_excludes = 0; break;
		case 'j':
			if (parse_count("--jobs", optarg, &n) || n > 256)
				return 1;
			opts->jobs = (int)n;
			break;
		case OPT_MAX_FILE:
			if (parse_count("--max-file-size", optarg, &n))
				return 1;
			opts->max_file_bytes = (size_t)n;
			break;
		case OPT_FILE_TIMEOUT:
			if (parse_count("--file-timeout", optarg, &n) || n == 0 || n > 3600000)
				return 1;
			opts->file_ms = (unsigned)n;
			break;
		case OPT_DEPTH:
			if (parse_count("--depth", optarg, &n) || n == 0 || n > 1000)
				return 1;
			opts->depth = (int)n;
			break;
		case OPT_NO_SVG: opts->svg = 0; break;
		case OPT_NO_CACHE: opts->cache = 0; break;
		case OPT_DEEP:
			if (strcmp(optarg, "all") == 0)
				opts->deep_all = 1;
			else if (strcmp(optarg, "vocab") == 0)
				opts->deep_all = 0;
			else {
				fprintf(stderr, "strata: --deep wants 'vocab' or 'all', not '%s'\n", optarg);
				return 1;
			}
			break;
		case OPT_PROGRESS: opts->progress = 1; break;
		case OPT_NO_PROGRESS: opts->progress = 0; break;
		case 'q': opts->quiet = 1; break;
		case 'h':
			strata_usage(stdout);
			*done = 1;
			return 0;
		case 'V':
			printf("strata %s\n", STRATA_VERSION);
			*done = 1;
			return 0;
		default:
			if (optopt)
				fprintf(stderr, "strata: option -%c is unknown or wants an argument\n", optopt);
			else
				fprintf(stderr, "strata: option '%s' is unknown or wants an argument\n",
				        argv[optind - 1]);
			fprintf(stderr, "try 'strata --help'\n");
			return 1;
		}
	}

	if (nwords == 0) {
		fprintf(stderr, "strata: no command given\n");
		strata_usage(stderr);
		return 1;
	}
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(words[0], commands[i].word) == 0)
			opts->command = commands[i].command;
	if (opts->command == STRATA_CMD_NONE) {
		fprintf(stderr, "strata: unknown command '%s' (dig, callers, callees, trace, stats)\n", words[0]);
		return 1;
	}
	if (nwords > 2) {
		fprintf(stderr, "strata: %s takes one argument, got '%s' too\n", words[0], words[2]);
		return 1;
	}
	switch (opts->command) {
	case STRATA_CMD_DIG:
		opts->root = words[1] ? words[1] : ".";
		break;
	case STRATA_CMD_CALLERS:
	case STRATA_CMD_CALLEES:
	case STRATA_CMD_TRACE:
		if (!words[1]) {
			fprintf(stderr, "strata: %s needs a function NAME\n", words[0]);
			return 1;
		}
		opts->name = words[1];
		break;
	case STRATA_CMD_STATS:
		if (!words[1]) {
			fprintf(stderr, "strata: stats needs a dump FILE (or - for stdin)\n");
			return 1;
		}
		opts->stats_file = words[1];
		break;
	case STRATA_CMD_NONE:
		break;
	}
	if (opts->nexts == 0) {
		opts->exts[opts->nexts++] = ".c";
		opts->exts[opts->nexts++] = ".h";
	}
	return 0;
}

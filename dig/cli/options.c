/*
 * dig/cli/options.c: the command line, parsed once into struct strata_opts.
 *
 * Theory. Every command, option and exit code is one row of dig/cli/options.def; this
 * file turns the rows into the parser, the range checks and the help, and
 * dig/cli/gendoc.c turns the same rows into the man page and the shell completion, so
 * none of them can drift from another.
 *
 *   strata COMMAND [OPTIONS] [ARG]
 * Options may stand before or after the command; the first word that is not an option is
 * the command, the next its argument (DIR, NAME or FILE); "--" ends the options. Long
 * options take their argument as --name=X or --name X and may be shortened to any unique
 * prefix; short ones as -jX or -j X, flags bundled (-qh).
 *
 * Order: every field gets its row's default (through the same check as a typed value, so
 * a bad default is a bug the table test finds), then each option as given, then the
 * command; an option the command does not take is a usage error naming the commands that
 * do. Every bad value is a usage error with one line saying what was wanted. Nothing here
 * keeps state between calls: the result is the struct.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <strata/version.h>

#include "dig/cli/options.h"
#include "dig/scan/scan.h"
#include "dig/write/escape.h"

/* Row constructors: the kind decides the field's C type, checked at compile time. */
#define KIND_TYPE_FLAG int
#define KIND_TYPE_STRING const char *
#define KIND_TYPE_LIST const char **
#define KIND_TYPE_COUNT int
#define KIND_TYPE_SIZE size_t
#define KIND_TYPE_ENUM int
#define COUNT_OFF_FLAG(field) 0
#define COUNT_OFF_STRING(field) 0
#define COUNT_OFF_LIST(field) offsetof(struct strata_opts, n##field)
#define COUNT_OFF_COUNT(field) 0
#define COUNT_OFF_SIZE(field) 0
#define COUNT_OFF_ENUM(field) 0

#define EXIT(id, code, help)
#define COMMAND(id, word, arg, help)
#define OPTION(id, lng, shrt, kind, field, arg, values, def, cmds, help) \
	_Static_assert(_Generic(((struct strata_opts *)0)->field, KIND_TYPE_##kind: 1, default: 0), \
	               "--" lng ": field " #field " is not of the type its kind " #kind " stores");
#include "dig/cli/options.def"
#undef OPTION

const struct strata_option_row strata_option_rows[OPT_COUNT] = {
#define OPTION(id, lng, shrt, kind, field, arg, values, def, cmds, help) \
	[OPT_##id] = { lng, shrt, STRATA_KIND_##kind, arg, values, def, sizeof(def) - 1, cmds, help, \
	               offsetof(struct strata_opts, field), COUNT_OFF_##kind(field) },
#include "dig/cli/options.def"
#undef OPTION
};
#undef COMMAND

const struct strata_command_row strata_command_rows[STRATA_CMD_COUNT] = {
#define COMMAND(id, word, arg, help) [STRATA_CMD_##id] = { word, arg, help },
#define OPTION(id, lng, shrt, kind, field, arg, values, def, cmds, help)
#include "dig/cli/options.def"
#undef OPTION
#undef COMMAND
};
#undef EXIT

const struct strata_exit_row strata_exit_rows[] = {
#define EXIT(id, code, help) { code, help },
#define COMMAND(id, word, arg, help)
#define OPTION(id, lng, shrt, kind, field, arg, values, def, cmds, help)
#include "dig/cli/options.def"
#undef EXIT
#undef COMMAND
#undef OPTION
};
const size_t strata_exit_count = sizeof strata_exit_rows / sizeof strata_exit_rows[0];

/* The field of row r inside opts. */
static void *opt_field(struct strata_opts *opts, const struct strata_option_row *r)
{
	return (char *)opts + r->off;
}

/* Parse a whole decimal number (no sign) into *v; 0 when it is one. */
static int opt_number(const char *s, unsigned long long *v, const char **end)
{
	char *e;
	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	*v = strtoull(s, &e, 10);
	if (errno)
		return -1;
	*end = e;
	return 0;
}

/* Parse a size: a number with an optional k, M or G (KiB, MiB, GiB; "KiB", "kb" too). */
static int opt_size(const char *s, unsigned long long *v)
{
	const char *end;
	unsigned long long mul = 1;
	if (opt_number(s, v, &end))
		return -1;
	switch (tolower((unsigned char)*end)) {
	case 'k': mul = 1ull << 10; end++; break;
	case 'm': mul = 1ull << 20; end++; break;
	case 'g': mul = 1ull << 30; end++; break;
	default: break;
	}
	if (mul > 1 && tolower((unsigned char)*end) == 'i')
		end++;
	if (mul > 1 && tolower((unsigned char)*end) == 'b')
		end++;
	if (*end || *v > ~0ull / mul)
		return -1;
	*v *= mul;
	return 0;
}

/* Parse a row's "LO..HI" (SIZE rows allow suffixes). */
static void opt_range(const struct strata_option_row *r, unsigned long long *lo, unsigned long long *hi)
{
	char buf[64];
	const char *dots = strstr(r->values, "..");
	size_t n = dots ? (size_t)(dots - r->values) : 0;
	const char *end;
	*lo = 0;
	*hi = ~0ull;
	if (!dots || n >= sizeof buf)
		return;
	memcpy(buf, r->values, n);
	buf[n] = '\0';
	if (r->kind == STRATA_KIND_SIZE) {
		opt_size(buf, lo);
		opt_size(dots + 2, hi);
	} else {
		opt_number(buf, lo, &end);
		opt_number(dots + 2, hi, &end);
	}
}

/* Index of name among an ENUM row's "a|b|c" names, or -1. */
static int opt_enum_index(const struct strata_option_row *r, const char *name)
{
	int i = 0;
	for (const char *w = r->values; *w; i++) {
		size_t n = strcspn(w, "|");
		if (strlen(name) == n && strncmp(w, name, n) == 0)
			return i;
		w += n;
		w += *w == '|';
	}
	return -1;
}

/* The name of value v of an ENUM option. */
const char *strata_opt_enum_name(enum strata_option id, int v, char *buf, size_t cap)
{
	const char *w = strata_option_rows[id].values;
	for (int i = 0; *w; i++) {
		size_t n = strcspn(w, "|");
		if (i == v) {
			snprintf(buf, cap, "%.*s", (int)n, w);
			return buf;
		}
		w += n;
		w += *w == '|';
	}
	snprintf(buf, cap, "?");
	return buf;
}

/* "a, b or c" for an ENUM row's names. */
static void opt_enum_list(const struct strata_option_row *r, char *buf, size_t cap)
{
	size_t used = 0, count = 1;
	for (const char *p = r->values; *p; p++)
		count += *p == '|';
	buf[0] = '\0';
	size_t i = 0;
	for (const char *w = r->values; *w && used < cap; i++) {
		size_t n = strcspn(w, "|");
		const char *sep = i == 0 ? "" : i + 1 == count ? " or " : ", ";
		used += (size_t)snprintf(buf + used, cap - used, "%s%.*s", sep, (int)n, w);
		w += n;
		w += *w == '|';
	}
}

/* Check text against the row and store it. */
/* The end of a message quoting what the user typed: the text, escaped, and "'\n". */
static void opt_say(FILE *err, const char *text)
{
	write_msg_name(err, text);
	fputs("'\n", err);
}

int strata_opt_set(struct strata_opts *opts, enum strata_option id, const char *text, FILE *err)
{
	const struct strata_option_row *r = &strata_option_rows[id];
	void *field = opt_field(opts, r);
	unsigned long long v, lo, hi;
	const char *end;
	char names[160];

	switch (r->kind) {
	case STRATA_KIND_FLAG:
		*(int *)field = atoi(r->values);
		return 0;
	case STRATA_KIND_STRING:
		if (!*text)
			goto empty;
		*(const char **)field = text;
		return 0;
	case STRATA_KIND_LIST: {
		int *count = (int *)((char *)opts + r->count_off);
		if (!*text)
			goto empty;
		if (*count == STRATA_MAX_LIST) {
			if (err)
				fprintf(err, "strata: --%s is given more than %d times\n", r->lng, STRATA_MAX_LIST);
			return -1;
		}
		((const char **)field)[(*count)++] = text;
		return 0;
	}
	case STRATA_KIND_COUNT:
		opt_range(r, &lo, &hi);
		if (opt_number(text, &v, &end) || *end || v < lo || v > hi) {
			if (err) {
				fprintf(err, "strata: --%s wants a whole number from %llu to %llu, not '", r->lng, lo, hi);
				opt_say(err, text);
			}
			return -1;
		}
		*(int *)field = (int)v;
		return 0;
	case STRATA_KIND_SIZE:
		opt_range(r, &lo, &hi);
		if (opt_size(text, &v) || v < lo || v > hi || v > (size_t)-1) {
			if (err) {
				const char *dots = strstr(r->values, "..");
				fprintf(err, "strata: --%s wants a size in bytes from %.*s to %s (k, M, G suffixes), not '",
				        r->lng, (int)(dots - r->values), r->values, dots + 2);
				opt_say(err, text);
			}
			return -1;
		}
		*(size_t *)field = (size_t)v;
		return 0;
	case STRATA_KIND_ENUM: {
		int i = opt_enum_index(r, text);
		if (i < 0) {
			if (err) {
				opt_enum_list(r, names, sizeof names);
				fprintf(err, "strata: --%s wants %s, not '", r->lng, names);
				opt_say(err, text);
			}
			return -1;
		}
		*(int *)field = i;
		return 0;
	}
	}
	return -1;
empty:
	if (err)
		fprintf(err, "strata: --%s wants a %s, not an empty word\n", r->lng, r->arg);
	return -1;
}

/* Every field's default. A LIST keeps its default only when never given: that is done at
 * the end of the parse (opts_list_defaults). */
static void opts_defaults(struct strata_opts *opts)
{
	memset(opts, 0, sizeof *opts);
	for (int id = 0; id < OPT_COUNT; id++) {
		const struct strata_option_row *r = &strata_option_rows[id];
		if (r->kind == STRATA_KIND_FLAG)
			*(int *)opt_field(opts, r) = atoi(r->def);
		else if (r->kind != STRATA_KIND_LIST && r->def_len)
			strata_opt_set(opts, (enum strata_option)id, r->def, stderr);
	}
}

/* LIST rows never given take their default words. */
static void opts_list_defaults(struct strata_opts *opts)
{
	for (int id = 0; id < OPT_COUNT; id++) {
		const struct strata_option_row *r = &strata_option_rows[id];
		if (r->kind != STRATA_KIND_LIST || *(int *)((char *)opts + r->count_off))
			continue;
		for (const char *w = r->def; w < r->def + r->def_len; w += strlen(w) + 1)
			strata_opt_set(opts, (enum strata_option)id, w, stderr);
	}
}

/* Does the row take an argument? */
static int opt_takes_arg(const struct strata_option_row *r)
{
	return r->kind != STRATA_KIND_FLAG;
}

/* The row of a long name, exact or a unique prefix; -1 unknown, -2 ambiguous. */
static int opt_find_long(const char *name, size_t n)
{
	int found = -1;
	for (int id = 0; id < OPT_COUNT; id++) {
		const char *l = strata_option_rows[id].lng;
		if (strncmp(l, name, n) != 0)
			continue;
		if (l[n] == '\0')
			return id;
		found = found == -1 ? id : -2;
	}
	return found;
}

/* The row of a short letter, or -1. */
static int opt_find_short(char c)
{
	for (int id = 0; id < OPT_COUNT; id++)
		if (strata_option_rows[id].shrt == c)
			return id;
	return -1;
}

/* "dig", "trace", "dig, queries"...: the commands in a set, for messages and help (the
 * three queries callers, callees and trace, when all are in, print as "queries"). */
static void opt_cmds_text(unsigned cmds, char *buf, size_t cap)
{
	size_t used = 0;
	int n = 0;
	buf[0] = '\0';
	for (int c = 1; c < STRATA_CMD_COUNT && used < cap; c++) {
		unsigned bit = 1u << c;
		const char *word = strata_command_rows[c].word;
		if (!(cmds & bit))
			continue;
		if ((bit & ON_QUERY) && (cmds & ON_QUERY) == ON_QUERY) {
			if (bit != (ON_QUERY & -ON_QUERY))
				continue;   /* the queries print once, as a group */
			word = "queries";
		}
		used += (size_t)snprintf(buf + used, cap - used, "%s%s", n++ ? ", " : "", word);
	}
}

/* Print one wrapped paragraph: text starting at column col, continuation lines indented
 * to indent, lines at most width columns. */
static void usage_wrap(FILE *to, const char *text, int col, int indent, int width)
{
	const char *p = text;
	while (*p) {
		size_t word = strcspn(p, " ");
		if (col > indent && col + 1 + (int)word > width) {
			fprintf(to, "\n%*s", indent, "");
			col = indent;
		} else if (col > indent) {
			fputc(' ', to);
			col++;
		}
		fprintf(to, "%.*s", (int)word, p);
		col += (int)word;
		p += word;
		while (*p == ' ')
			p++;
	}
	fputc('\n', to);
}

/* The option's default as help shows it ("" when it has none to show). */
static const char *usage_default(const struct strata_option_row *r, enum strata_option id, char *buf, size_t cap)
{
	buf[0] = '\0';
	if (!opt_takes_arg(r) || !r->def_len)
		return buf;
	if (r->kind == STRATA_KIND_ENUM) {
		struct strata_opts o;
		memset(&o, 0, sizeof o);
		strata_opt_set(&o, id, r->def, NULL);
		return strata_opt_enum_name(id, *(int *)opt_field(&o, r), buf, cap);
	}
	size_t used = 0;
	for (const char *w = r->def; w < r->def + r->def_len && used < cap; w += strlen(w) + 1)
		used += (size_t)snprintf(buf + used, cap - used, "%s%s", used ? " " : "", w);
	return buf;
}

/* One option's help line(s). all: name the commands that take it. */
static void usage_option(FILE *to, enum strata_option id, int all)
{
	const struct strata_option_row *r = &strata_option_rows[id];
	char head[80], text[512], def[64], cmds[96], arg[64];
	int col;

	if (r->kind == STRATA_KIND_ENUM)
		snprintf(arg, sizeof arg, " %s", r->values);
	else
		snprintf(arg, sizeof arg, "%s%s", *r->arg ? " " : "", r->arg);
	if (r->shrt)
		snprintf(head, sizeof head, "  -%c, --%s%s", r->shrt, r->lng, arg);
	else
		snprintf(head, sizeof head, "      --%s%s", r->lng, arg);
	usage_default(r, id, def, sizeof def);
	opt_cmds_text(r->cmds, cmds, sizeof cmds);
	snprintf(text, sizeof text, "%s%s%s%s%s%s", r->help, *def ? " (default: " : "", def, *def ? ")" : "",
	         all && r->cmds != ON_ALL ? " [" : "", all && r->cmds != ON_ALL ? cmds : "");
	if (all && r->cmds != ON_ALL)
		strncat(text, "]", sizeof text - strlen(text) - 1);
	fputs(head, to);
	col = (int)strlen(head);
	if (col > 28) {
		fputc('\n', to);
		col = 0;
	}
	fprintf(to, "%*s", 30 - col, "");
	usage_wrap(to, text, 30, 30, 79);
}

/* The paragraph naming the default excludes. */
static void usage_excludes(FILE *to)
{
	size_t n;
	const char *const *names = dig_scan_default_excludes(&n);
	char text[512];
	size_t used = 0;
	used += (size_t)snprintf(text, sizeof text, "default excludes (skipped unless --no-default-excludes; a note names each "
	                                            "one skipped, version control aside):");
	for (size_t i = 0; i < n && used < sizeof text; i++)
		used += (size_t)snprintf(text + used, sizeof text - used, " %s", names[i]);
	fputc('\n', to);
	usage_wrap(to, text, 0, 2, 79);
}

/* The exit codes. */
static void usage_exits(FILE *to)
{
	fputs("\nexit status:\n", to);
	for (size_t i = 0; i < strata_exit_count; i++) {
		fprintf(to, "  %d  ", strata_exit_rows[i].code);
		usage_wrap(to, strata_exit_rows[i].help, 5, 5, 79);
	}
}

/* Write the help text: the whole command line, or one command's. */
void strata_usage(FILE *to, enum strata_command command)
{
	unsigned bit = 1u << command;
	if (command == STRATA_CMD_NONE) {
		fputs("usage: strata COMMAND [OPTIONS] [ARG]\n"
		      "\n"
		      "Excavate a C tree's memory-allocation topology, and query it.\n"
		      "\n"
		      "commands:\n", to);
		for (int c = 1; c < STRATA_CMD_COUNT; c++) {
			char head[64];
			const struct strata_command_row *cr = &strata_command_rows[c];
			snprintf(head, sizeof head, "  %s %s", cr->word, cr->arg);
			fprintf(to, "%-20s", head);
			usage_wrap(to, cr->help, 20, 20, 79);
		}
		fputs("\noptions (in brackets the commands that take one; queries: callers, callees, trace):\n", to);
		for (int id = 0; id < OPT_COUNT; id++)
			usage_option(to, (enum strata_option)id, 1);
		usage_excludes(to);
		usage_exits(to);
		return;
	}
	const struct strata_command_row *cr = &strata_command_rows[command];
	fprintf(to, "usage: strata %s [OPTIONS]%s%s\n\n", cr->word, *cr->arg ? " " : "", cr->arg);
	usage_wrap(to, cr->help, 0, 0, 79);
	fputs("\noptions:\n", to);
	for (int id = 0; id < OPT_COUNT; id++)
		if (strata_option_rows[id].cmds & bit)
			usage_option(to, (enum strata_option)id, 0);
	if (strata_option_rows[OPT_NO_DEFAULT_EXCLUDES].cmds & bit)
		usage_excludes(to);
	usage_exits(to);
}

/* Take one option at argv[*i] (already known to start with '-'); 0 or -1 after a message.
 * given[id] counts the times each option was given. */
static int opts_take(struct strata_opts *opts, int argc, char **argv, int *i, int *given)
{
	const char *a = argv[*i];
	if (a[1] == '-') {
		const char *name = a + 2, *eq = strchr(name, '=');
		size_t n = eq ? (size_t)(eq - name) : strlen(name);
		int id = opt_find_long(name, n);
		if (id < 0) {
			char *word = strndup(name, n);
			fprintf(stderr, "strata: %s option '--", id == -2 ? "ambiguous" : "unknown");
			write_msg_name(stderr, word ? word : "?");
			fputs("'; see 'strata --help'\n", stderr);
			free(word);
			return -1;
		}
		const struct strata_option_row *r = &strata_option_rows[id];
		given[id]++;
		if (!opt_takes_arg(r)) {
			if (eq) {
				fprintf(stderr, "strata: --%s takes no argument\n", r->lng);
				return -1;
			}
			return strata_opt_set(opts, (enum strata_option)id, NULL, stderr);
		}
		const char *text = eq ? eq + 1 : *i + 1 < argc ? argv[++*i] : NULL;
		if (!text) {
			fprintf(stderr, "strata: --%s wants an argument (%s)\n", r->lng,
			        r->kind == STRATA_KIND_ENUM ? r->values : r->arg);
			return -1;
		}
		return strata_opt_set(opts, (enum strata_option)id, text, stderr);
	}
	for (const char *p = a + 1; *p; p++) {
		int id = opt_find_short(*p);
		if (id < 0) {
			fprintf(stderr, "strata: unknown option '-%c'; see 'strata --help'\n", *p);
			return -1;
		}
		const struct strata_option_row *r = &strata_option_rows[id];
		given[id]++;
		if (!opt_takes_arg(r)) {
			strata_opt_set(opts, (enum strata_option)id, NULL, stderr);
			continue;
		}
		const char *text = p[1] ? p + 1 : *i + 1 < argc ? argv[++*i] : NULL;
		if (!text) {
			fprintf(stderr, "strata: -%c wants an argument (%s)\n", *p,
			        r->kind == STRATA_KIND_ENUM ? r->values : r->arg);
			return -1;
		}
		return strata_opt_set(opts, (enum strata_option)id, text, stderr);
	}
	return 0;
}

/* "dig, callers, ...": every command word. */
static void opts_command_words(FILE *to)
{
	for (int c = 1; c < STRATA_CMD_COUNT; c++)
		fprintf(to, "%s%s", c > 1 ? ", " : "", strata_command_rows[c].word);
}

/* --shard I/N into opts->shard and nshards: 0 <= I < N <= 65536. 0, or -1 after a
 * message. */
static int opts_shard(struct strata_opts *opts)
{
	const char *t = opts->shard_spec;
	unsigned long long i, n;
	const char *end;

	if (!t)
		return 0;
	if (opt_number(t, &i, &end) || *end != '/' || opt_number(end + 1, &n, &end) || *end || n == 0 ||
	    n > 65536 || i >= n) {
		fputs("strata: --shard wants I/N with 0 <= I < N <= 65536 (e.g. 0/8), not '", stderr);
		opt_say(stderr, t);
		return -1;
	}
	opts->shard = (int)i;
	opts->nshards = (int)n;
	return 0;
}

int strata_opts_parse(struct strata_opts *opts, int argc, char **argv, int *done)
{
	const char *words[3] = { NULL, NULL, NULL };
	int nwords = 0, dashdash = 0, given[OPT_COUNT];

	memset(given, 0, sizeof given);
	opts_defaults(opts);
	*done = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!dashdash && strcmp(a, "--") == 0) {
			dashdash = 1;
			continue;
		}
		if (!dashdash && a[0] == '-' && a[1]) {
			if (opts_take(opts, argc, argv, &i, given))
				return STRATA_EXIT_USAGE;
			continue;
		}
		/* every word also moves to argv[1 + nwords]: a slot already read, so the words
		 * of a command that takes many (merge's PART...) lie together from argv[2] */
		argv[1 + nwords] = (char *)a;
		if (nwords < 3)
			words[nwords] = a;
		nwords++;
	}

	if (nwords > 0) {
		for (int c = 1; c < STRATA_CMD_COUNT; c++)
			if (strcmp(words[0], strata_command_rows[c].word) == 0)
				opts->command = (enum strata_command)c;
		if (opts->command == STRATA_CMD_NONE) {
			fputs("strata: unknown command '", stderr);
			write_msg_name(stderr, words[0]);
			fputs("' (", stderr);
			opts_command_words(stderr);
			fprintf(stderr, "); see 'strata --help'\n");
			return STRATA_EXIT_USAGE;
		}
	}
	if (opts->help) {
		strata_usage(stdout, opts->command);
		*done = 1;
		return STRATA_EXIT_OK;
	}
	if (opts->version) {
		printf("strata %s (libstrata %s, ABI %d)\n", STRATA_VERSION_STRING, strata_version(), STRATA_ABI_VERSION);
		*done = 1;
		return STRATA_EXIT_OK;
	}
	if (nwords == 0) {
		fprintf(stderr, "strata: no command given (");
		opts_command_words(stderr);
		fprintf(stderr, "); see 'strata --help'\n");
		return STRATA_EXIT_USAGE;
	}
	const struct strata_command_row *cr = &strata_command_rows[opts->command];
	for (int id = 0; id < OPT_COUNT; id++) {
		const struct strata_option_row *r = &strata_option_rows[id];
		char cmds[96];
		if (!given[id] || (r->cmds & (1u << opts->command)))
			continue;
		opt_cmds_text(r->cmds, cmds, sizeof cmds);
		fprintf(stderr, "strata: %s does not take --%s (it is for %s); see 'strata %s --help'\n", cr->word, r->lng, cmds,
		        cr->word);
		return STRATA_EXIT_USAGE;
	}
	size_t alen = strlen(cr->arg);
	int many = alen > 3 && strcmp(cr->arg + alen - 3, "...") == 0;   /* "PART...": one or more */
	if ((nwords > 2 && !many) || (nwords == 2 && !*cr->arg)) {
		fprintf(stderr, "strata: %s takes %s, got '", cr->word, *cr->arg ? "one argument" : "no argument");
		write_msg_name(stderr, words[nwords - 1]);
		fputs("' too\n", stderr);
		return STRATA_EXIT_USAGE;
	}
	if (nwords == 1 && *cr->arg && cr->arg[0] != '[') {
		fprintf(stderr, "strata: %s needs %s; see 'strata %s --help'\n", cr->word, cr->arg, cr->word);
		return STRATA_EXIT_USAGE;
	}
	switch (opts->command) {
	case STRATA_CMD_DIG: opts->root = words[1] ? words[1] : "."; break;
	case STRATA_CMD_CALLERS:
	case STRATA_CMD_CALLEES:
	case STRATA_CMD_TRACE: opts->name = words[1]; break;
	case STRATA_CMD_STATS: opts->stats_file = words[1]; break;
	case STRATA_CMD_MERGE:
		opts->parts = (const char *const *)argv + 2;
		opts->nparts = nwords - 1;
		break;
	default: break;
	}
	if (opts_shard(opts))
		return STRATA_EXIT_USAGE;
	if (opts->files && opts->compdb) {
		fprintf(stderr, "strata: --files and --compdb both name the files to dig; give one\n");
		return STRATA_EXIT_USAGE;
	}
	if (opts->nshards && !given[OPT_OUT]) {
		fprintf(stderr, "strata: --shard writes a part: name its folder with -o PART\n");
		return STRATA_EXIT_USAGE;
	}
	opts_list_defaults(opts);
	return STRATA_EXIT_OK;
}

/*
 * dig/cli/cmd_stats.c: `strata stats FILE`, the pretty-printer for libstrata dumps.
 *
 * Reads the dump that strata_stats_dump() writes -- what a program running on libstrata
 * leaves with STRATA_STATS=file:PATH -- (FILE, or - for stdin):
 *     # strata stats dump v2          (v1: the same without the four header kinds below)
 *     # program ARGV0                 the rest of the line
 *     # pid N
 *     # option NAME VALUE             one per libstrata option, VALUE by name
 *     counter FACE CALL N
 *     usage NAME KEY VALUE
 * Blank lines and other '#' comments are skipped. The table STRATA_STATS=1 prints on
 * stderr is for people, not this reader: given one, it says so and which setting writes
 * the dump. The whole file is parsed before
 * anything is printed, so a bad file prints only its diagnostic
 * (`FILE:LINE: message` on stderr) and exits with STRATA_EXIT_FAILED (2); nothing
 * half-printed. Output: the program and pid, counters grouped by face (faces in the order
 * the dump first names them), with per-face and overall totals, the usage triples, then
 * the options the program ran with.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dig/cli/commands.h"
#include "dig/write/escape.h"

/* Longest word kept from a line (faces, calls, usage names and keys). */
#define STATS_WORD_MAX 96

/* One parsed line. */
struct stats_row {
	int kind;                         /* 0 counter, 1 usage, 2 option */
	char a[STATS_WORD_MAX];           /* face, usage name or option name */
	char b[STATS_WORD_MAX];           /* call, usage key or the option's value */
	unsigned long long value;         /* count or value */
};

/* A parsed dump. */
struct stats_dump {
	struct stats_row *rows;   /* in file order */
	size_t n;                 /* rows used */
	size_t cap;               /* rows allocated */
	char program[4 * STATS_WORD_MAX]; /* "# program" ("" in a v1 dump) */
	long long pid;            /* "# pid" (-1 unknown) */
};

/* Split line into at most 5 space-separated words; returns how many. */
static int stats_split(char *line, char **w)
{
	int n = 0;
	for (char *p = strtok(line, " \t\r\n"); p && n < 5; p = strtok(NULL, " \t\r\n"))
		w[n++] = p;
	return n;
}

/* Parse a decimal count; 0 when it is one. */
static int stats_number(const char *s, unsigned long long *out)
{
	char *end;
	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	*out = strtoull(s, &end, 10);
	return (errno || *end) ? -1 : 0;
}

/* Append a row; -1 when out of memory. */
static int stats_push(struct stats_dump *d, const struct stats_row *r)
{
	if (d->n == d->cap) {
		size_t cap = d->cap ? 2 * d->cap : 64;
		struct stats_row *rows = realloc(d->rows, cap * sizeof *rows);
		if (!rows)
			return -1;
		d->rows = rows;
		d->cap = cap;
	}
	d->rows[d->n++] = *r;
	return 0;
}

/* Parse the whole stream; 0, or -1 after printing `name:line: why`. */
static int stats_parse(FILE *in, const char *name, struct stats_dump *d)
{
	char *line = NULL;
	size_t linecap = 0;
	long lineno = 0;
	int counters = 0, rc = 0;
	while (getline(&line, &linecap, in) >= 0) {
		lineno++;
		if (strlen(line) > 4 * STATS_WORD_MAX) {
			fprintf(stderr, "%s:%ld: line too long for a stats dump\n", name, lineno);
			rc = -1;
			break;
		}
		if (lineno == 1 && strncmp(line, "# strata stats dump", 19) == 0 &&
		    strcmp(line, "# strata stats dump v1\n") != 0 && strcmp(line, "# strata stats dump v2\n") != 0) {
			fprintf(stderr, "%s:1: unsupported dump version: ", name);
			line[strcspn(line, "\n")] = '\0';
			write_msg_name(stderr, line + 2);
			fputc('\n', stderr);
			rc = -1;
			break;
		}
		if (lineno == 1 && strncmp(line, "strata statistics (", 19) == 0) {
			fprintf(stderr, "%s:1: this is the table STRATA_STATS=1 prints for people; "
			                "STRATA_STATS=file:PATH writes the dump strata stats reads\n", name);
			rc = -1;
			break;
		}
		struct stats_row r;
		memset(&r, 0, sizeof r);
		if (strncmp(line, "# program ", 10) == 0) {
			snprintf(d->program, sizeof d->program, "%.*s", (int)strcspn(line + 10, "\r\n"), line + 10);
			continue;
		}
		char *w[5];
		int nw = stats_split(line, w);
		if (nw == 3 && strcmp(w[0], "#") == 0 && strcmp(w[1], "pid") == 0) {
			d->pid = strtoll(w[2], NULL, 10);
			continue;
		}
		if (nw == 4 && strcmp(w[0], "#") == 0 && strcmp(w[1], "option") == 0 &&
		    strlen(w[2]) < STATS_WORD_MAX && strlen(w[3]) < STATS_WORD_MAX) {
			r.kind = 2;
			strcpy(r.a, w[2]);
			strcpy(r.b, w[3]);
			if (stats_push(d, &r) != 0) {
				fprintf(stderr, "%s: out of memory\n", name);
				rc = -1;
				break;
			}
			continue;
		}
		if (nw == 0 || w[0][0] == '#')
			continue;
		if (nw != 4 || (strcmp(w[0], "counter") != 0 && strcmp(w[0], "usage") != 0)) {
			fprintf(stderr, "%s:%ld: expected 'counter FACE CALL N' or 'usage NAME KEY VALUE'\n", name, lineno);
			rc = -1;
			break;
		}
		if (strlen(w[1]) >= STATS_WORD_MAX || strlen(w[2]) >= STATS_WORD_MAX) {
			fprintf(stderr, "%s:%ld: name longer than %d bytes\n", name, lineno, STATS_WORD_MAX - 1);
			rc = -1;
			break;
		}
		if (stats_number(w[3], &r.value) != 0) {
			fprintf(stderr, "%s:%ld: '", name, lineno);
			write_msg_name(stderr, w[3]);
			fputs("' is not a count\n", stderr);
			rc = -1;
			break;
		}
		r.kind = w[0][0] == 'u';
		counters += (r.kind == 0);
		strcpy(r.a, w[1]);
		strcpy(r.b, w[2]);
		if (stats_push(d, &r) != 0) {
			fprintf(stderr, "%s: out of memory\n", name);
			rc = -1;
			break;
		}
	}
	if (rc == 0 && ferror(in)) {
		fprintf(stderr, "%s: read error: %s\n", name, strerror(errno));
		rc = -1;
	}
	if (rc == 0 && counters == 0) {
		fprintf(stderr, "%s: not a strata stats dump (no counter lines)\n", name);
		rc = -1;
	}
	free(line);
	return rc;
}

/* Print the parsed dump as tables. */
static void stats_print(const struct stats_dump *d, const char *name, FILE *out)
{
	unsigned long long total = 0;
	fprintf(out, "strata statistics: %s\n", name);
	if (d->program[0])
		fprintf(out, "program: %s", d->program);
	if (d->pid >= 0)
		fprintf(out, "%spid %lld", d->program[0] ? ", " : "", d->pid);
	fprintf(out, "%s\n", d->program[0] || d->pid >= 0 ? "\n" : "");
	fprintf(out, "%-10s %-18s %16s\n", "face", "call", "count");
	for (size_t i = 0; i < d->n; i++) {
		const struct stats_row *r = &d->rows[i];
		int seen = 0;
		if (r->kind)
			continue;
		for (size_t j = 0; j < i && !seen; j++)
			seen = !d->rows[j].kind && strcmp(d->rows[j].a, r->a) == 0;
		if (seen)
			continue;   /* this face was printed with its first row */
		unsigned long long face_total = 0;
		int first = 1;
		for (size_t j = i; j < d->n; j++) {
			const struct stats_row *s = &d->rows[j];
			if (s->kind || strcmp(s->a, r->a) != 0)
				continue;
			fprintf(out, "%-10s %-18s %16llu\n", first ? s->a : "", s->b, s->value);
			first = 0;
			face_total += s->value;
		}
		fprintf(out, "%-10s %-18s %16llu\n", "", "(all)", face_total);
		total += face_total;
	}
	fprintf(out, "%-29s %16llu\n", "total", total);
	int any = 0;
	for (size_t i = 0; i < d->n; i++) {
		const struct stats_row *r = &d->rows[i];
		if (r->kind != 1)
			continue;
		if (!any)
			fprintf(out, "\n%-24s %-18s %16s\n", "usage", "key", "value");
		any = 1;
		fprintf(out, "%-24s %-18s %16llu\n", r->a, r->b, r->value);
	}
	any = 0;
	for (size_t i = 0; i < d->n; i++) {
		const struct stats_row *r = &d->rows[i];
		if (r->kind != 2)
			continue;
		if (!any)
			fprintf(out, "\n%-24s %s\n", "option", "value");
		any = 1;
		fprintf(out, "STRATA_%-17s %s\n", r->a, r->b);
	}
}

/* `strata stats FILE`. */
int strata_cmd_stats(const struct strata_opts *opts)
{
	const char *file = opts->stats_file;
	if (!file) {
		fprintf(stderr, "strata: stats needs a dump FILE (or - for stdin)\n");
		return STRATA_EXIT_USAGE;
	}
	/* the name as messages show it: escaped (a name must not fake a line or send escapes) */
	size_t shown_len = write_msg_escape(NULL, 0, file) + 1;
	char *name = malloc(shown_len);
	if (!name) {
		fprintf(stderr, "strata: out of memory\n");
		return STRATA_EXIT_FAILED;
	}
	write_msg_escape(name, shown_len, file);
	FILE *in = strcmp(file, "-") == 0 ? stdin : fopen(file, "r");
	if (!in) {
		fprintf(stderr, "strata: stats: cannot open %s: %s\n", name, strerror(errno));
		free(name);
		return STRATA_EXIT_FAILED;
	}
	struct stats_dump d;
	memset(&d, 0, sizeof d);
	d.pid = -1;
	int rc = stats_parse(in, strcmp(file, "-") == 0 ? "<stdin>" : name, &d);
	if (in != stdin)
		fclose(in);
	if (rc == 0) {
		stats_print(&d, name, stdout);
		if (fflush(stdout) != 0) {
			fprintf(stderr, "strata: stats: write error: %s\n", strerror(errno));
			rc = -1;
		}
	}
	free(d.rows);
	free(name);
	return rc == 0 ? STRATA_EXIT_OK : STRATA_EXIT_FAILED;
}

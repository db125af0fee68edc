/*
 * docs/apiman.c: strata-apiman, the build-time writer of libstrata's man pages. The
 * documentation lives in one place -- the public headers' comments and alloc/options.def --
 * and this tool turns it into roff, so a page cannot drift from its header.
 *
 *   strata-apiman header PAGE SECTION HEADER OUTDIR [alias]
 *       OUTDIR/PAGE.SECTION from HEADER: NAME from the header's first sentence, SYNOPSIS
 *       from its declarations, DESCRIPTION from its top comment, INTERFACE from each
 *       declaration group with the comment above it. With "alias", one page per function
 *       (FUNCTION.SECTION holding `.so manSECTION/PAGE.SECTION`) so `man zfree` finds
 *       zalloc(3).
 *   strata-apiman options TEMPLATE OUT
 *       libstrata(7): TEMPLATE with @VERSION@ and @OPTIONS@ (every row of
 *       alloc/options.def: variable, values, default by name, unit, help) filled in.
 *
 * The header grammar it reads is the house style's: a top comment whose first paragraph is
 * "strata/NAME.h: summary."; then groups of declarations, each with an optional comment
 * right above it, separated by blank lines. In comments, a line indented by two spaces or
 * more is preformatted (an example, a table). Prototypes lose their attribute macros.
 * Output goes to a .tmp file renamed into place.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <strata/version.h>

#define LINE_MAX_LEN 1024
#define MAX_LINES 2048
#define MAX_GROUPS 256
#define MAX_NAMES 256

/* A header, read whole. */
struct header {
	char *line[MAX_LINES];   /* without the newline */
	int n;
};

/* One group of declarations with the comment above it. */
struct group {
	int comment_first, comment_last;   /* lines of the comment (-1: none), markers stripped */
	int code_first, code_last;         /* lines of the declarations */
};

/* Read path into h; 0 or -1. */
static int header_read(const char *path, struct header *h)
{
	FILE *f = fopen(path, "r");
	char buf[LINE_MAX_LEN];
	h->n = 0;
	if (!f) {
		fprintf(stderr, "strata-apiman: %s: %s\n", path, strerror(errno));
		return -1;
	}
	while (fgets(buf, sizeof buf, f) && h->n < MAX_LINES) {
		buf[strcspn(buf, "\n")] = '\0';
		h->line[h->n++] = strdup(buf);
	}
	fclose(f);
	return 0;
}

/* Free what header_read kept. */
static void header_free(struct header *h)
{
	for (int i = 0; i < h->n; i++)
		free(h->line[i]);
	h->n = 0;
}

/* Write s escaped for roff text; code: dashes as \- (they are typed as minus signs). */
static void roff_text(FILE *out, const char *s, int code)
{
	if (*s == '.' || *s == '\'')
		fputs("\\&", out);
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\e", out);
		else if (*s == '-' && code)
			fputs("\\-", out);
		else if (*s == '\t')
			fputs("    ", out);
		else
			fputc(*s, out);
	}
}

/* The text of comment line i: " * text" -> "text" ("" for " *"); NULL if not inside one. */
static const char *comment_body(const char *l)
{
	if (strncmp(l, "/*", 2) == 0)
		l += 2;
	else if (strncmp(l, " *", 2) == 0 && l[2] != '/')
		l += 2;
	else
		return NULL;
	if (*l == ' ')
		l++;
	return l;
}

/* Write the comment lines [first, last] as paragraphs; lines indented by two spaces or
 * more are preformatted. A closing marker on the last line is dropped. */
static void roff_comment(FILE *out, const struct header *h, int first, int last)
{
	int in_pre = 0, in_par = 0;
	for (int i = first; i <= last; i++) {
		char buf[LINE_MAX_LEN];
		const char *body = comment_body(h->line[i]);
		if (!body)
			body = h->line[i];
		snprintf(buf, sizeof buf, "%s", body);
		char *end = strstr(buf, "*/");
		if (end)
			*end = '\0';
		size_t n = strlen(buf);
		while (n && buf[n - 1] == ' ')
			buf[--n] = '\0';
		if (n == 0) {
			if (in_pre)
				fputs(".fi\n.in\n", out);
			in_pre = in_par = 0;
			continue;
		}
		int pre = buf[0] == ' ' && buf[1] == ' ';
		if (pre && !in_pre) {
			fputs(in_par ? ".PP\n" : "", out);
			fputs(".in +2n\n.nf\n", out);
			in_pre = 1;
		} else if (!pre && in_pre) {
			fputs(".fi\n.in\n", out);
			in_pre = 0;
			in_par = 0;
		}
		if (!pre && !in_par) {
			fputs(".PP\n", out);
			in_par = 1;
		}
		if (pre) {
			const char *p = buf;
			while (*p == ' ')
				p++;
			/* keep the line's indentation beyond the first two spaces */
			fprintf(out, "\\&%*s", (int)(p - buf) - 2, "");
			roff_text(out, p, 1);
		} else {
			roff_text(out, buf, 0);
		}
		fputc('\n', out);
	}
	if (in_pre)
		fputs(".fi\n.in\n", out);
}

/* Drop attribute macros and STRATA_API from a declaration, in place. */
static void strip_attributes(char *s)
{
	static const char *const words[] = { "STRATA_API ", "STRATA_MALLOC", "STRATA_ALLOC_SIZE2(", "STRATA_ALLOC_SIZE(",
		                              "STRATA_WARN_UNUSED" };
	for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
		char *p;
		while ((p = strstr(s, words[w])) != NULL) {
			char *e = p + strlen(words[w]);
			if (e[-1] == '(')
				e = strchr(e, ')') ? strchr(e, ')') + 1 : e;
			memmove(p, e, strlen(e) + 1);
		}
	}
	/* collapse runs of spaces and the space before ';' */
	char *d = s;
	for (char *p = s; *p; p++) {
		if (*p == ' ' && (d == s || d[-1] == ' ' || p[1] == ';' || p[1] == ' ' || p[1] == '\0'))
			continue;
		*d++ = *p;
	}
	*d = '\0';
}

/* Does this body line belong to the include guard or the C++ wrapper (not to the API)? */
static int skip_line(const char *l, int *in_cplusplus)
{
	if (strncmp(l, "#ifdef __cplusplus", 18) == 0) {
		*in_cplusplus = 1;
		return 1;
	}
	if (*in_cplusplus) {
		if (strncmp(l, "#endif", 6) == 0)
			*in_cplusplus = 0;
		return 1;
	}
	return strncmp(l, "#include", 8) == 0 || (strncmp(l, "#ifndef STRATA_", 15) == 0 && strstr(l, "_H")) ||
	       (strncmp(l, "#define STRATA_", 15) == 0 && strstr(l, "_H") && !strchr(l + 15, ' ')) ||
	       (strncmp(l, "#endif", 6) == 0 && strstr(l, "_H */"));
}

/* Split the body after the top comment into groups. */
static int groups_find(const struct header *h, int start, struct group *g, int max)
{
	int n = 0, in_cpp = 0, pending_first = -1, pending_last = -1, depth = 0;
	struct group *cur = NULL;
	for (int i = start; i < h->n; i++) {
		const char *l = h->line[i];
		if (depth == 0 && skip_line(l, &in_cpp))
			continue;
		if (depth == 0 && l[0] == '\0') {
			cur = NULL;
			pending_first = pending_last = -1;
			continue;
		}
		if (depth == 0 && strncmp(l, "/*", 2) == 0) {
			/* a comment: up to its end; it documents the code that follows */
			int j = i;
			while (j < h->n && !strstr(h->line[j], "*/"))
				j++;
			pending_first = i;
			pending_last = j;
			cur = NULL;
			i = j;
			continue;
		}
		if (!cur) {
			if (n == max)
				return n;
			cur = &g[n++];
			cur->comment_first = pending_first;
			cur->comment_last = pending_last;
			cur->code_first = i;
			pending_first = pending_last = -1;
		}
		cur->code_last = i;
		for (const char *p = l; *p; p++)
			depth += (*p == '{') - (*p == '}');
	}
	return n;
}

/* Function names declared in a group (STRATA_API prototypes), appended to names. */
static int group_names(const struct header *h, const struct group *g, char **names, int n)
{
	char decl[4 * LINE_MAX_LEN];
	decl[0] = '\0';
	for (int i = g->code_first; i <= g->code_last; i++) {
		const char *l = h->line[i];
		if (strncmp(l, "STRATA_API", 10) == 0)
			decl[0] = '\0';
		if (strlen(decl) + strlen(l) + 2 < sizeof decl) {
			strcat(decl, l);
			strcat(decl, " ");
		}
		if (strncmp(decl, "STRATA_API", 10) == 0 && strchr(l, ';')) {
			strip_attributes(decl);
			char *paren = strchr(decl, '(');
			char *e = paren;
			while (e && e > decl && isspace((unsigned char)e[-1]))
				e--;
			char *b = e;
			while (b && b > decl && (isalnum((unsigned char)b[-1]) || b[-1] == '_'))
				b--;
			if (paren && b < e && n < MAX_NAMES)
				names[n++] = strndup(b, (size_t)(e - b));
			decl[0] = '\0';
		}
	}
	return n;
}

/* Write a group's declarations as code: prototypes joined and stripped, the rest as is. */
static void roff_code(FILE *out, const struct header *h, const struct group *g)
{
	char decl[4 * LINE_MAX_LEN];
	int in_proto = 0;
	decl[0] = '\0';
	for (int i = g->code_first; i <= g->code_last; i++) {
		const char *l = h->line[i];
		if (strncmp(l, "STRATA_API", 10) == 0 || in_proto) {
			in_proto = 1;
			const char *t = l;
			while (*t == ' ' || *t == '\t')
				t++;
			if (strlen(decl) + strlen(t) + 2 < sizeof decl) {
				strcat(decl, t);
				strcat(decl, " ");
			}
			if (strchr(l, ';')) {
				strip_attributes(decl);
				fputs("\\fB", out);
				roff_text(out, decl, 1);
				fputs("\\fR\n", out);
				decl[0] = '\0';
				in_proto = 0;
			}
			continue;
		}
		roff_text(out, l, 1);
		fputc('\n', out);
	}
}

/* The top comment: lines [1, last], first paragraph = "strata/X.h: summary". */
static int top_comment(const struct header *h, int *summary_end, int *last)
{
	if (h->n < 2 || strncmp(h->line[0], "/*", 2) != 0)
		return -1;
	int i = 1;
	while (i < h->n && !strstr(h->line[i], "*/"))
		i++;
	*last = i;
	int s = 1;
	while (s < i && comment_body(h->line[s]) && *comment_body(h->line[s]))
		s++;
	*summary_end = s - 1;
	return 0;
}

/* The page for one header, from h (read by the caller); names collects the functions. */
static int gen_page(const struct header *h, char **names, int *nnames, const char *page, const char *section,
                    const char *path, const char *outdir, int alias);

/* The page for one header: read it, write the page and its aliases, free what was read. */
static int gen_header(const char *page, const char *section, const char *path, const char *outdir, int alias)
{
	static struct header h;   /* 16 KiB of line pointers: not on the stack */
	char *names[MAX_NAMES];
	int nnames = 0;
	if (header_read(path, &h))
		return -1;
	int rc = gen_page(&h, names, &nnames, page, section, path, outdir, alias);
	for (int i = 0; i < nnames; i++)
		free(names[i]);
	header_free(&h);
	return rc;
}

static int gen_page(const struct header *h, char **names, int *nnames, const char *page, const char *section,
                    const char *path, const char *outdir, int alias)
{
	struct group g[MAX_GROUPS];
	int ng, nn = 0, sum_end, top_last;
	char out_path[4096], tmp[4200], summary[4 * LINE_MAX_LEN] = "";
	const char *base = strrchr(path, '/');
	char include[256];

	if (top_comment(h, &sum_end, &top_last)) {
		fprintf(stderr, "strata-apiman: %s: no top comment\n", path);
		return -1;
	}
	base = base ? base + 1 : path;
	snprintf(include, sizeof include, "strata/%s", base);
	for (int i = 1; i <= sum_end; i++) {
		strncat(summary, comment_body(h->line[i]), sizeof summary - strlen(summary) - 2);
		strcat(summary, " ");
	}
	char *colon = strstr(summary, ": ");
	char *text = colon ? colon + 2 : summary;
	size_t tl = strlen(text);
	while (tl && (text[tl - 1] == ' ' || text[tl - 1] == '.'))
		text[--tl] = '\0';
	ng = groups_find(h, top_last + 1, g, MAX_GROUPS);
	for (int k = 0; k < ng; k++)
		nn = group_names(h, &g[k], names, nn);
	*nnames = nn;
	if (nn == 0) {
		fprintf(stderr, "strata-apiman: %s: declares no STRATA_API function\n", path);
		return -1;
	}

	snprintf(out_path, sizeof out_path, "%s/%s.%s", outdir, page, section);
	snprintf(tmp, sizeof tmp, "%s.tmp", out_path);
	FILE *out = fopen(tmp, "w");
	if (!out) {
		fprintf(stderr, "strata-apiman: %s: %s\n", tmp, strerror(errno));
		return -1;
	}
	fprintf(out, ".\\\" Made by strata-apiman from include/%s: edit the header's comments, not this.\n", include);
	fprintf(out, ".TH %s %s \"2026-11-24\" \"libstrata %s\" \"libstrata Manual\"\n", page, section,
	        STRATA_VERSION_STRING);
	fputs(".SH NAME\n", out);
	for (int i = 0; i < nn; i++) {
		roff_text(out, names[i], 1);
		fputs(i + 1 < nn ? ", " : " ", out);
	}
	fputs("\\- ", out);
	roff_text(out, text, 0);
	fputs("\n.SH SYNOPSIS\n.nf\n", out);
	fprintf(out, ".B #include <%s>\n.PP\n", include);
	for (int k = 0; k < ng; k++) {
		roff_code(out, h, &g[k]);
		if (k + 1 < ng)
			fputs("\n", out);
	}
	fputs(".fi\n.PP\nLink with \\fB\\-lstrata\\fR (\\fBpkg\\-config \\-\\-libs strata\\fR).\n", out);
	fputs(".SH DESCRIPTION\n", out);
	roff_comment(out, h, sum_end + 1, top_last);
	fputs(".SH INTERFACE\n", out);
	for (int k = 0; k < ng; k++) {
		fputs(".PP\n.nf\n", out);
		roff_code(out, h, &g[k]);
		fputs(".fi\n", out);
		if (g[k].comment_first >= 0) {
			fputs(".RS\n", out);
			roff_comment(out, h, g[k].comment_first, g[k].comment_last);
			fputs(".RE\n", out);
		}
	}
	fputs(".SH SEE ALSO\n.BR libstrata (7),\n.BR strata (1)\n", out);
	if (fclose(out) != 0 || rename(tmp, out_path) != 0) {
		fprintf(stderr, "strata-apiman: %s: could not be written\n", out_path);
		return -1;
	}
	for (int i = 0; alias && i < nn; i++) {
		if (strcmp(names[i], page) == 0)
			continue;
		snprintf(out_path, sizeof out_path, "%s/%s.%s", outdir, names[i], section);
		FILE *a = fopen(out_path, "w");
		if (!a || fprintf(a, ".so man%s/%s.%s\n", section, page, section) < 0 || fclose(a) != 0) {
			fprintf(stderr, "strata-apiman: %s: could not be written\n", out_path);
			return -1;
		}
	}
	return 0;
}

/* One row of alloc/options.def, as text. */
struct option_doc {
	const char *name, *type, *unit, *help;
	long def;
};

/* STRATA_THREADS' default where libstrata runs hosted (the page says so for freestanding). */
#define OPTIONS_THREADS_DEFAULT 2
static const struct option_doc option_docs[] = {
#define OPTION(id, name, type, def, unit, help) { name, #type, unit, help, def },
#include "alloc/options.def"
#undef OPTION
};

/* The name of the n-th word of "a|b|c" into buf. */
static const char *enum_word(const char *unit, long n, char *buf, size_t cap)
{
	const char *w = unit;
	for (long i = 0; *w; i++) {
		size_t len = strcspn(w, "|");
		if (i == n) {
			snprintf(buf, cap, "%.*s", (int)len, w);
			return buf;
		}
		w += len;
		w += *w == '|';
	}
	snprintf(buf, cap, "%ld", n);
	return buf;
}

/* The ENVIRONMENT entries of libstrata(7). */
static void gen_options(FILE *out)
{
	for (size_t i = 0; i < sizeof option_docs / sizeof option_docs[0]; i++) {
		const struct option_doc *o = &option_docs[i];
		char def[64], word[64];
		fprintf(out, ".TP\n.B STRATA_%s\n", o->name);
		roff_text(out, o->help, 0);
		fputs(".\n.br\n", out);
		if (strcmp(o->type, "ENUM") == 0 || strcmp(o->type, "OUTPUT") == 0) {
			fputs("Values: ", out);
			const char *w = o->unit;
			for (int k = 0; *w; k++) {
				size_t len = strcspn(w, "|");
				snprintf(word, sizeof word, "%.*s", (int)len, w);
				fprintf(out, "%s\\fB", k ? ", " : "");
				roff_text(out, word, 1);
				fputs("\\fR", out);
				w += len;
				w += *w == '|';
			}
			fputs(strcmp(o->type, "ENUM") == 0 ? " (or their numbers from 0)" : "", out);
			enum_word(o->unit, o->def, def, sizeof def);
		} else if (strcmp(o->type, "BOOL") == 0) {
			fputs("Values: \\fB0\\fR or \\fB1\\fR (also false/true, no/yes, off/on)", out);
			snprintf(def, sizeof def, "%ld", o->def);
		} else if (strcmp(o->type, "SIZE") == 0) {
			fputs("A size in bytes, with an optional \\fBk\\fR, \\fBm\\fR or \\fBg\\fR suffix", out);
			snprintf(def, sizeof def, "%ld", o->def);
		} else {
			fprintf(out, "A decimal number%s%s%s", *o->unit ? " (" : "", *o->unit ? o->unit : "",
			        *o->unit ? ")" : "");
			snprintf(def, sizeof def, "%ld", o->def);
		}
		fputs("; default \\fB", out);
		roff_text(out, def, 1);
		fputs("\\fR.\n", out);
	}
}

/* libstrata(7) from its template. */
static int gen_manual(const char *template, const char *path)
{
	char line[LINE_MAX_LEN], tmp[4200];
	FILE *in = fopen(template, "r"), *out;
	if (!in) {
		fprintf(stderr, "strata-apiman: %s: %s\n", template, strerror(errno));
		return -1;
	}
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	out = fopen(tmp, "w");
	if (!out) {
		fclose(in);
		fprintf(stderr, "strata-apiman: %s: %s\n", tmp, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof line, in)) {
		char *at = strstr(line, "@VERSION@");
		if (at)
			fprintf(out, "%.*s%s%s", (int)(at - line), line, STRATA_VERSION_STRING, at + 9);
		else if (strcmp(line, "@OPTIONS@\n") == 0)
			gen_options(out);
		else
			fputs(line, out);
	}
	fclose(in);
	if (fclose(out) != 0 || rename(tmp, path) != 0) {
		fprintf(stderr, "strata-apiman: %s: could not be written\n", path);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 6 && strcmp(argv[1], "header") == 0)
		return gen_header(argv[2], argv[3], argv[4], argv[5], argc > 6 && strcmp(argv[6], "alias") == 0) ? 2 : 0;
	if (argc == 4 && strcmp(argv[1], "options") == 0)
		return gen_manual(argv[2], argv[3]) ? 2 : 0;
	fprintf(stderr, "usage: strata-apiman header PAGE SECTION HEADER OUTDIR [alias] | options TEMPLATE OUT\n");
	return 1;
}

/*
 * dig/cli/inputs.c: file lists and compilation databases, read into scan inputs.
 *
 * A file list is what `find` prints: one path a line. A compilation database is the JSON
 * array build systems write (CMake's CMAKE_EXPORT_COMPILE_COMMANDS, Bear, meson, ...):
 * objects with "directory", "file" and either "arguments" (an array of words) or
 * "command" (one string a POSIX shell splits). Only what the scan uses is kept: the file,
 * and from its words the macros (-D NAME[=VALUE], -U NAME; joined or apart) and the
 * include folders (-I, -iquote, -isystem, -idirafter; relative ones against
 * "directory"). Other keys and words are skipped. The JSON reader is a small recursive
 * descent over the whole text (strings with every escape, \u pairs to UTF-8; numbers,
 * literals and nested values skipped), depth-limited, with FILE:LINE errors.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dig/cli/inputs.h"

#define INPUTS_MAX_DEPTH 64         /* nesting the JSON reader follows */
#define INPUTS_MAX_BYTES (1ull << 32) /* a list or database larger than 4 GiB is refused */

/* Keep a block on the free list; returns it, or NULL (then freed) when out of memory. */
static void *inputs_keep(struct strata_inputs *in, void *p)
{
	if (!p)
		return NULL;
	if (in->nmem == in->capmem) {
		uint32_t cap = in->capmem ? in->capmem * 2 : 64;
		void **m = realloc(in->mem, cap * sizeof(*m));
		if (!m) {
			free(p);
			return NULL;
		}
		in->mem = m;
		in->capmem = cap;
	}
	in->mem[in->nmem++] = p;
	return p;
}

/* Append one input (its arrays kept by the caller); NULL when out of memory. */
static struct dig_scan_input *inputs_add(struct strata_inputs *in)
{
	if (in->n == in->cap) {
		uint32_t cap = in->cap ? in->cap * 2 : 256;
		struct dig_scan_input *v = realloc(in->v, cap * sizeof(*v));
		if (!v)
			return NULL;
		in->v = v;
		in->cap = cap;
	}
	memset(&in->v[in->n], 0, sizeof(in->v[0]));
	return &in->v[in->n++];
}

/* Read a whole file ("-": stdin) into a malloc'd, NUL-terminated buffer. */
static char *inputs_slurp(const char *path, size_t *len, char *err, size_t errlen)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0;

	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	for (;;) {
		if (n + 65536 + 1 > cap) {
			size_t ncap = cap ? cap * 2 : 1u << 20;
			char *nb = ncap <= INPUTS_MAX_BYTES ? realloc(buf, ncap) : NULL;
			if (!nb) {
				snprintf(err, errlen, "%s: too large or out of memory", path);
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
			cap = ncap;
		}
		size_t got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
		if (got == 0) {
			if (ferror(f)) {
				snprintf(err, errlen, "%s: cannot read", path);
				free(buf);
				buf = NULL;
			}
			break;
		}
	}
	if (f != stdin)
		fclose(f);
	if (buf) {
		buf[n] = '\0';
		*len = n;
	}
	return buf;
}

int strata_inputs_list(struct strata_inputs *in, const char *path, char *err, size_t errlen)
{
	size_t len;
	char *text = inputs_slurp(path, &len, err, errlen);

	if (!text || !inputs_keep(in, text))
		return text ? snprintf(err, errlen, "out of memory"), -1 : -1;
	for (char *line = text, *next; line < text + len; line = next) {
		char *nl = memchr(line, '\n', (size_t)(text + len - line));
		next = nl ? nl + 1 : text + len;
		if (nl)
			*nl = '\0';
		size_t n = strlen(line);
		if (n && line[n - 1] == '\r')
			line[--n] = '\0';
		if (n == 0)
			continue;
		struct dig_scan_input *x = inputs_add(in);
		if (!x) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
		x->path = line;
	}
	if (in->n == 0) {
		snprintf(err, errlen, "%s: names no file", path);
		return -1;
	}
	return 0;
}

/* ---- JSON ------------------------------------------------------------------------------ */

struct json {
	const char *p, *end, *start;
	const char *file;
	char *err;
	size_t errlen;
	int failed;
	struct strata_inputs *in;
};

/* Fail with FILE:LINE: message (the first failure wins). */
static void json_fail(struct json *j, const char *what)
{
	unsigned line = 1;

	if (j->failed)
		return;
	for (const char *q = j->start; q < j->p && q < j->end; q++)
		line += *q == '\n';
	snprintf(j->err, j->errlen, "%s:%u: %s", j->file, line, what);
	j->failed = 1;
}

/* Skip white space; the next byte (0 at the end). */
static char json_peek(struct json *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
		j->p++;
	return j->p < j->end ? *j->p : 0;
}

/* Four hex digits. */
static long json_hex4(struct json *j)
{
	long v = 0;

	for (int i = 0; i < 4; i++) {
		char c = j->p < j->end ? *j->p++ : 0;
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return -1;
	}
	return v;
}

/* A string (at '"'), decoded into a kept buffer; NULL on failure. */
static char *json_string(struct json *j)
{
	const char *s = ++j->p;
	char *out, *o;

	while (j->p < j->end && *j->p != '"')
		j->p += *j->p == '\\' ? 2 : 1;
	if (j->p >= j->end) {
		json_fail(j, "unterminated string");
		return NULL;
	}
	/* decoded is never longer than written (\uXXXX: 6 bytes -> at most 3; pairs: 12 -> 4) */
	out = o = inputs_keep(j->in, malloc((size_t)(j->p - s) + 1));
	if (!out) {
		json_fail(j, "out of memory");
		return NULL;
	}
	const char *end = j->p;
	j->p = s;
	while (j->p < end) {
		unsigned char c = (unsigned char)*j->p++;
		if (c != '\\') {
			if (c < 0x20) {
				json_fail(j, "control character in a string");
				return NULL;
			}
			*o++ = (char)c;
			continue;
		}
		c = (unsigned char)*j->p++;
		switch (c) {
		case '"': case '\\': case '/': *o++ = (char)c; break;
		case 'b': *o++ = '\b'; break;
		case 'f': *o++ = '\f'; break;
		case 'n': *o++ = '\n'; break;
		case 'r': *o++ = '\r'; break;
		case 't': *o++ = '\t'; break;
		case 'u': {
			long u = json_hex4(j);
			if (u >= 0xd800 && u < 0xdc00 && j->p + 6 <= end && j->p[0] == '\\' && j->p[1] == 'u') {
				j->p += 2;
				long lo = json_hex4(j);
				u = lo >= 0xdc00 && lo < 0xe000 ? 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00) : -1;
			}
			if (u <= 0 || (u >= 0xd800 && u < 0xe000)) {
				json_fail(j, "bad or NUL \\u escape");
				return NULL;
			}
			if (u < 0x80) {
				*o++ = (char)u;
			} else if (u < 0x800) {
				*o++ = (char)(0xc0 | (u >> 6));
				*o++ = (char)(0x80 | (u & 0x3f));
			} else if (u < 0x10000) {
				*o++ = (char)(0xe0 | (u >> 12));
				*o++ = (char)(0x80 | ((u >> 6) & 0x3f));
				*o++ = (char)(0x80 | (u & 0x3f));
			} else {
				*o++ = (char)(0xf0 | (u >> 18));
				*o++ = (char)(0x80 | ((u >> 12) & 0x3f));
				*o++ = (char)(0x80 | ((u >> 6) & 0x3f));
				*o++ = (char)(0x80 | (u & 0x3f));
			}
			break;
		}
		default:
			json_fail(j, "bad escape in a string");
			return NULL;
		}
	}
	*o = '\0';
	j->p = end + 1;
	return out;
}

/* Skip any value. */
static void json_skip(struct json *j, int depth)
{
	char c = json_peek(j);

	if (depth > INPUTS_MAX_DEPTH) {
		json_fail(j, "nested too deep");
		return;
	}
	if (c == '"') {
		/* strings are skipped without decoding */
		for (j->p++; j->p < j->end && *j->p != '"'; j->p += *j->p == '\\' ? 2 : 1)
			;
		if (j->p >= j->end)
			json_fail(j, "unterminated string");
		j->p++;
	} else if (c == '[' || c == '{') {
		char close = c == '[' ? ']' : '}';
		j->p++;
		if (json_peek(j) == close) {
			j->p++;
			return;
		}
		while (!j->failed) {
			if (close == '}') {
				if (json_peek(j) != '"') {
					json_fail(j, "expected a key");
					return;
				}
				json_skip(j, depth + 1);
				if (json_peek(j) != ':') {
					json_fail(j, "expected ':'");
					return;
				}
				j->p++;
			}
			json_skip(j, depth + 1);
			c = json_peek(j);
			j->p++;
			if (c == close)
				return;
			if (c != ',') {
				json_fail(j, "expected ',' or the end of a list");
				return;
			}
		}
	} else if (c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f' || c == 'n') {
		while (j->p < j->end && (strchr("+-.eE", *j->p) || (*j->p >= '0' && *j->p <= '9') ||
		                         (*j->p >= 'a' && *j->p <= 'z')))
			j->p++;
	} else {
		json_fail(j, c ? "unexpected character" : "unexpected end");
	}
}

/* ---- compile commands ------------------------------------------------------------------ */

/* Split a command line into words as a POSIX shell does (quotes and backslashes; no
 * expansion), into a kept array; NULL on failure. */
static char **words_split(struct json *j, const char *cmd, uint32_t *n)
{
	size_t len = strlen(cmd);
	char **v = inputs_keep(j->in, malloc((len / 2 + 2) * sizeof(*v)));
	char *buf = inputs_keep(j->in, malloc(len + 1)), *o = buf;
	const char *p = cmd;

	*n = 0;
	if (!v || !buf) {
		json_fail(j, "out of memory");
		return NULL;
	}
	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (!*p)
			break;
		v[(*n)++] = o;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n') {
			if (*p == '\'') {
				for (p++; *p && *p != '\''; )
					*o++ = *p++;
				p += *p == '\'';
			} else if (*p == '"') {
				for (p++; *p && *p != '"'; p++) {
					if (*p == '\\' && p[1] && strchr("\"\\$`\n", p[1]))
						p++;
					*o++ = *p;
				}
				p += *p == '"';
			} else if (*p == '\\' && p[1]) {
				*o++ = p[1];
				p += 2;
			} else {
				*o++ = *p++;
			}
		}
		*o++ = '\0';
	}
	return v;
}

/* dir + "/" + path for a relative path (kept), else path. */
static const char *inputs_against(struct json *j, const char *dir, const char *path)
{
	if (path[0] == '/' || !dir || !*dir)
		return path;
	size_t a = strlen(dir), b = strlen(path);
	char *p = inputs_keep(j->in, malloc(a + b + 2));
	if (!p) {
		json_fail(j, "out of memory");
		return path;
	}
	memcpy(p, dir, a);
	p[a] = '/';
	memcpy(p + a + 1, path, b + 1);
	return p;
}

/* Does the name end in one of the endings? */
static int inputs_wanted(const char *name, const char *const *exts, int nexts)
{
	size_t n = strlen(name);

	for (int i = 0; i < nexts; i++) {
		size_t l = exts[i] ? strlen(exts[i]) : 0;
		if (l && n > l && strcmp(name + n - l, exts[i]) == 0)
			return 1;
	}
	return 0;
}

/* The -D/-U and include-folder words of one entry into x. */
static void entry_flags(struct json *j, struct dig_scan_input *x, const char *dir, char **w, uint32_t n)
{
	static const char *const incs[] = { "-I", "-iquote", "-isystem", "-idirafter" };
	const char **defs = inputs_keep(j->in, malloc((n + 1) * sizeof(*defs)));
	const char **dirs = inputs_keep(j->in, malloc((n + 1) * sizeof(*dirs)));

	if (!defs || !dirs) {
		json_fail(j, "out of memory");
		return;
	}
	for (uint32_t i = 1; i < n; i++) {
		const char *a = w[i], *val = NULL;
		int kind = 0;                       /* 1 -D, 2 -U, 3 include folder */
		if (strncmp(a, "-D", 2) == 0 || strncmp(a, "-U", 2) == 0) {
			kind = a[1] == 'D' ? 1 : 2;
			val = a[2] ? a + 2 : (i + 1 < n ? w[++i] : NULL);
		} else {
			for (size_t k = 0; k < sizeof(incs) / sizeof(incs[0]) && !kind; k++) {
				size_t l = strlen(incs[k]);
				if (strncmp(a, incs[k], l) == 0) {
					kind = 3;
					val = a[l] ? a + l : (i + 1 < n ? w[++i] : NULL);
				}
			}
		}
		if (!val || !*val)
			continue;
		if (kind == 1) {
			defs[x->ndefines++] = val;
		} else if (kind == 2) {
			size_t l = strlen(val);
			char *u = inputs_keep(j->in, malloc(l + 2));
			if (!u) {
				json_fail(j, "out of memory");
				return;
			}
			u[0] = '-';
			memcpy(u + 1, val, l + 1);
			defs[x->ndefines++] = u;
		} else if (kind == 3) {
			dirs[x->ninclude_dirs++] = inputs_against(j, dir, val);
		}
	}
	x->defines = defs;
	x->include_dirs = dirs;
}

/* One object of the database. */
static void compdb_entry(struct json *j, const char *const *exts, int nexts)
{
	const char *dir = NULL, *file = NULL, *command = NULL;
	char **args = NULL;
	uint32_t nargs = 0, cap = 0;

	j->p++;
	if (json_peek(j) == '}') {
		j->p++;
		json_fail(j, "an entry without \"file\"");
		return;
	}
	while (!j->failed) {
		if (json_peek(j) != '"') {
			json_fail(j, "expected a key");
			return;
		}
		char *key = json_string(j);
		if (!key || json_peek(j) != ':') {
			json_fail(j, "expected ':'");
			return;
		}
		j->p++;
		char c = json_peek(j);
		if (c == '"' && (!strcmp(key, "directory") || !strcmp(key, "file") || !strcmp(key, "command"))) {
			char *v = json_string(j);
			if (!strcmp(key, "directory"))
				dir = v;
			else if (!strcmp(key, "file"))
				file = v;
			else
				command = v;
		} else if (c == '[' && !strcmp(key, "arguments")) {
			j->p++;
			while (!j->failed && json_peek(j) != ']') {
				if (json_peek(j) != '"') {
					json_fail(j, "\"arguments\" holds something other than strings");
					return;
				}
				if (nargs == cap) {
					cap = cap ? cap * 2 : 32;
					char **na = realloc(args, cap * sizeof(*na));
					if (!na) {
						json_fail(j, "out of memory");
						break;
					}
					args = na;
				}
				args[nargs++] = json_string(j);
				if (json_peek(j) == ',')
					j->p++;
				else if (json_peek(j) != ']')
					json_fail(j, "expected ',' or ']'");
			}
			j->p++;
		} else {
			json_skip(j, 1);
		}
		c = json_peek(j);
		j->p++;
		if (c == '}')
			break;
		if (c != ',')
			json_fail(j, "expected ',' or '}'");
	}
	if (!j->failed && !file)
		json_fail(j, "an entry without \"file\"");
	if (j->failed) {
		free(args);
		return;
	}
	const char *path = inputs_against(j, dir, file);
	if (!inputs_wanted(path, exts, nexts)) {
		j->in->other++;
		free(args);
		return;
	}
	struct dig_scan_input *x = inputs_add(j->in);
	if (!x) {
		json_fail(j, "out of memory");
		free(args);
		return;
	}
	x->path = path;
	char **w = args;
	uint32_t nw = nargs;
	if (!args && command)
		w = words_split(j, command, &nw);
	if (w)
		entry_flags(j, x, dir, w, nw);
	free(args);
}

int strata_inputs_compdb(struct strata_inputs *in, const char *path, const char *const *exts, int nexts,
                         char *err, size_t errlen)
{
	size_t len;
	char *text = inputs_slurp(path, &len, err, errlen);
	struct json j;

	if (!text || !inputs_keep(in, text))
		return text ? snprintf(err, errlen, "out of memory"), -1 : -1;
	memset(&j, 0, sizeof(j));
	j.p = j.start = text;
	j.end = text + len;
	j.file = path;
	j.err = err;
	j.errlen = errlen;
	j.in = in;
	if (json_peek(&j) != '[') {
		json_fail(&j, "not a compilation database (a JSON array of entries)");
		return -1;
	}
	j.p++;
	if (json_peek(&j) == ']')
		j.p++;
	else
		while (!j.failed) {
			if (json_peek(&j) != '{') {
				json_fail(&j, "expected an entry ({...})");
				break;
			}
			compdb_entry(&j, exts, nexts);
			char c = json_peek(&j);
			j.p++;
			if (c == ']')
				break;
			if (c != ',')
				json_fail(&j, "expected ',' or ']'");
		}
	if (!j.failed && json_peek(&j) != 0)
		json_fail(&j, "text after the database");
	if (j.failed)
		return -1;
	if (in->n == 0) {
		snprintf(err, errlen, "%s: names no C file (%u entries of other languages)", path, in->other);
		return -1;
	}
	return 0;
}

void strata_inputs_fini(struct strata_inputs *in)
{
	for (uint32_t i = 0; i < in->nmem; i++)
		free(in->mem[i]);
	free(in->mem);
	free(in->v);
	memset(in, 0, sizeof(*in));
}

/*
 * dig/write/escape.c: one escaper per output format. Names and paths in a C tree may hold
 * any byte (spaces, quotes, commas, newlines, invalid UTF-8); each format gets them in a
 * form its readers parse back unchanged or, where the format cannot carry a byte (JSON
 * needs UTF-8), in a documented, reversible-looking spelling.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dig/write/write_impl.h"

/* Does s hold a byte below 0x20, 0x7f, a backslash, or (json) a quote or a byte >= 0x80,
 * or (json inside HTML, json == 2) one of < > &? */
static int escape_needed(const char *s, int json)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f || *p == '\\' || (json && (*p == '"' || *p >= 0x80)) ||
		    (json == 2 && (*p == '<' || *p == '>' || *p == '&')))
			return 1;
	return 0;
}

/* Length of a valid UTF-8 sequence at p (0 when invalid). */
static size_t escape_utf8_len(const unsigned char *p)
{
	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		return (p[1] & 0xc0) == 0x80 ? 2 : 0;
	if (p[0] >= 0xe0 && p[0] <= 0xef) {
		if ((p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80)
			return 0;
		if (p[0] == 0xe0 && p[1] < 0xa0)
			return 0;
		if (p[0] == 0xed && p[1] >= 0xa0)
			return 0;
		return 3;
	}
	if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		if ((p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80 || (p[3] & 0xc0) != 0x80)
			return 0;
		if ((p[0] == 0xf0 && p[1] < 0x90) || (p[0] == 0xf4 && p[1] >= 0x90))
			return 0;
		return 4;
	}
	return 0;
}

/* CSV (RFC 4180), always valid UTF-8: a field holding a comma, quote, CR, LF or edge
 * space (or starting with '#') is quoted, quotes doubled; a byte that is not UTF-8 becomes
 * the four characters \xHH and a backslash \\, so the text reads back byte for byte. */
void write_csv_field(FILE *to, const char *s)
{
	size_t n;
	int plain = 1;
	if (!s)
		return;
	n = strlen(s);
	for (const unsigned char *p = (const unsigned char *)s; *p && plain; p++)
		plain = *p != '\\' && *p < 0x80;
	if (plain && strpbrk(s, ",\"\r\n") == NULL && (n == 0 || (s[0] != ' ' && s[n - 1] != ' ')) && s[0] != '#') {
		fputs(s, to);
		return;
	}
	int quote = strpbrk(s, ",\"\r\n") != NULL || (n && (s[0] == ' ' || s[n - 1] == ' ')) || s[0] == '#';
	if (quote)
		fputc('"', to);
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		size_t k = escape_utf8_len(p);
		if (k == 0) {
			fprintf(to, "\\x%02x", *p);
			p++;
			continue;
		}
		if (*p == '"')
			fputc('"', to);
		if (*p == '\\')
			fputc('\\', to);
		fwrite(p, 1, k, to);
		p += k;
	}
	if (quote)
		fputc('"', to);
}

/* JSON string with quotes: escapes quote, backslash and controls; a byte that is not valid
 * UTF-8 becomes \u00XX (its value as a code point, as Latin-1 would read it). */
static void escape_json(FILE *to, const char *s, int html)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	fputc('"', to);
	if (!escape_needed((const char *)p, html ? 2 : 1)) {
		fputs((const char *)p, to); /* plain ASCII without quotes: as is */
		fputc('"', to);
		return;
	}
	while (*p) {
		size_t n = escape_utf8_len(p);
		if (*p == '"' || *p == '\\') {
			fputc('\\', to);
			fputc(*p, to);
			p++;
		} else if (*p == '\n') {
			fputs("\\n", to);
			p++;
		} else if (*p == '\t') {
			fputs("\\t", to);
			p++;
		} else if (*p == '\r') {
			fputs("\\r", to);
			p++;
		} else if (*p < 0x20 || *p == 0x7f || n == 0 || (html && (*p == '<' || *p == '>' || *p == '&'))) {
			fprintf(to, "\\u%04x", *p);
			p++;
		} else {
			fwrite(p, 1, n, to);
			p += n;
		}
	}
	fputc('"', to);
}

void write_json_string(FILE *to, const char *s)
{
	escape_json(to, s, 0);
}

/* JSON string for a <script> block of an HTML page: also <, > and & as \u escapes, so no
 * name can close the block or open a comment. */
void write_json_string_html(FILE *to, const char *s)
{
	escape_json(to, s, 1);
}

/* DOT double-quoted string: escapes quote and backslash; newline becomes \n (a line break
 * in a label); other controls become '?' and bytes that are not UTF-8 U+FFFD, since
 * graphviz reads UTF-8. */
void write_dot_string(FILE *to, const char *s)
{
	fputc('"', to);
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		size_t n = escape_utf8_len(p);
		if (n == 0) {
			fputs("\xef\xbf\xbd", to);
		} else if (n > 1) {
			fwrite(p, 1, n, to);
			p += n - 1;
		} else if (*p == '"' || *p == '\\') {
			fputc('\\', to);
			fputc(*p, to);
		} else if (*p == '\n') {
			fputs("\\n", to);
		} else if (*p < 0x20 || *p == 0x7f) {
			fputc('?', to);
		} else {
			fputc(*p, to);
		}
	}
	fputc('"', to);
}

/* Markdown inline text: backslash-escapes the characters Markdown (and GFM tables) treat
 * specially; a newline becomes the visible "\n" so one name stays on one line. */
void write_md_text(FILE *to, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		size_t n = escape_utf8_len(p);
		if (n == 0) {
			fputs("\xef\xbf\xbd", to);
			continue;
		}
		if (n > 1) {
			fwrite(p, 1, n, to);
			p += n - 1;
			continue;
		}
		if (strchr("\\`*_[]<>#|~&", *p) && *p) {
			fputc('\\', to);
			fputc(*p, to);
		} else if (*p == '\n') {
			fputs("\\\\n", to);
		} else if (*p == '\r' || *p == '\t') {
			fputc(' ', to);
		} else if (*p < 0x20 || *p == 0x7f) {
			fputc('?', to);
		} else {
			fputc(*p, to);
		}
	}
}

/* Plain text: one record per line, so backslash, newline, tab and CR are escaped C-style. */
void write_txt(FILE *to, const char *s)
{
	if (s && !escape_needed(s, 0)) {
		fputs(s, to); /* the common case: nothing to escape */
		return;
	}
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		switch (*p) {
		case '\\': fputs("\\\\", to); break;
		case '\n': fputs("\\n", to); break;
		case '\t': fputs("\\t", to); break;
		case '\r': fputs("\\r", to); break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				fprintf(to, "\\x%02x", *p);
			else
				fputc(*p, to);
		}
	}
}

/* Markdown code span for a name or path: a backtick fence longer than any backtick run in
 * it, `|` escaped for GFM tables, newline shown as the two characters \n. */
void write_md_code(FILE *to, const char *s)
{
	size_t run = 0, longest = 0;
	const char *p;
	s = s ? s : "";
	for (p = s; *p; p++) {
		run = *p == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	for (size_t i = 0; i <= longest; i++)
		fputc('`', to);
	if (s[0] == '`' || (*s && s[strlen(s) - 1] == '`') || longest)
		fputc(' ', to);
	for (p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;
		size_t n = escape_utf8_len((const unsigned char *)p);
		if (n == 0)
			fputs("\xef\xbf\xbd", to);
		else if (n > 1) {
			fwrite(p, 1, n, to);
			p += n - 1;
		} else if (c == '|')
			fputs("\\|", to);
		else if (c == '\n')
			fputs("\\n", to);
		else if (c < 0x20 || c == 0x7f)
			fputc('?', to);
		else
			fputc(c, to);
	}
	if (s[0] == '`' || (*s && s[strlen(s) - 1] == '`') || longest)
		fputc(' ', to);
	for (size_t i = 0; i <= longest; i++)
		fputc('`', to);
}

/* HTML text and attribute values: &, <, >, quotes as entities; controls as '?' and bytes
 * that are not UTF-8 as U+FFFD (the page is UTF-8). */
void write_html_text(FILE *to, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		size_t n = escape_utf8_len(p);
		if (n == 0)
			fputs("\xef\xbf\xbd", to);
		else if (n > 1) {
			fwrite(p, 1, n, to);
			p += n - 1;
		} else if (*p == '&')
			fputs("&amp;", to);
		else if (*p == '<')
			fputs("&lt;", to);
		else if (*p == '>')
			fputs("&gt;", to);
		else if (*p == '"')
			fputs("&quot;", to);
		else if (*p == '\'')
			fputs("&#39;", to);
		else if (*p < 0x20 || *p == 0x7f)
			fputc(*p == '\n' || *p == '\t' ? ' ' : '?', to);
		else
			fputc(*p, to);
	}
}

/* Append text to a bounded buffer, counting the whole length. */
static void escape_put(char *dst, size_t cap, size_t *len, const char *s, size_t n)
{
	if (dst && *len < cap) {
		size_t room = cap - 1 - *len;
		memcpy(dst + *len, s, n < room ? n : room);
	}
	*len += n;
}

/* A message on a terminal: a name must neither fake a line of its own (newline, CR) nor
 * send the terminal a command (ESC, the C1 controls, which some terminals read as CSI),
 * nor turn the text around (bidirectional overrides): all of these, other controls and
 * bytes that are not UTF-8 are spelled C-style, and a backslash is doubled so that the
 * spelling reads back unambiguously. */
size_t write_msg_escape(char *dst, size_t cap, const char *s)
{
	size_t len = 0;
	char buf[16];

	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p;) {
		size_t n = escape_utf8_len(p);
		uint32_t cp = 0;
		if (n == 2)
			cp = ((uint32_t)(p[0] & 0x1f) << 6) | (p[1] & 0x3f);
		else if (n == 3)
			cp = ((uint32_t)(p[0] & 0x0f) << 12) | ((uint32_t)(p[1] & 0x3f) << 6) | (p[2] & 0x3f);
		if (n == 0 || (n == 1 && (*p < 0x20 || *p == 0x7f || *p == '\\'))) {
			const char *e = *p == '\n' ? "\\n" : *p == '\t' ? "\\t" : *p == '\r' ? "\\r" : *p == '\\' ? "\\\\" : NULL;
			if (!e) {
				snprintf(buf, sizeof buf, "\\x%02x", *p);
				e = buf;
			}
			escape_put(dst, cap, &len, e, strlen(e));
			p++;
		} else if ((n == 2 && cp >= 0x80 && cp <= 0x9f) ||
		           (n == 3 && ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200e ||
		                       cp == 0x200f || cp == 0x061c))) {
			snprintf(buf, sizeof buf, "\\u%04x", (unsigned)cp);
			escape_put(dst, cap, &len, buf, strlen(buf));
			p += n;
		} else {
			escape_put(dst, cap, &len, (const char *)p, n);
			p += n;
		}
	}
	if (dst && cap)
		dst[len < cap ? len : cap - 1] = '\0';
	return len;
}

/* write_msg_escape onto a stream. */
void write_msg_name(FILE *to, const char *s)
{
	char small[512];
	size_t n = write_msg_escape(small, sizeof small, s);
	if (n < sizeof small) {
		fputs(small, to);
		return;
	}
	char *big = malloc(n + 1);
	if (!big) {
		fputs("?", to);
		return;
	}
	write_msg_escape(big, n + 1, s);
	fputs(big, to);
	free(big);
}

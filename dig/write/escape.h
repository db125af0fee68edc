/*
 * dig/write/escape.h: the per-format escapers (dig/write/escape.c), shared by the writers
 * and the query answers (dig/query/).
 */
#ifndef STRATA_DIG_WRITE_ESCAPE_H
#define STRATA_DIG_WRITE_ESCAPE_H

#include <stddef.h>
#include <stdio.h>

void write_csv_field(FILE *to, const char *s);
void write_json_string(FILE *to, const char *s);
void write_json_string_html(FILE *to, const char *s);
void write_dot_string(FILE *to, const char *s);
void write_md_text(FILE *to, const char *s);
void write_md_code(FILE *to, const char *s);
void write_txt(FILE *to, const char *s);
void write_html_text(FILE *to, const char *s);

/* A name or path in a message on a terminal (stderr): control bytes, DEL, C1 controls,
 * bidirectional overrides and bytes that are not UTF-8 become \\n, \\t, \\r, \\xHH or
 * \\uHHHH, a backslash \\\\, so that a name can neither fake a line of its own nor send
 * the terminal a command. write_msg_escape writes at most cap bytes with a NUL (dst may be
 * NULL when cap is 0) and returns the length of the whole escaped text. */
size_t write_msg_escape(char *dst, size_t cap, const char *s);
void write_msg_name(FILE *to, const char *s);

#endif /* STRATA_DIG_WRITE_ESCAPE_H */

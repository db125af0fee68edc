/*
 * dig/write/escape.h: the per-format escapers (dig/write/escape.c), shared by the writers
 * and the query answers (dig/query/).
 */
#ifndef STRATA_DIG_WRITE_ESCAPE_H
#define STRATA_DIG_WRITE_ESCAPE_H

#include <stdio.h>

void write_csv_field(FILE *to, const char *s);
void write_json_string(FILE *to, const char *s);
void write_json_string_html(FILE *to, const char *s);
void write_dot_string(FILE *to, const char *s);
void write_md_text(FILE *to, const char *s);
void write_md_code(FILE *to, const char *s);
void write_txt(FILE *to, const char *s);
void write_html_text(FILE *to, const char *s);

#endif /* STRATA_DIG_WRITE_ESCAPE_H */

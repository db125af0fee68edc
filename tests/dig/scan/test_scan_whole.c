/*
 * tests/dig/scan/test_scan_whole.c: what the parser does not read whole. Old-style
 * directive tails (`#endif LINT`, `#else FOO`) are comments, not the start of the next
 * declaration; a definition tree-sitter loses (a header split between #if branches) is
 * given back from the lexer's facts, counted (lexed_defs) and named (the file's note),
 * with and without deep words.
 */
#include "scan_test.h"

/* `#endif lint` / `#else DEBUG` / `#endif DEBUG`: the words after the directive are not
 * read as code. */
static void test_directive_tails(void)
{
	struct dig_file *f = scan_snippet(
		"#ifndef lint\n"                                   /* 1 */
		"static char sccsid[] = \"@(#)tail.c 1.1\";\n"     /* 2 */
		"#endif lint\n"                                    /* 3 */
		"\n"                                               /* 4 */
		"char *\n"                                         /* 5 */
		"getblk(n)\n"                                      /* 6 */
		"\tint n;\n"                                       /* 7 */
		"{\n"                                              /* 8 */
		"\treturn (char *)malloc(n);\n"                    /* 9 */
		"}\n"                                              /* 10 */
		"#ifdef DEBUG\n"                                   /* 11 */
		"int debug = 1;\n"                                 /* 12 */
		"#else DEBUG /* a comment too */\n"                /* 13 */
		"int debug;\n"                                     /* 14 */
		"#endif DEBUG \\\n"                                /* 15: a continued tail */
		"  MORE\n"                                         /* 16 */
		"#ifdef FOO junk\n"                                /* 17 */
		"int foo;\n"                                       /* 18 */
		"#endif\n");                                       /* 19 */

	CHECK(f != NULL);
	const struct dig_func *g = find_func(f, "getblk");
	CHECK(g != NULL);
	CHECK(g && strcmp(g->return_type, "char *") == 0);     /* not "lint char *" */
	CHECK(g && g->returns_pointer && g->knr && g->line == 6);
	CHECK(find_call(f, "malloc", 0) && find_call(f, "malloc", 0)->func == func_index(f, "getblk"));
	CHECK(f && f->syntax_errors == 0);
	CHECK(find_global(f, "foo") != NULL);
	CHECK(f && f->lexed_defs == 0);
	dig_file_free(f);
}

/* A function header split between #ifndef __STDC__ branches, the old-style one first:
 * tree-sitter reads both headers as one and loses the definition; the lexer's definition
 * stands in, with the calls of its body and without the parser's misread locals. (With
 * the prototype first, pp.c shows the parser that branch alone: test_split_prototype.) */
static const char split_text[] =
	"#include <stdlib.h>\n"                           /* 1 */
	"\n"                                              /* 2 */
	"void\n"                                          /* 3 */
	"#ifndef __STDC__\n"                              /* 4 */
	"sm_setproctitle(status, fmt, va_alist)\n"        /* 5 */
	"\tint status;\n"                                 /* 6 */
	"\tconst char *fmt;\n"                            /* 7 */
	"\tva_dcl\n"                                      /* 8 */
	"#else\n"                                         /* 9 */
	"sm_setproctitle(int status, const char *fmt, ...)\n" /* 10 */
	"#endif\n"                                        /* 11 */
	"{\n"                                             /* 12 */
	"\tchar *buf = malloc(64);\n"                     /* 13 */
	"\n"                                              /* 14 */
	"\tfree(buf);\n"                                  /* 15 */
	"}\n"                                             /* 16 */
	"\n"                                              /* 17 */
	"int\n"                                           /* 18 */
	"after(void)\n"                                   /* 19 */
	"{\n"                                             /* 20 */
	"\treturn helper();\n"                            /* 21 */
	"}\n";                                            /* 22 */

/* Check the split file's facts. */
static void check_split(const struct dig_file *f, const char *mode)
{
	const struct dig_func *d = find_func(f, "sm_setproctitle");

	CHECK_MSG(d != NULL, "%s: the lost definition is given back", mode);
	CHECK_MSG(d && d->end_line == 16 && !d->dead, "%s: it ends at its closing brace", mode);
	CHECK_MSG(f && f->lexed_defs == 1 && f->lexed_line == d->line, "%s: counted, with its line", mode);
	CHECK_MSG(f && f->reason && strstr(f->reason, "parsed in part") != NULL, "%s: named", mode);
	CHECK_MSG(f && f->status == DIG_FILE_OK, "%s: not cut short", mode);
	const struct dig_call *m = find_call(f, "malloc", 0), *fr = find_call(f, "free", 0);
	CHECK_MSG(m && m->func == func_index(f, "sm_setproctitle"), "%s: malloc inside it", mode);
	CHECK_MSG(fr && fr->func == func_index(f, "sm_setproctitle"), "%s: free inside it", mode);
	CHECK_MSG(count_calls(f, "sm_setproctitle") == 0, "%s: its header is no call", mode);
	CHECK_MSG(find_global(f, "buf") == NULL && find_global(f, "status") == NULL,
	          "%s: no local or parameter as a file-scope variable", mode);
	const struct dig_call *h = find_call(f, "helper", 0);
	CHECK_MSG(h && h->func == func_index(f, "after"), "%s: the next definition is the parser's", mode);
}

/* Every file parsed (no deep words), and the deep-word path with the definition named like
 * a deep word (the lexer decides what the parser reads): the same definition comes back. */
static void test_split_header(void)
{
	struct dig_file *f = scan_snippet(split_text);
	check_split(f, "all parsed");
	dig_file_free(f);

	const char *words[] = { "*setproctitle", "malloc" };
	struct dig_scan_opts o;
	memset(&o, 0, sizeof o);
	o.file_ms = 5000;
	o.deep_words = words;
	o.ndeep_words = 2;
	f = dig_scan_buffer_opts("split.c", split_text, strlen(split_text), &o);
	CHECK(f && !f->shallow);
	check_split(f, "deep words");
	dig_file_free(f);
}

/* The prototype's declarator first, the old-style header and its parameter declarations
 * in the #else branch (`#if __STD_C`): the parser reads the first branch alone and the
 * definition whole, with its parameters' types. */
static void test_split_prototype(void)
{
	struct dig_file *f = scan_snippet(
		"void *\n"                                         /* 1 */
		"#if __STD_C\n"                                    /* 2 */
		"bestalloc(Vmalloc_t *vm, size_t size, int local)\n" /* 3 */
		"#else\n"                                          /* 4 */
		"bestalloc(vm, size, local)\n"                     /* 5 */
		"Vmalloc_t *vm;\t/* region */\n"                  /* 6 */
		"size_t size;\n"                                   /* 7 */
		"int local;\n"                                     /* 8 */
		"#endif\n"                                         /* 9 */
		"{\n"                                              /* 10 */
		"\treturn malloc(size);\n"                         /* 11 */
		"}\n");                                            /* 12 */
	const struct dig_func *d = find_func(f, "bestalloc");

	CHECK(d != NULL);
	CHECK(f && f->lexed_defs == 0 && f->reason == NULL);
	CHECK(d && d->nparams == 3 && d->param_types && strcmp(d->param_types[0], "Vmalloc_t *") == 0 &&
	      strcmp(d->param_types[1], "size_t") == 0);
	CHECK(d && d->end_line == 12 && d->returns_pointer);
	CHECK(find_call(f, "malloc", 0) && find_call(f, "malloc", 0)->func == func_index(f, "bestalloc"));
	dig_file_free(f);
}

/* A file the parser reads whole has nothing given back. */
static void test_whole(void)
{
	struct dig_file *f = scan_snippet("void *a(int n) { return malloc(n); }\nvoid b(void *p) { free(p); }\n");

	CHECK(f && f->lexed_defs == 0 && f->lexed_line == 0 && f->reason == NULL);
	CHECK(f && f->nfuncs == 2);
	dig_file_free(f);
}

/* Run every case. */
int main(void)
{
	test_directive_tails();
	test_split_header();
	test_split_prototype();
	test_whole();
	return check_done();
}

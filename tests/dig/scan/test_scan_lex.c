/*
 * tests/dig/scan/test_scan_lex.c: the shallow path (files that mention none of the deep
 * words are read by the lexer). On ordinary code it must find the same definitions (name,
 * lines, static, pointer return, parameter count) and the same calls (callee, line, column,
 * enclosing function, argument text and count, dispatch, macro renames, dead marks) as the
 * parser; and a file that mentions a deep word must still be parsed.
 */
#include "scan_test.h"

static const char *const no_words[] = { "zzz_never_present" };

/* Scan a snippet through the shallow path. */
static struct dig_file *shallow(const char *text)
{
	struct dig_scan_opts o;

	memset(&o, 0, sizeof(o));
	o.deep_words = no_words;
	o.ndeep_words = 1;
	return dig_scan_buffer_opts("shallow.c", text, strlen(text), &o);
}

static const char *const sample =
	"#include <stdio.h>\n"                                      /* 1 */
	"#define log(x) klog(x, __LINE__)\n"                        /* 2 */
	"static int counter;\n"                                     /* 3 */
	"struct ops { void *(*get)(int); };\n"                      /* 4 */
	"static struct ops table = { .get = 0 };\n"                 /* 5 */
	"DECLARE_THING(x)\n"                                        /* 6 */
	"static char *\n"                                           /* 7 */
	"pick(int a, const char *s)\n"                              /* 8 */
	"{\n"                                                       /* 9 */
	"\tif (a > 0 && check(s, \"x(y)\")) /* c(1) */\n"             /* 10 */
	"\t\treturn table.get(a);\n"                                /* 11 */
	"\tfor (int i = 0; i < a; i++)\n"                           /* 12 */
	"\t\tlog(outer(inner(i), sizeof(int)));\n"                  /* 13 */
	"#if 0\n"                                                   /* 14 */
	"\tgone();\n"                                               /* 15 */
	"#endif\n"                                                  /* 16 */
	"\treturn 0;\n"                                             /* 17 */
	"}\n"                                                       /* 18 */
	"int proto(void);\n"                                        /* 19 */
	"void\n"                                                    /* 20 */
	"knr(p, n)\n"                                               /* 21 */
	"char *p; int n;\n"                                         /* 22 */
	"{\n"                                                       /* 23 */
	"\tp->next->run(n, (n));\n"                                 /* 24 */
	"}\n"                                                       /* 25 */
	"int empty(void) { }\n";                                    /* 26 */

/* Same definitions and calls as the parser on ordinary code. */
static void test_agrees_with_parser(void)
{
	struct dig_file *s = shallow(sample), *d = scan_snippet(sample);

	CHECK(s && d);
	if (!s || !d)
		goto out;
	CHECK_EQ(s->shallow, 1);
	CHECK_EQ(d->shallow, 0);
	CHECK_EQ(s->nfuncs, d->nfuncs);
	for (uint32_t i = 0; i < s->nfuncs && i < d->nfuncs; i++) {
		CHECK_STREQ(s->funcs[i].name, d->funcs[i].name);
		CHECK_EQ(s->funcs[i].line, d->funcs[i].line);
		CHECK_EQ(s->funcs[i].end_line, d->funcs[i].end_line);
		CHECK_EQ(s->funcs[i].is_static, d->funcs[i].is_static);
		CHECK_EQ(s->funcs[i].returns_pointer, d->funcs[i].returns_pointer);
		CHECK_EQ(s->funcs[i].nparams, d->funcs[i].nparams);
		CHECK_EQ(s->funcs[i].loc, d->funcs[i].loc);
	}
	CHECK_STREQ(s->funcs[0].return_type, "char *");
	CHECK_EQ(s->ncalls, d->ncalls);
	for (uint32_t i = 0; i < s->ncalls && i < d->ncalls; i++) {
		const struct dig_call *a = &s->calls[i], *b = &d->calls[i];
		CHECK_MSG(strcmp(a->callee, b->callee) == 0 && a->line == b->line && a->col == b->col &&
		          a->func == b->func && a->nargs == b->nargs && strcmp(a->args, b->args) == 0 &&
		          a->kind == b->kind && a->dead == b->dead,
		          "call %u: shallow %s@%u:%u f%d n%d [%s] k%d d%d, parsed %s@%u:%u f%d n%d [%s] k%d d%d", i,
		          a->callee, a->line, a->col, a->func, a->nargs, a->args, a->kind, a->dead, b->callee, b->line,
		          b->col, b->func, b->nargs, b->args, b->kind, b->dead);
	}
	const struct dig_call *c = find_call(s, "klog", 0);
	CHECK(c && c->via_macro && strcmp(c->via_macro, "log") == 0);
	CHECK(find_call(s, "gone", 0) && find_call(s, "gone", 0)->dead == 1);
	CHECK_EQ(count_calls(s, "check"), 1);          /* not the one in the string or comment */
	CHECK_EQ(count_calls(s, "sizeof"), 0);
	CHECK_EQ(count_calls(s, "DECLARE_THING"), 0);  /* file scope: no enclosing function */
	CHECK(find_func(s, "proto") == NULL);
	CHECK(find_macro(s, "log") != NULL);
	CHECK_EQ(count_evidence(s, DIG_EV_INCLUDE, "<stdio.h>"), 1);
out:
	dig_file_free(s);
	dig_file_free(d);
}

/* A deep word anywhere sends the file to the parser. */
static void test_deep_word(void)
{
	static const char *const words[] = { "kalloc" };
	struct dig_scan_opts o;

	memset(&o, 0, sizeof(o));
	o.deep_words = words;
	o.ndeep_words = 1;
	const char *text = "int f(void) { return kalloc(1); }\n";
	struct dig_file *f = dig_scan_buffer_opts("deep.c", text, strlen(text), &o);
	CHECK(f && f->shallow == 0 && find_call(f, "kalloc", 0));
	dig_file_free(f);
	text = "int g(void) { return zalloc(1); } /* kallocs, xkalloc */\n";
	f = dig_scan_buffer_opts("shallow.c", text, strlen(text), &o);
	CHECK(f && f->shallow == 1 && find_call(f, "zalloc", 0) && find_func(f, "g"));
	dig_file_free(f);
}

/* In a deep file, bodies that mention no deep word are read by the lexer while the parser
 * still reads every definition's header: the facts equal the all-parsed ones. */
static void test_mixed_bodies(void)
{
	static const char *const words[] = { "kalloc" };
	static const char *const text =
		"static int helper(struct zone *z, int n)\n"
		"{\n"
		"\tz->ops->grow(z, n);\n"
		"\treturn count(n, 2);\n"
		"}\n"
		"void *get(size_t n)\n"
		"{\n"
		"\thelper(0, 1);\n"
		"\treturn kalloc(n);\n"
		"}\n"
		"static void tail(void) { last(); }\n";
	struct dig_scan_opts o;

	memset(&o, 0, sizeof(o));
	o.deep_words = words;
	o.ndeep_words = 1;
	struct dig_file *m = dig_scan_buffer_opts("mixed.c", text, strlen(text), &o);
	struct dig_file *d = scan_snippet(text);
	CHECK(m && d && m->shallow == 0);
	if (!m || !d)
		goto out;
	CHECK_EQ(m->nfuncs, 3);
	const struct dig_func *h = find_func(m, "helper");
	CHECK(h && h->nparams == 2 && strcmp(h->param_types[0], "struct zone *") == 0);   /* header parsed */
	CHECK_EQ(m->ncalls, d->ncalls);
	for (uint32_t i = 0; i < m->ncalls && i < d->ncalls; i++)
		CHECK_MSG(strcmp(m->calls[i].callee, d->calls[i].callee) == 0 && m->calls[i].line == d->calls[i].line &&
		          m->calls[i].func == d->calls[i].func && m->calls[i].nargs == d->calls[i].nargs,
		          "call %u: mixed %s@%u f%d, parsed %s@%u f%d", i, m->calls[i].callee, m->calls[i].line,
		          m->calls[i].func, d->calls[i].callee, d->calls[i].line, d->calls[i].func);
	CHECK(find_call(m, "count", 0) && find_call(m, "count", 0)->func == func_index(m, "helper"));
	CHECK(find_call(m, "last", 0) && find_call(m, "last", 0)->func == func_index(m, "tail"));
out:
	dig_file_free(m);
	dig_file_free(d);
}

/* Garbage does not crash the lexer and unbalanced braces end at the file's end. */
static void test_garbage(void)
{
	static const char *const cases[] = {
		"int f(void) { g(; h(((((; \n", "}}}}}} int f() { ", "\"unterminated\n int f(void) { x(); }",
		"#define A(x) \\\n  y(x)\nint f(void) { A(1); }\n", "f(", "((((((((((((((((((((((((((((((",
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct dig_file *f = shallow(cases[i]);
		CHECK_MSG(f != NULL, "case %zu", i);
		for (uint32_t k = 0; f && k < f->nfuncs; k++)
			CHECK(f->funcs[k].end_line >= f->funcs[k].line);
		dig_file_free(f);
	}
}

/* Run every case. */
int main(void)
{
	test_agrees_with_parser();
	test_deep_word();
	test_mixed_bodies();
	test_garbage();
	return check_done();
}

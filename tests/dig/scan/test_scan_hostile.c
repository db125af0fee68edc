/*
 * tests/dig/scan/test_scan_hostile.c: inputs built to break a parser. Each must come back
 * (no crash, no hang -- the harness has a timeout and valgrind runs this too) with a
 * sensible status: binary skipped, broken UTF-8 parsed with a note, deep nesting cut with
 * a reason, a budget overrun partial, preprocessor garbage tolerated, and the facts that
 * were readable kept.
 */
#include <stdio.h>
#include <stdlib.h>

#include "scan_test.h"

/* A buffer of n copies of a pattern, between a prefix and a suffix. */
static char *repeat(const char *pre, const char *pat, size_t n, const char *post, size_t *len)
{
	size_t lp = strlen(pre), lr = strlen(pat), ls = strlen(post);
	char *b = malloc(lp + lr * n + ls + 1);

	if (!b)
		return NULL;
	memcpy(b, pre, lp);
	for (size_t i = 0; i < n; i++)
		memcpy(b + lp + i * lr, pat, lr);
	memcpy(b + lp + lr * n, post, ls + 1);
	*len = lp + lr * n + ls;
	return b;
}

/* NUL bytes and control bytes mean binary: skipped with a reason, no facts. */
static void test_binary(void)
{
	static const char bin[] = "int f(void) { g(); }\n\0\x01\x02garbage";
	struct dig_file *f = dig_scan_buffer("blob.c", bin, sizeof(bin) - 1, 1000);

	CHECK(f && f->status == DIG_FILE_SKIPPED && f->reason && strstr(f->reason, "binary"));
	CHECK(f && f->ncalls == 0);
	dig_file_free(f);
	char ctl[400];
	for (size_t i = 0; i < sizeof(ctl); i++)
		ctl[i] = (char)(i % 3 ? 'a' : 0x02);
	f = dig_scan_buffer("ctl.c", ctl, sizeof(ctl), 1000);
	CHECK(f && f->status == DIG_FILE_SKIPPED);
	dig_file_free(f);
}

/* A Latin-1 comment: parsed, with a note; mostly invalid UTF-8: skipped. */
static void test_non_utf8(void)
{
	static const char latin[] = "/* Fran\xe7ois wrote this */\nvoid f(void) { kalloc(1); }\n";
	struct dig_file *f = dig_scan_buffer("latin.c", latin, sizeof(latin) - 1, 1000);

	CHECK(f && f->status == DIG_FILE_OK && f->reason && strstr(f->reason, "not UTF-8"));
	CHECK(find_call(f, "kalloc", 0) != NULL);
	dig_file_free(f);
	char junk[300];
	for (size_t i = 0; i < sizeof(junk); i++)
		junk[i] = (char)(0x80 + (i * 7) % 0x40);
	f = dig_scan_buffer("junk.c", junk, sizeof(junk), 1000);
	CHECK(f && f->status == DIG_FILE_SKIPPED);
	dig_file_free(f);
}

/* 100000 nested parentheses and braces: the walk stops at its depth limit, no overflow. */
static void test_deep_nesting(void)
{
	size_t len;
	char *src = repeat("int f(void) { return g(", "(", 100000, "1); }\n", &len);
	struct dig_file *f = src ? dig_scan_buffer("deep.c", src, len, 20000) : NULL;

	CHECK(f != NULL);
	CHECK(f && f->status != DIG_FILE_SKIPPED);
	dig_file_free(f);
	free(src);
	src = repeat("void h(void) ", "{", 50000, "k();", &len);
	f = src ? dig_scan_buffer("braces.c", src, len, 20000) : NULL;
	CHECK(f != NULL);
	dig_file_free(f);
	free(src);
}

/* A huge generated table is read (or cut by the budget) without quadratic blowup, and a
 * 1 ms budget on a large file ends the parse with a partial status. */
static void test_tables_and_budget(void)
{
	size_t len;
	char *src = repeat("static const unsigned char tab[] = {\n", "0x01, 0x02, 0x03, 0x04,\n", 40000,
	                   "};\nvoid after(void) { kalloc(1); }\n", &len);
	struct dig_file *f = src ? dig_scan_buffer("table.c", src, len, 20000) : NULL;

	CHECK(f && f->status == DIG_FILE_OK);
	CHECK(find_global(f, "tab") != NULL);
	CHECK(find_call(f, "kalloc", 0) != NULL);
	dig_file_free(f);
	free(src);
	src = repeat("", "int f(int a) { return g(a) + h(a) * k(a, a, a); }\n", 60000, "", &len);
	f = src ? dig_scan_buffer("slow.c", src, len, 1) : NULL;
	/* 1 ms: the parse runs out, and so does the lexer that reads it instead (it gets a
	 * budget of its own): the file is partial, its facts those of the lines before the
	 * stop, whole and consistent */
	CHECK(f && f->status == DIG_FILE_PARTIAL && f->reason && strstr(f->reason, "budget"));
	CHECK_MSG(f && f->reason && strstr(f->reason, "ran out at line"), "reason: %s", f && f->reason ? f->reason : "-");
	CHECK(f && f->lines == 60000);          /* the lexical line count is whole */
	CHECK(f && f->shallow == 1 && f->nfuncs >= 1 && f->nfuncs < 60000);
	CHECK(find_call(f, "k", 0) && find_call(f, "k", 0)->nargs == 3);
	for (uint32_t i = 0; f && i < f->ncalls; i++)
		CHECK_MSG(f->calls[i].func >= 0 && (uint32_t)f->calls[i].func < f->nfuncs &&
		          f->funcs[f->calls[i].func].line <= f->calls[i].line, "call %u", i);
	dig_file_free(f);
	free(src);
}

/* The facts bound: a file that gives more facts than one file may (a generated file, a
 * huge one read with --max-file-size raised) stops being read there, in the parser and in
 * the lexer alike; it is partial, says where, and its facts are those of its first lines,
 * consistent (every call inside a kept function). */
static void test_facts_bound(void)
{
	size_t len;
	char *src = repeat("#define M 1\n", "int f(int a) { return g(a) + h(a); }\n", 3000, "", &len);
	static const char *const none[] = { "nowhere_named" };
	for (int lexer = 0; lexer < 2 && src; lexer++) {
		struct dig_scan_opts o;
		memset(&o, 0, sizeof o);
		o.file_ms = 60000;
		o.max_facts = 1000;
		o.deep_words = lexer ? none : NULL;   /* the lexer reads a file with no deep word */
		o.ndeep_words = lexer;
		struct dig_file *f = dig_scan_buffer_opts("gen.c", src, len, &o);
		CHECK(f && f->status == DIG_FILE_PARTIAL && f->reason && strstr(f->reason, "over 1000 facts at line"));
		CHECK_MSG(f && f->nfuncs + f->ncalls + f->nmacros <= 1001 + 3 && f->nfuncs > 300, "%s: %u funcs, %u calls",
		          lexer ? "lexer" : "parser", f ? f->nfuncs : 0, f ? f->ncalls : 0);
		CHECK(f && f->lines == 3001);
		for (uint32_t i = 0; f && i < f->ncalls; i++)
			CHECK_MSG(f->calls[i].func >= 0 && (uint32_t)f->calls[i].func < f->nfuncs &&
			          f->funcs[f->calls[i].func].line == f->calls[i].line, "call %u", i);
		dig_file_free(f);
	}
	free(src);
}

/* Bare rows of numbers (a table meant to be #included inside braces): tree-sitter's worst
 * case; read by the lexer, fast, with a budget that would otherwise expire. */
static void test_bare_table(void)
{
	size_t len;
	char *src = repeat("", "19970,19972,19973,19974,19983,19986,19991,19999,20000,\n", 2000, "", &len);
	struct dig_file *f = src ? dig_scan_buffer("rows.h", src, len, 60000) : NULL;

	CHECK(f && f->status == DIG_FILE_OK && f->shallow == 1 && f->lines == 2000);
	dig_file_free(f);
	free(src);
}

/* Preprocessor and lexical garbage. */
static void test_garbage(void)
{
	static const char *const cases[] = {
		"#endif\n#endif\n#else\nvoid f(void) { g(); }\n",
		"#if 0\nvoid f(void) { g(); }\n",                  /* no #endif */
		"/* unterminated comment\nvoid f(void) { g(); }\n",
		"char *s = \"unterminated\nvoid f(void) { g(); }\n",
		"#define A (B+B)\n#define B (C+C)\n#define C (D+D)\n#define D (A+A)\nchar x[A];\n",
		"#define X \\\n",
		"}}}}{{{{)))(((\n",
		"char *\nmalloc(\n",
		"malloc(a, b, c, d) struct x *a; struct x *b; {\n",
		"#define f(\n#define\n#include\n#undef\n#if\n#elif\n",
		"int (*(*(*(*(*(*(*x)())())())())())())();\n",
		"\xef\xbb\xbfvoid bom(void) { g(); }\n",
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct dig_file *f = scan_snippet(cases[i]);
		CHECK_MSG(f != NULL, "case %zu", i);
		if (f)
			CHECK_MSG(f->status != DIG_FILE_SKIPPED, "case %zu skipped: %s", i,
			          f->reason ? f->reason : "");
		dig_file_free(f);
	}
	struct dig_file *f = scan_snippet(cases[0]);
	CHECK(find_call(f, "g", 0) != NULL);
	dig_file_free(f);
	f = scan_snippet(cases[1]);
	CHECK(find_call(f, "g", 0) && find_call(f, "g", 0)->dead == 1);
	dig_file_free(f);
	f = scan_snippet(cases[4]);
	CHECK(find_global(f, "x") && find_global(f, "x")->array_bytes == 0);   /* cycle: unknown */
	dig_file_free(f);
}

/* The same facts, field by field where lines matter, from two files. */
static void same_lines(const struct dig_file *a, const struct dig_file *b, const char *what)
{
	CHECK_MSG(a && b, "%s: parsed", what);
	if (!a || !b)
		return;
	CHECK_MSG(a->lines == b->lines && a->loc == b->loc && a->nfuncs == b->nfuncs && a->ncalls == b->ncalls &&
	          a->nmacros == b->nmacros && a->nglobals == b->nglobals && a->dead_lines == b->dead_lines,
	          "%s: lines %u/%u loc %u/%u funcs %u/%u calls %u/%u macros %u/%u globals %u/%u dead %u/%u", what,
	          a->lines, b->lines, a->loc, b->loc, a->nfuncs, b->nfuncs, a->ncalls, b->ncalls, a->nmacros, b->nmacros,
	          a->nglobals, b->nglobals, a->dead_lines, b->dead_lines);
	for (uint32_t i = 0; i < a->nfuncs && i < b->nfuncs; i++)
		CHECK_MSG(strcmp(a->funcs[i].name, b->funcs[i].name) == 0 && a->funcs[i].line == b->funcs[i].line &&
		          a->funcs[i].end_line == b->funcs[i].end_line, "%s: function %u", what, i);
	for (uint32_t i = 0; i < a->ncalls && i < b->ncalls; i++)
		CHECK_MSG(strcmp(a->calls[i].callee, b->calls[i].callee) == 0 && a->calls[i].line == b->calls[i].line,
		          "%s: call %u", what, i);
}

/* Lone-CR line endings (old Mac files; gcc reads a lone CR as a line break) give the facts
 * and lines of LF endings, in each of the three paths: the parser, the lexer (a file that
 * mentions no deep word) and the bodies mode (a file that does); CR LF too. */
static void test_line_endings(void)
{
	static const char lf[] =
	    "#include <stdlib.h>\n"
	    "#define POOL 64\n"
	    "static char pool[POOL];\n"
	    "#if 0\nvoid dead(void) { gone(); }\n#endif\n"
	    "/* a comment\n   over two lines */\n"
	    "void *kalloc(unsigned n)\n{\n\treturn pool + n;\n}\n"
	    "int user(void)\n{\n\tint x = 1;\n\n\treturn kalloc(x) != 0 && helper(x);\n}\n";
	char cr[sizeof lf], crlf[2 * sizeof lf];
	size_t n = 0;
	for (size_t i = 0; lf[i]; i++) {
		cr[i] = lf[i] == '\n' ? '\r' : lf[i];
		if (lf[i] == '\n')
			crlf[n++] = '\r';
		crlf[n++] = lf[i];
	}
	cr[sizeof lf - 1] = '\0';
	crlf[n] = '\0';
	static const char *const kalloc_word[] = { "kalloc" }, *const none[] = { "nowhere_named" };
	struct {
		const char *what;
		const char *const *words;
	} modes[] = { { "parser", NULL }, { "bodies", kalloc_word }, { "lexer", none } };
	for (size_t m = 0; m < sizeof modes / sizeof modes[0]; m++) {
		struct dig_scan_opts o;
		memset(&o, 0, sizeof o);
		o.file_ms = 5000;
		o.deep_words = modes[m].words;
		o.ndeep_words = modes[m].words ? 1 : 0;
		struct dig_file *a = dig_scan_buffer_opts("a.c", lf, strlen(lf), &o);
		struct dig_file *b = dig_scan_buffer_opts("a.c", cr, strlen(cr), &o);
		struct dig_file *c = dig_scan_buffer_opts("a.c", crlf, strlen(crlf), &o);
		CHECK_MSG(a && a->nfuncs == 3 && a->lines == 18, "%s: the LF file itself (%u functions, %u lines)",
		          modes[m].what, a ? a->nfuncs : 0, a ? a->lines : 0);
		same_lines(a, b, modes[m].what);
		same_lines(a, c, modes[m].what);
		CHECK_MSG(b && b->status == DIG_FILE_OK && !b->reason, "%s: lone CR read as text", modes[m].what);
		dig_file_free(a);
		dig_file_free(b);
		dig_file_free(c);
	}
}

/* Many bodies hidden from the parser (bodies mode: a file that defines one deep-named
 * function among many others). Whether the parser is given the kept text as included
 * ranges (few ranges, or hidden bytes that outweigh them) or a copy with the hidden bodies
 * spaced out (thousands of tiny ones), the deep function's facts -- its line, its calls'
 * lines and columns, their flow -- are those the whole-file parse gives. */
static void test_many_hidden(void)
{
	static const char *const kalloc_word[] = { "kalloc" };
	static const struct {
		const char *what;
		unsigned bodies, stmts;          /* hidden bodies, statements in each */
	} shapes[] = { { "few ranges", 20, 8 }, { "big hidden bodies", 300, 40 }, { "tiny hidden bodies", 3000, 0 } };
	for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++) {
		size_t cap = (size_t)shapes[s].bodies * (64 + 32 * shapes[s].stmts) + 512, n = 0;
		char *text = malloc(cap);
		CHECK(text != NULL);
		if (!text)
			return;
		n += (size_t)snprintf(text + n, cap - n, "static char pool[4096];\nstatic int used;\n");
		for (unsigned b = 0; b < shapes[s].bodies; b++) {
			n += (size_t)snprintf(text + n, cap - n, "int h%u(int x)\n{", b);
			for (unsigned k = 0; k < shapes[s].stmts; k++)
				n += (size_t)snprintf(text + n, cap - n, "\tx = other%u(x, %u);\n", k, b);
			n += (size_t)snprintf(text + n, cap - n, "\treturn x; }\n");
		}
		n += (size_t)snprintf(text + n, cap - n,
		                      "void *kalloc(int size)\n{\n\tvoid *p = &pool[used];\n"
		                      "\tused += size;\n\tif (used > 4096)\n\t\tp = page_get(size);\n\treturn p;\n}\n");
		struct dig_scan_opts o;
		memset(&o, 0, sizeof o);
		o.file_ms = 20000;
		struct dig_file *whole = dig_scan_buffer_opts("a.c", text, n, &o);
		o.deep_words = kalloc_word;
		o.ndeep_words = 1;
		struct dig_file *bodies = dig_scan_buffer_opts("a.c", text, n, &o);
		const struct dig_call *a = find_call(whole, "page_get", 0), *b = find_call(bodies, "page_get", 0);
		const struct dig_func *fa = find_func(whole, "kalloc"), *fb = find_func(bodies, "kalloc");
		CHECK_MSG(a && b && a->line == b->line && a->col == b->col && a->flow == b->flow && a->flow != 0,
		          "%s: page_get at %u:%u flow %u, whole file %u:%u flow %u", shapes[s].what, b ? b->line : 0,
		          b ? b->col : 0, b ? b->flow : 0, a ? a->line : 0, a ? a->col : 0, a ? a->flow : 0);
		CHECK_MSG(fa && fb && fa->line == fb->line && fa->end_line == fb->end_line && fb->body_parsed,
		          "%s: kalloc read by the parser at the whole file's lines", shapes[s].what);
		CHECK_MSG(bodies && !bodies->syntax_errors && bodies->status == DIG_FILE_OK, "%s: clean parse", shapes[s].what);
		CHECK_EQ(bodies ? bodies->nfuncs : 0, whole ? whole->nfuncs : 1);
		dig_file_free(whole);
		dig_file_free(bodies);
		free(text);
	}
}

/* Run every case. */
/* Scan src[0..n) from a buffer of exactly n bytes (no NUL after them), so that ASan and
 * valgrind see a read past its end; the scan must come back with a file. Its status, or
 * -1 when none. */
static int scan_exact(const char *name, const char *src, size_t n)
{
	char *b = malloc(n ? n : 1);
	int status = -1;

	CHECK(b != NULL);
	if (!b)
		return -1;
	memcpy(b, src, n);
	struct dig_file *f = dig_scan_buffer(name, b, n, 1000);
	CHECK(f != NULL);
	if (f)
		status = (int)f->status;
	dig_file_free(f);
	free(b);
	return status;
}

/* An old-style definition's rest that ends without its `;` at the end of the buffer (a
 * `%` where the declaration's `;` should be): the K&R look-ahead of the macro-call hider
 * must stop at the buffer's end. Found by fuzz_scan; the buffer is allocated to its exact
 * length so that ASan and valgrind see a read past it. */
static void test_knr_rest_at_end(void)
{
	static const char src[] = "ch(nbytes);\n}\nrmalloc(mp, size)\nregister struct map *mp%\n{\n\tmfree(mp, size);\n}\n";
	static const char *const cut[] = { "register struct map *mp", "rmalloc(mp, size)\nregister struct map *mp" };

	CHECK(scan_exact("knr.c", src, sizeof(src) - 1) != DIG_FILE_SKIPPED);
	for (size_t k = 0; k < sizeof(cut) / sizeof(cut[0]); k++)
		scan_exact("knr.c", cut[k], strlen(cut[k]));   /* the buffer ends inside the declaration */
}

/* Inputs fuzz_scan found reading past the end of the file's bytes (they end in no NUL):
 * a declaration's type text after a directive line (extract.c), scanned to the buffer's
 * end. Each is scanned from a buffer of exactly its length, so ASan and valgrind see it. */
static void test_fuzz_found(void)
{
	static const char type_span[] =
		"struct alloc_ops { void #defime mal\217oc(x) Malloc(xchar,*(*alloc)(isze_t); };\012"
		"static sp#ruct alloc_ops ops[] = { { .alloc = kalloc  ],=1 }[ { .alloc = &zall\012"
		"\036c}}t); };\012"
		"static sp#ru'ct alloc_ops ops[] = { { .alloc = kalloc  ] _,=1 }[ {_FILE__ .alloc = &zall\012"
		"\036c}}o; stat, __LINE_ *_)\012"
		"#define icLM";

	scan_exact("fuzz.c", type_span, sizeof(type_span) - 1);
}

int main(void)
{
	test_line_endings();
	test_binary();
	test_non_utf8();
	test_deep_nesting();
	test_tables_and_budget();
	test_facts_bound();
	test_bare_table();
	test_garbage();
	test_many_hidden();
	test_knr_rest_at_end();
	test_fuzz_found();
	return check_done();
}

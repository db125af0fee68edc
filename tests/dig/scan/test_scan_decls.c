/*
 * tests/dig/scan/test_scan_decls.c: file-scope variables (storage, arrays and their byte
 * sizes from literal arithmetic and macros), function shapes, LOC, free identifiers, and
 * evidence: align masks, fill constants, lock declarations, atomics, #include.
 */
#include "scan_test.h"

/* Globals and array sizes. */
static void test_globals(void)
{
	struct dig_file *f = scan_snippet(
		"#include <stdlib.h>\n"
		"#include \"local.h\"\n"
		"#define NPAGES 16\n"
		"#define PAGE (1 << 12)\n"
		"static char arena[4096];\n"
		"static char big[NPAGES * PAGE];\n"
		"static long words[4][8];\n"
		"char *ptrs[10];\n"
		"extern int counter;\n"
		"static struct zone zones[8];\n"
		"static char unknown[N];\n"
		"int a, *b;\n");
	const struct dig_global *g;

	CHECK(f != NULL);
	g = find_global(f, "arena");
	CHECK(g && g->is_static && g->is_array && g->array_bytes == 4096);
	g = find_global(f, "big");
	CHECK(g && g->array_bytes == 16u * 4096u);
	g = find_global(f, "words");
	CHECK(g && g->array_bytes == 4 * 8 * 8);
	g = find_global(f, "ptrs");
	CHECK(g && !g->is_static && g->array_bytes == 80 && strcmp(g->type, "char *") == 0);
	g = find_global(f, "counter");
	CHECK(g && g->is_extern && !g->is_array);
	g = find_global(f, "zones");
	CHECK(g && g->is_array && g->array_bytes == 0);     /* element size unknown */
	g = find_global(f, "unknown");
	CHECK(g && g->is_array && g->array_bytes == 0);     /* N unknown */
	g = find_global(f, "b");
	CHECK(g && strcmp(g->type, "int *") == 0);
	CHECK_EQ(count_evidence(f, DIG_EV_INCLUDE, "<stdlib.h>"), 1);
	CHECK_EQ(count_evidence(f, DIG_EV_INCLUDE, "\"local.h\""), 1);
	dig_file_free(f);
}

/* Function shapes, LOC and free identifiers. */
static void test_functions(void)
{
	struct dig_file *f = scan_snippet(
		"static int freelist;\n"
		"static void *\n"
		"zalloc(struct zone *z, size_t size, ...)\n"
		"{\n"
		"\t/* a comment line */\n"
		"\n"
		"\tint local = size;\n"
		"\tfreelist += local;\n"
		"\treturn z->next;\n"
		"}\n"
		"int (*getfn(void))(int) { return 0; }\n"
		"void noparams() { }\n");
	const struct dig_func *z = find_func(f, "zalloc");

	CHECK(z != NULL);
	if (z) {
		CHECK(z->is_static && z->returns_pointer);
		CHECK_STREQ(z->return_type, "void *");
		CHECK_EQ(z->nparams, 3);   /* the `...` is kept: any count from the third on */
		CHECK_STREQ(z->param_types[0], "struct zone *");
		CHECK_STREQ(z->param_names[1], "size");
		if (z->nparams == 3)
			CHECK_STREQ(z->param_types[2], "...");
		CHECK_EQ(z->line, 3);
		CHECK_EQ(z->end_line, 10);
		CHECK_EQ(z->loc, 5);   /* braces, 3 statements; comment and blank lines excluded */
		CHECK(func_uses(z, "freelist"));
		CHECK(!func_uses(z, "local"));
		CHECK(!func_uses(z, "z"));
	}
	const struct dig_func *g = find_func(f, "getfn");
	CHECK(g && g->returns_pointer && g->nparams == 0);
	const struct dig_func *n = find_func(f, "noparams");
	CHECK(n && n->nparams == -1); /* `()`: an old-style list, arity unknown */
	dig_file_free(f);
}

/* What a parsed body returns, and the statics it declares (dig_func.body). */
static void test_bodies(void)
{
	struct dig_file *f = scan_snippet(
		"void *stub_alloc(size_t n) { errno = 1; return (NULL); }\n"
		"void *zero_alloc(size_t n) { if (n) return ((void *)0); return 0L; }\n"
		"void *some_alloc(size_t n) { static char heap[64]; if (n > 64) return NULL; return heap; }\n"
		"int nz_alloc(int n) { return 0x10; }\n"
		"void none_free(void *p) { if (!p) return; }\n"
		"static int next_unit;\n"
		"int st_check(int n) { if (n) return EINVAL; return 0; }\n"
		"int unit_take(void) { return next_unit++; }\n"
		"int unit_get(int *up) { *up = 1; return 0; }\n");
	const struct dig_func *a = find_func(f, "stub_alloc"), *b = find_func(f, "zero_alloc");
	const struct dig_func *c = find_func(f, "some_alloc"), *d = find_func(f, "nz_alloc");
	const struct dig_func *e = find_func(f, "none_free");

	const struct dig_func *g = find_func(f, "st_check"), *h = find_func(f, "unit_take");
	const struct dig_func *u = find_func(f, "unit_get");

	CHECK(a && a->body_parsed && a->body == (DIG_BODY_RET_NULL | DIG_BODY_WRITES_STATE)); /* errno = 1 */
	CHECK(b && b->body == DIG_BODY_RET_NULL);
	CHECK(c && c->body == (DIG_BODY_RET_NULL | DIG_BODY_RET_OTHER | DIG_BODY_STATIC | DIG_BODY_RET_VAR));
	/* a status constant reads no variable; a file-scope counter is one, and `++` writes it;
	 * a store through a parameter writes no shared state, only what the parameter
	 * points to */
	CHECK(g && g->body == (DIG_BODY_RET_NULL | DIG_BODY_RET_OTHER));
	CHECK(h && h->body == (DIG_BODY_RET_OTHER | DIG_BODY_RET_VAR | DIG_BODY_WRITES_STATE));
	CHECK(u && u->body == (DIG_BODY_RET_NULL | DIG_BODY_WRITES_THROUGH));
	CHECK(d && d->body == DIG_BODY_RET_OTHER);   /* 0x10 is no zero */
	CHECK(e && e->body_parsed && e->body == 0);  /* a bare return returns nothing */
	dig_file_free(f);
}

/* Evidence kinds. */
static void test_evidence(void)
{
	struct dig_file *f = scan_snippet(
		"#define ROUNDUP(x, a) (((x) + (a) - 1) & ~((a) - 1))\n"
		"#define FREEFILL 0xa5a5a5a5\n"
		"static pthread_mutex_t heap_lock;\n"
		"static struct block *blocks;\n"
		"struct zone { simple_lock_data_t lock; int n; };\n"
		"static _Atomic int refs;\n"
		"void *f(size_t n, void *p) {\n"
		"\tn = (n + 15) & ~(size_t)15;\n"
		"\tmemset(p, 0xa5, n);\n"
		"\tmemset(p, 0, n);\n"
		"\t*(unsigned *)p = 0xdeadbeef;\n"
		"\t__sync_fetch_and_add(&refs, 1);\n"
		"\treturn p;\n"
		"}\n");

	CHECK(f != NULL);
	CHECK_EQ(count_evidence(f, DIG_EV_ALIGN_MASK, NULL), 2);   /* ROUNDUP and the inline mask */
	CHECK_EQ(count_evidence(f, DIG_EV_ALIGN_MASK, "ROUNDUP"), 1);
	CHECK_EQ(count_evidence(f, DIG_EV_MAGIC_FILL, "0xa5a5a5a5"), 1);
	CHECK_EQ(count_evidence(f, DIG_EV_MAGIC_FILL, "0xa5"), 1);  /* memset fill byte */
	CHECK_EQ(count_evidence(f, DIG_EV_MAGIC_FILL, "0"), 0);     /* zeroing is no poison */
	CHECK_EQ(count_evidence(f, DIG_EV_MAGIC_FILL, "0xdeadbeef"), 1);
	CHECK_EQ(count_evidence(f, DIG_EV_LOCK_DECL, "pthread_mutex_t"), 1);
	CHECK_EQ(count_evidence(f, DIG_EV_LOCK_DECL, "simple_lock_data_t"), 1);
	CHECK_EQ(count_evidence(f, DIG_EV_LOCK_DECL, "struct block"), 0);   /* "block" is no lock */
	CHECK(count_evidence(f, DIG_EV_ATOMIC, "_Atomic") >= 1);
	CHECK_EQ(count_evidence(f, DIG_EV_ATOMIC, "__sync_fetch_and_add"), 1);
	for (uint32_t i = 0; f && i < f->nevidence; i++)
		if (f->evidence[i].kind == DIG_EV_MAGIC_FILL && strcmp(f->evidence[i].token, "0xdeadbeef") == 0) {
			CHECK_EQ(f->evidence[i].line, 11);
			CHECK_STREQ(f->evidence[i].text, "*(unsigned *)p = 0xdeadbeef;");
			CHECK_EQ(f->evidence[i].func, func_index(f, "f"));
		}
	dig_file_free(f);
}

/* A call that is a statement of its own (maybe in parentheses or cast to void) has its
 * value discarded; one whose value is assigned, returned, tested or passed on has not. */
static void test_discarded(void)
{
	static const char src[] =
		"void *heap_alloc(unsigned n)\n"
		"{\n"
		"\tvoid *p = grab(n);\n"
		"\tif (!p) {\n"
		"\t\tfailed_hook();\n"
		"\t\t(void)trace_fail(n);\n"
		"\t\t(note(n));\n"
		"\t\treturn wrap(other(n));\n"
		"\t}\n"
		"\tcheck(p) ? keep(p) : drop(p);\n"
		"\treturn p;\n"
		"}\n";
	struct dig_file *f = dig_scan_buffer("d.c", src, sizeof src - 1, 0);
	const char *discarded[] = { "failed_hook", "trace_fail", "note" };
	const char *used[] = { "grab", "wrap", "other", "check", "keep", "drop" };

	CHECK(f && f->status == DIG_FILE_OK);
	for (size_t i = 0; i < sizeof discarded / sizeof *discarded; i++)
		CHECK_MSG(find_call(f, discarded[i], 0) && find_call(f, discarded[i], 0)->discarded == 1, "%s", discarded[i]);
	for (size_t i = 0; i < sizeof used / sizeof *used; i++)
		CHECK_MSG(find_call(f, used[i], 0) && find_call(f, used[i], 0)->discarded == 0, "%s", used[i]);
	dig_file_free(f);
}

/* The lexer (a file that names no deep word) says discarded as the parser does for a
 * call that starts a statement -- after ; { } else do, an if/while/for head or a cast --
 * and is followed by ';'; a call in a for head, an assignment, a return, a condition or
 * an argument is used. */
static void test_discarded_lexed(void)
{
	static const char src[] =
		"int setup()\n"
		"{\n"
		"\tint i, n;\n"
		"\tfill_table();\n"
		"\tif (ready()) kick(1);\n"
		"\telse poke(2);\n"
		"\twhile (more()) step(3);\n"
		"\tfor (i = start(); i < limit(); i++) tick(i);\n"
		"\tdo spin(); while (busy());\n"
		"\t(void)trace_it(n);\n"
		"\tn = count();\n"
		"\tn += (long) widen(n);\n"
		"\tobj->method(n);\n"
		"\treturn last(n) + first();\n"
		"}\n";
	static const char *const never[] = { "strata_test_no_such_word" };
	struct dig_scan_opts o;
	const char *discarded[] = { "fill_table", "kick", "poke", "step", "tick", "spin", "trace_it" };
	const char *used[] = { "ready", "more", "start", "limit", "busy", "count", "widen", "last", "first" };
	struct dig_file *f;

	memset(&o, 0, sizeof o);
	o.deep_words = never;
	o.ndeep_words = 1;
	f = dig_scan_buffer_opts("l.c", src, sizeof src - 1, &o);
	CHECK(f && f->status == DIG_FILE_OK && f->shallow);
	for (size_t i = 0; i < sizeof discarded / sizeof *discarded; i++)
		CHECK_MSG(find_call(f, discarded[i], 0) && find_call(f, discarded[i], 0)->discarded == 1, "%s", discarded[i]);
	for (size_t i = 0; i < sizeof used / sizeof *used; i++)
		CHECK_MSG(find_call(f, used[i], 0) && find_call(f, used[i], 0)->discarded == 0, "%s", used[i]);
	dig_file_free(f);
}

/* A call in a while or do-while condition is in a loop's condition (DIG_FLOW_LOOP), as
 * the parser and the lexer both say it; one in the loop's body, an if condition or a for
 * head is not. */
static void test_loop_flow(void)
{
	static const char src[] =
		"int drain()\n"
		"{\n"
		"\tlong n, i = 0;\n"
		"\twhile (take()) i++;\n"
		"\twhile ((n = next()) != 0) { check(n); }\n"
		"\tdo spin(); while (busy(poll()));\n"
		"\tif (ready()) i--;\n"
		"\tfor (n = start(); more(n); n++) step(n);\n"
		"\treturn (int)i;\n"
		"}\n";
	static const char *const never[] = { "strata_test_no_such_word" };
	const char *loop[] = { "take", "next", "busy", "poll" };
	const char *other[] = { "check", "spin", "ready", "start", "more", "step" };
	struct dig_scan_opts o;

	memset(&o, 0, sizeof o);
	o.deep_words = never;
	o.ndeep_words = 1;
	for (int lexed = 0; lexed < 2; lexed++) {
		struct dig_file *f = lexed ? dig_scan_buffer_opts("w.c", src, sizeof src - 1, &o)
		                           : dig_scan_buffer("w.c", src, sizeof src - 1, 0);
		CHECK(f && f->status == DIG_FILE_OK && f->shallow == lexed);
		for (size_t i = 0; i < sizeof loop / sizeof *loop; i++)
			CHECK_MSG(find_call(f, loop[i], 0) && (find_call(f, loop[i], 0)->flow & DIG_FLOW_LOOP), "%s (lexed %d)",
			          loop[i], lexed);
		for (size_t i = 0; i < sizeof other / sizeof *other; i++)
			CHECK_MSG(find_call(f, other[i], 0) && !(find_call(f, other[i], 0)->flow & DIG_FLOW_LOOP),
			          "%s (lexed %d)", other[i], lexed);
		dig_file_free(f);
	}
}

/* Run every case. */
/* Return and parameter types around a `)`: the words after a macro line in front with no
 * semicolon are the type; a `)` inside the type itself (a GNU attribute, `__typeof__`) on
 * the same line keeps the whole span. */
static void test_types_after_paren(void)
{
	struct dig_file *f = scan_snippet(
		"#define __iomem\n"
		"#define hidden_proto(name)\n"
		"hidden_proto(pool_take)\n"
		"void *pool_take(unsigned long n)\n"
		"{\n"
		"\treturn 0;\n"
		"}\n"
		"void __attribute__((weak)) __iomem *map_region(unsigned long a)\n"
		"{\n"
		"\treturn 0;\n"
		"}\n"
		"int __attribute__((weak)) __init setup_pool(void)\n"
		"{\n"
		"\treturn 0;\n"
		"}\n");
	const struct dig_func *t = find_func(f, "pool_take");
	const struct dig_func *m = find_func(f, "map_region");
	const struct dig_func *s = find_func(f, "setup_pool");

	CHECK(t && m && s);
	if (t)
		CHECK_STREQ(t->return_type, "void *");
	if (m) {
		CHECK(m->returns_pointer);
		CHECK(strncmp(m->return_type, "void ", 5) == 0);
	}
	if (s)
		CHECK(strncmp(s->return_type, "int", 3) == 0);
	dig_file_free(f);
}

int main(void)
{
	test_globals();
	test_functions();
	test_bodies();
	test_evidence();
	test_discarded();
	test_discarded_lexed();
	test_loop_flow();
	test_types_after_paren();
	return check_done();
}

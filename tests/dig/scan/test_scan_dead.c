/*
 * tests/dig/scan/test_scan_dead.c: #if 0 bodies are dead (marked, counted, not lost);
 * their #else is live; #if 1 kills its #else; #ifdef notdef is live; nesting inside a dead
 * branch stays dead.
 */
#include "scan_test.h"

/* Mark every fact inside #if 0 and count lines and calls. */
static void test_if0(void)
{
	struct dig_file *f = scan_snippet(
		"void a(void) { live1(); }\n"          /* 1 */
		"#if 0\n"                              /* 2 */
		"void b(void) { dead1(); }\n"          /* 3 */
		"#ifdef X\n"                           /* 4 */
		"int dead_var;\n"                      /* 5 */
		"#endif\n"                             /* 6 */
		"#else\n"                              /* 7 */
		"void c(void) { live2(); }\n"          /* 8 */
		"#endif\n"                             /* 9 */
		"#ifdef notdef\n"                      /* 10 */
		"void d(void) { live3(); }\n"          /* 11 */
		"#endif\n"                             /* 12 */
		"#if 1\n"                              /* 13 */
		"void e(void) { live4(); }\n"          /* 14 */
		"#else\n"                              /* 15 */
		"void g(void) { dead2(); }\n"          /* 16 */
		"#endif\n"                             /* 17 */
		"void h(void) {\n"                     /* 18 */
		"#if (0)\n"                            /* 19 */
		"\tdead3();\n"                         /* 20 */
		"#elif 0\n"                            /* 21 */
		"\tdead4();\n"                         /* 22 */
		"#else\n"                              /* 23 */
		"\tlive5();\n"                         /* 24 */
		"#endif\n"                             /* 25 */
		"}\n");

	CHECK(f != NULL);
	if (!f)
		return;
	const char *live[] = { "live1", "live2", "live3", "live4", "live5" };
	const char *dead[] = { "dead1", "dead2", "dead3", "dead4" };
	for (size_t i = 0; i < 5; i++) {
		const struct dig_call *c = find_call(f, live[i], 0);
		CHECK_MSG(c && c->dead == 0, "%s should be a live call", live[i]);
	}
	for (size_t i = 0; i < 4; i++) {
		const struct dig_call *c = find_call(f, dead[i], 0);
		CHECK_MSG(c && c->dead == 1, "%s should be a dead call", dead[i]);
	}
	CHECK_EQ(f->dead_calls, 4);
	/* Dead lines: 3-6, 16, 20-22 (the #elif line sits inside the dead group). */
	CHECK_EQ(f->dead_lines, 4 + 1 + 3);
	CHECK(find_func(f, "b") && find_func(f, "b")->dead == 1);
	CHECK(find_func(f, "g") && find_func(f, "g")->dead == 1);
	CHECK(find_func(f, "c") && find_func(f, "c")->dead == 0);
	CHECK(find_func(f, "d") && find_func(f, "d")->dead == 0);
	CHECK(find_global(f, "dead_var") && find_global(f, "dead_var")->dead == 1);
	dig_file_free(f);
}

/* Dead evidence is marked too, so features can exclude it. */
static void test_dead_evidence(void)
{
	struct dig_file *f = scan_snippet(
		"#if 0\n"
		"static pthread_mutex_t m;\n"
		"#define POISON 0xdeadbeef\n"
		"#endif\n"
		"static spinlock_t s;\n");

	CHECK(f != NULL);
	int dead_locks = 0, live_locks = 0;
	for (uint32_t i = 0; f && i < f->nevidence; i++) {
		if (f->evidence[i].kind != DIG_EV_LOCK_DECL)
			continue;
		if (f->evidence[i].dead)
			dead_locks++;
		else
			live_locks++;
	}
	CHECK_EQ(dead_locks, 1);
	CHECK_EQ(live_locks, 1);
	CHECK(find_macro(f, "POISON") && find_macro(f, "POISON")->dead == 1);
	CHECK_EQ(count_evidence(f, DIG_EV_MAGIC_FILL, NULL), 0);  /* dead macro bodies are not read */
	dig_file_free(f);
}

/* Text hidden from the parser: C++-only branches and the #else of a conditional whose
 * branches do not balance their braces. Nothing that is C in the first branch is lost,
 * and the function around the conditional keeps its extent. */
static void test_hidden(void)
{
	struct dig_file *f = scan_snippet(
		"#ifdef __cplusplus\n"
		"extern \"C\" {\n"
		"#endif\n"
		"void f(void) { a(); }\n"
		"#ifdef __cplusplus\n"
		"}\n"
		"#endif\n"
		"int g(int x) {\n"
		"#ifdef FOO\n"
		"\tif (x) {\n"
		"#else\n"
		"\tif (!x) {\n"
		"#endif\n"
		"\t\tb();\n"
		"\t}\n"
		"\treturn c();\n"
		"}\n");

	CHECK(f != NULL);
	CHECK(find_call(f, "a", 0) && find_call(f, "a", 0)->func == func_index(f, "f"));
	CHECK(find_call(f, "b", 0) && find_call(f, "b", 0)->func == func_index(f, "g"));
	CHECK(find_call(f, "c", 0) && find_call(f, "c", 0)->func == func_index(f, "g"));
	CHECK(find_func(f, "g") && find_func(f, "g")->end_line == 17);
	CHECK(!func_uses(find_func(f, "g"), "FOO"));   /* a condition's name is no use */
	CHECK_EQ(f ? f->dead_lines : 1, 0);         /* hidden is not dead */
	dig_file_free(f);
}

/* Run every case. */
int main(void)
{
	test_if0();
	test_dead_evidence();
	test_hidden();
	return check_done();
}

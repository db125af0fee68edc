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

/* Is the first call to `name` dead (1), live (0), or missing (-1)? */
static int call_dead(const struct dig_file *f, const char *name)
{
	const struct dig_call *c = find_call(f, name, 0);
	return c ? c->dead : -1;
}

/* Conditions the file decides: a value #defined (for sure) above, #undef, the operators of
 * #if; and what stays unknown (live): names the file never defines, names defined only
 * under an unknown condition, function-like macros, what an #include may define. */
static void test_conditions(void)
{
	struct dig_file *f = scan_snippet(
		"#define DEBUG 0\n"                                 /* 1 */
		"#define VERSION 3\n"                               /* 2 */
		"#define LEVEL (VERSION * 2 + 1)\n"                 /* 3 */
		"void f(void) {\n"                                  /* 4 */
		"#if DEBUG\n"                                       /* 5 */
		"\tdead_debug();\n"                                  /* 6 */
		"#else\n"                                           /* 7 */
		"\tlive_nodebug();\n"                                /* 8 */
		"#endif\n"                                          /* 9 */
		"#if VERSION >= 2 && defined(VERSION) && LEVEL == 7\n" /* 10 */
		"\tlive_v2();\n"                                     /* 11 */
		"#elif VERSION == 1\n"                              /* 12 */
		"\tdead_v1();\n"                                     /* 13 */
		"#else\n"                                           /* 14 */
		"\tdead_v0();\n"                                     /* 15 */
		"#endif\n"                                          /* 16 */
		"#ifdef KERNEL\n"                                   /* 17: never defined here */
		"\tlive_kernel();\n"                                 /* 18 */
		"#else\n"                                           /* 19 */
		"\tlive_user();\n"                                   /* 20 */
		"#endif\n"                                          /* 21 */
		"}\n"                                               /* 22 */
		"#ifdef KERNEL\n"                                   /* 23 */
		"#define NBUF 8\n"                                  /* 24 */
		"#else\n"                                           /* 25 */
		"#define NBUF 0\n"                                  /* 26 */
		"#endif\n"                                          /* 27 */
		"#undef VERSION\n"                                  /* 28 */
		"void g(void) {\n"                                  /* 29 */
		"#if NBUF > 0\n"                                    /* 30: NBUF is unknown */
		"\tlive_nbuf();\n"                                   /* 31 */
		"#endif\n"                                          /* 32 */
		"#ifdef VERSION\n"                                  /* 33: undefined for sure */
		"\tdead_version();\n"                                /* 34 */
		"#endif\n"                                          /* 35 */
		"#if HAS(x) || (1 << 4) != 16\n"                     /* 36: a function-like call */
		"\tlive_has();\n"                                    /* 37 */
		"#endif\n"                                          /* 38 */
		"#if UNKNOWN_A\n"                                   /* 39 */
		"\tlive_a();\n"                                      /* 40 */
		"#elif 1 || UNKNOWN_B\n"                            /* 41 */
		"\tlive_b();\n"                                      /* 42 */
		"#else\n"                                           /* 43 */
		"\tdead_c();\n"                                      /* 44 */
		"#endif\n"                                          /* 45 */
		"#if 0 && UNKNOWN_C\n"                              /* 46 */
		"\tdead_d();\n"                                      /* 47 */
		"#endif\n"                                          /* 48 */
		"}\n"                                               /* 49 */
		"#include \"config.h\"\n"                           /* 50: may define VERSION */
		"#ifndef VERSION\n"                                 /* 51 */
		"void h(void) { live_config(); }\n"                 /* 52 */
		"#endif\n");                                        /* 53 */

	CHECK(f != NULL);
	const char *live[] = { "live_nodebug", "live_v2", "live_kernel", "live_user", "live_nbuf",
	                       "live_has", "live_a", "live_b", "live_config" };
	const char *dead[] = { "dead_debug", "dead_v1", "dead_v0", "dead_version", "dead_c", "dead_d" };
	for (size_t i = 0; i < sizeof live / sizeof live[0]; i++)
		CHECK_MSG(call_dead(f, live[i]) == 0, "%s should be live", live[i]);
	for (size_t i = 0; i < sizeof dead / sizeof dead[0]; i++)
		CHECK_MSG(call_dead(f, dead[i]) == 1, "%s should be dead", dead[i]);
	CHECK_EQ(f ? f->dead_branches : 0, 6);
	CHECK_EQ(f ? f->dead_calls : 0, 6);
	dig_file_free(f);
}

/* A header's include guard (#ifndef NAME first, #define NAME next) does not make what it
 * guards unsure: the header's own values decide its conditions. A define inside any other
 * unknown #ifndef does not. */
static void test_guard(void)
{
	struct dig_file *f = scan_snippet(
		"/* a header */\n"
		"#ifndef PARAM_H\n"
		"#define PARAM_H\n"
		"#define NPROC 64\n"
		"#if NPROC > 32\n"
		"int big(void) { return live_big(); }\n"
		"#else\n"
		"int small(void) { return dead_small(); }\n"
		"#endif\n"
		"#ifndef NOFILE\n"
		"#define NOFILE 20\n"
		"#endif\n"
		"#if NOFILE > 10\n"
		"int files(void) { return live_files(); }\n"
		"#else\n"
		"int nofiles(void) { return live_nofiles(); }\n"
		"#endif\n"
		"#endif\n");

	CHECK(f != NULL);
	CHECK(call_dead(f, "live_big") == 0);
	CHECK(call_dead(f, "dead_small") == 1);
	CHECK(find_func(f, "small") && find_func(f, "small")->dead == 1);
	CHECK(call_dead(f, "live_files") == 0 && call_dead(f, "live_nofiles") == 0);
	dig_file_free(f);

	/* code before the #ifndef: no guard, NPROC is defined under an unknown condition */
	f = scan_snippet(
		"int x;\n"
		"#ifndef PARAM_H\n"
		"#define PARAM_H\n"
		"#define NPROC 64\n"
		"#endif\n"
		"#if NPROC > 32\n"
		"int big(void) { return live_big(); }\n"
		"#else\n"
		"int small(void) { return live_small(); }\n"
		"#endif\n");
	CHECK(call_dead(f, "live_big") == 0 && call_dead(f, "live_small") == 0);
	dig_file_free(f);
}

/* Run every case. */
int main(void)
{
	test_if0();
	test_dead_evidence();
	test_hidden();
	test_conditions();
	test_guard();
	return check_done();
}

/*
 * tests/dig/scan/test_scan_macro.c: macro renames at call sites and definition sites.
 * A macro applies from its #define to its #undef, in the same file only; calls before the
 * #define keep their written name; a dead (#if 0) #define renames nothing.
 */
#include "scan_test.h"

/* Function-like and object-like call-site renames, their scope, and chains. */
static void test_call_site(void)
{
	struct dig_file *f = scan_snippet(
		"void early(void) { malloc(1); }\n"                         /* 1: before: plain */
		"#define malloc(x) Malloc(x, __FILE__, __LINE__)\n"        /* 2 */
		"#define free _ast_free\n"                                 /* 3 */
		"#define xalloc yalloc\n"                                  /* 4 */
		"#define yalloc zalloc\n"                                  /* 5 */
		"#define P(x) x\n"                                         /* 6: not a rename */
		"void f(int n) {\n"                                        /* 7 */
		"\tchar *p = malloc(n);\n"                                 /* 8 */
		"\tfree(p);\n"                                             /* 9 */
		"\txalloc(n);\n"                                           /* 10 */
		"}\n"
		"#undef malloc\n"                                          /* 12 */
		"void g(void) { malloc(2); }\n"                            /* 13 */
		"#if 0\n"
		"#define kalloc badname\n"
		"#endif\n"
		"void h(void) { kalloc(3); }\n");
	const struct dig_call *c;

	CHECK(f != NULL);
	c = find_call(f, "malloc", 0);
	CHECK(c && c->line == 1 && c->via_macro == NULL);
	c = find_call(f, "Malloc", 0);
	CHECK(c != NULL);
	if (c) {
		CHECK_EQ(c->line, 8);
		CHECK_STREQ(c->written, "malloc");
		CHECK_STREQ(c->via_macro, "malloc");
		CHECK_EQ(c->nargs, 1);
		CHECK_EQ(c->func, func_index(f, "f"));
	}
	c = find_call(f, "_ast_free", 0);
	CHECK(c && strcmp(c->via_macro, "free") == 0 && strcmp(c->written, "free") == 0);
	c = find_call(f, "zalloc", 0);
	CHECK(c && strcmp(c->via_macro, "xalloc") == 0);       /* a chain, first macro named */
	c = find_call(f, "malloc", 1);
	CHECK(c && c->line == 13 && c->via_macro == NULL);     /* after #undef */
	CHECK_EQ(count_calls(f, "Malloc"), 1);
	CHECK(find_call(f, "kalloc", 0) != NULL);             /* dead #define: no rename */
	CHECK_EQ(count_calls(f, "badname"), 0);
	const struct dig_macro *m = find_macro(f, "malloc");
	CHECK(m && m->function_like && m->nparams == 1 && strcmp(m->renames_to, "Malloc") == 0);
	CHECK(m && strcmp(m->body, "Malloc(x, __FILE__, __LINE__)") == 0);
	m = find_macro(f, "P");
	CHECK(m && m->renames_to == NULL);
	m = find_macro(f, "kalloc");
	CHECK(m && m->dead == 1);
	dig_file_free(f);
}

/* A macro whose body starts with a statement keyword is no rename: the call inside its
 * argument is the call (openmach's `MACH_CALL(vm_allocate(...), r)`). */
static void test_statement_macro(void)
{
	struct dig_file *f = scan_snippet(
		"#define MACH_CALL(expr, ret) if (((ret) = (expr)) != 0) quit(ret)\n"
		"#define LOOP(n) while (n--) tick()\n"
		"int more(int n) { int r; MACH_CALL(vm_allocate(n), r); LOOP(n); return r; }\n");
	CHECK(f && find_macro(f, "MACH_CALL") && find_macro(f, "MACH_CALL")->renames_to == NULL);
	CHECK(f && find_macro(f, "LOOP") && find_macro(f, "LOOP")->renames_to == NULL);
	CHECK(f && count_calls(f, "if") == 0 && count_calls(f, "while") == 0);
	CHECK(f && find_call(f, "MACH_CALL", 0) && find_call(f, "vm_allocate", 0));
	dig_file_free(f);
}

/* Definition-site renames through object-like macros. */
static void test_definition_site(void)
{
	struct dig_file *f = scan_snippet(
		"#define malloc _ast_malloc\n"
		"void *malloc(size_t n) { return sbrk(n); }\n"
		"#define LMALLOC malloc\n"
		"char *LMALLOC(n) unsigned n; { return 0; }\n"
		"#define LFREE free\n"
		"char *\n"
		"LFREE(p)\n"
		"char *p;\n"
		"{ brk(p); }\n");
	const struct dig_func *a = find_func(f, "_ast_malloc");

	CHECK(a != NULL);
	CHECK(a && strcmp(a->written_name, "malloc") == 0);
	CHECK(find_func(f, "LMALLOC") == NULL);
	/* LMALLOC -> malloc -> _ast_malloc: both macros are active at that line. */
	const struct dig_func *b = NULL;
	for (uint32_t i = 0; f && i < f->nfuncs; i++)
		if (strcmp(f->funcs[i].written_name, "LMALLOC") == 0)
			b = &f->funcs[i];
	CHECK(b && strcmp(b->name, "_ast_malloc") == 0);
	const struct dig_func *c = find_func(f, "free");
	CHECK(c && strcmp(c->written_name, "LFREE") == 0 && c->knr == 1 && c->returns_pointer);
	CHECK(find_call(f, "brk", 0) && find_call(f, "brk", 0)->func == func_index(f, "free"));
	dig_file_free(f);
}

/* A function-like macro that passes its arguments on renames a definition too; one that
 * adds arguments does not (the definition would not compile under it). */
static void test_definition_pure(void)
{
	struct dig_file *f = scan_snippet(
		"#define kmem_alloc(size, flags) kmem_alloc_debug(size, flags)\n"
		"#define malloc(x) Malloc(x, __FILE__, __LINE__)\n"
		"#define vprintf(...) my_vprintf(__VA_ARGS__)\n"
		"void *kmem_alloc(unsigned long size, int flags) { return page_alloc(size); }\n"
		"void *malloc(unsigned long n) { return kmem_alloc(n, 0); }\n"
		"int vprintf(const char *fmt, ...) { return 0; }\n");

	CHECK(find_func(f, "kmem_alloc_debug") && strcmp(find_func(f, "kmem_alloc_debug")->written_name, "kmem_alloc") == 0);
	CHECK(find_func(f, "kmem_alloc") == NULL);
	CHECK(find_func(f, "malloc") != NULL && find_func(f, "Malloc") == NULL);
	CHECK(find_func(f, "my_vprintf") != NULL);
	CHECK(find_call(f, "kmem_alloc_debug", 0) && find_call(f, "kmem_alloc_debug", 0)->func == func_index(f, "malloc"));
	dig_file_free(f);
}

/* Scope is the file: a macro in another buffer does not reach this one. */
static void test_file_scope(void)
{
	struct dig_file *h = scan_snippet("#define malloc(x) Malloc(x)\n");
	struct dig_file *c = scan_snippet("void f(void) { malloc(1); }\n");

	CHECK(find_macro(h, "malloc") != NULL);
	CHECK(find_call(c, "malloc", 0) != NULL);
	CHECK_EQ(count_calls(c, "Malloc"), 0);
	dig_file_free(h);
	dig_file_free(c);
}

/* Has the macro a body call to `name`? */
static int macro_calls(const struct dig_macro *m, const char *name)
{
	for (uint32_t k = 0; m && k < m->ncalls; k++)
		if (strcmp(m->calls[k], name) == 0)
			return 1;
	return 0;
}

/* A statement macro's body calls (what a use of it calls), and the #undef lines. */
static void test_body_calls(void)
{
	struct dig_file *f = scan_snippet(
		"#define MALLOC(p, t, s, ty, fl) (p) = (t)malloc((s), (ty), (fl))\n"
		"#define MGET(m, how, type) do { MALLOC((m), struct mbuf *, MSIZE, 0, (how)); \\\n"
		"\tif (m) (m)->m_type = (type); else (m) = m_retry((how), (type)); } while (0)\n"
		"#define KASSERT(e) ((e) ? (void)0 : panic(\"assert %s(\", #e))\n"
		"#define CALLF(x, fn) x->ops->alloc(x, sizeof(struct foo)) + fn(1) + x.g(2) + CALLF(x, fn)\n"
		"#define PASTE(a) a##_alloc(1) + a ## b(2)\n"
		"#undef KASSERT\n"
		"#undef NOTHERE\n"
		"#define GLUE(n) mem_ ## alloc (n) + #n (3)\n");
	const struct dig_macro *m = find_macro(f, "MALLOC");

	CHECK(m && m->ncalls == 1 && macro_calls(m, "malloc") && m->renames_to == NULL);
	m = find_macro(f, "MGET");
	CHECK(m && m->ncalls == 2 && macro_calls(m, "MALLOC") && macro_calls(m, "m_retry"));
	m = find_macro(f, "KASSERT");
	CHECK(m && m->ncalls == 1 && macro_calls(m, "panic") && m->undef_line == 7);  /* not "assert" */
	m = find_macro(f, "CALLF");    /* fields, parameters and itself are no calls */
	CHECK(m && m->ncalls == 0);
	m = find_macro(f, "PASTE");    /* a name pasted from a parameter: a template (`#0#` for a) */
	CHECK(m && m->ncalls == 2 && macro_calls(m, "#0#_alloc") && macro_calls(m, "#0#b"));
	m = find_macro(f, "GLUE");     /* pasted from words alone: the whole name; `#n` is a string */
	CHECK(m && m->ncalls == 1 && macro_calls(m, "mem_alloc"));
	CHECK(find_macro(f, "MALLOC") && find_macro(f, "MALLOC")->undef_line == 0);
	CHECK(f && f->nundefs == 2 && strcmp(f->undefs[0].name, "KASSERT") == 0 && f->undefs[0].line == 7 &&
	      strcmp(f->undefs[1].name, "NOTHERE") == 0);
	dig_file_free(f);
}

/* Run every case. */
int main(void)
{
	test_body_calls();
	test_definition_pure();
	test_call_site();
	test_definition_site();
	test_statement_macro();
	test_file_scope();
	return check_done();
}

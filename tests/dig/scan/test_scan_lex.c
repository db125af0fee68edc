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
	/* a macro call alone at file scope: pp.c hides it from the parser and keeps it as a
	 * file-scope call (no enclosing function), the same whichever pass reads the file */
	CHECK_EQ(count_calls(s, "DECLARE_THING"), 1);
	CHECK(find_call(s, "DECLARE_THING", 0) && find_call(s, "DECLARE_THING", 0)->func == -1);
	CHECK(find_func(s, "proto") == NULL);
	CHECK(find_macro(s, "log") != NULL);
	CHECK_EQ(count_evidence(s, DIG_EV_INCLUDE, "<stdio.h>"), 1);
out:
	dig_file_free(s);
	dig_file_free(d);
}

/* Scan a snippet with one deep word. */
static struct dig_file *with_word(const char *word, const char *text)
{
	const char *const words[] = { word };
	struct dig_scan_opts o;

	memset(&o, 0, sizeof(o));
	o.deep_words = words;
	o.ndeep_words = 1;
	return dig_scan_buffer_opts("words.c", text, strlen(text), &o);
}

/* Does a definition named `name` count as deep under `pattern`? */
static int defines_deep(const char *pattern, const char *name)
{
	char text[256];

	snprintf(text, sizeof(text), "void *%s(unsigned long n)\n{\n\treturn take(n);\n}\n", name);
	struct dig_file *f = with_word(pattern, text);
	int deep = f && f->shallow == 0;
	dig_file_free(f);
	return deep;
}

/* A dispatch's struct type, as the parser gives it, when its object is a parameter or a
 * file-scope variable one hop away; none through a longer chain or a local. */
static void test_dispatch_types(void)
{
	static const char *const text =
		"static const struct ops *g_ops;\n"
		"int f(const struct pool *p, int n)\n"
		"{\n"
		"\tstruct lane *l = 0;\n"
		"\treturn p->grab(n) + g_ops->take(n) + p->a->b(n) + l->c(n);\n"
		"}\n";
	struct dig_file *s = shallow(text), *d = scan_snippet(text);
	static const char *const want[][2] = { { "grab", "struct pool" }, { "take", "struct ops" },
	                                       { "b", NULL }, { "c", "struct lane" } };
	CHECK(s && d && s->shallow == 1);
	for (size_t i = 0; s && d && i < sizeof(want) / sizeof(want[0]); i++) {
		const struct dig_call *a = find_call(s, want[i][0], 0), *b = find_call(d, want[i][0], 0);
		CHECK(a && b && a->kind == DIG_CALL_DISPATCH);
		if (!a || !b)
			continue;
		if (i < 3) {   /* parameter, global, two hops: as the parser */
			CHECK_MSG((!a->dispatch_type && !b->dispatch_type) ||
			          (a->dispatch_type && b->dispatch_type && strcmp(a->dispatch_type, b->dispatch_type) == 0),
			          "%s: lexer %s, parser %s", want[i][0], a->dispatch_type ? a->dispatch_type : "-",
			          b->dispatch_type ? b->dispatch_type : "-");
			CHECK(want[i][1] ? a->dispatch_type && strcmp(a->dispatch_type, want[i][1]) == 0 : !a->dispatch_type);
		} else {       /* a local: the parser knows it, the lexer does not */
			CHECK(b->dispatch_type && strcmp(b->dispatch_type, want[i][1]) == 0 && !a->dispatch_type);
		}
	}
	dig_file_free(s);
	dig_file_free(d);
}

/* Deep words are the vocabulary's patterns: '*' at either end is a wildcard, matching is
 * case-blind, whole identifiers, and leading underscores are an alias's. */
static void test_word_patterns(void)
{
	CHECK(defines_deep("*alloc*", "kmem_alloc_wired"));
	CHECK(defines_deep("*alloc*", "KALLOC"));
	CHECK(defines_deep("*alloc*", "alloc"));
	CHECK(!defines_deep("*alloc*", "allo"));
	CHECK(defines_deep("*free", "kfree"));
	CHECK(defines_deep("*free", "free"));
	CHECK(!defines_deep("*free", "freelist"));
	CHECK(defines_deep("get_free_page*", "get_free_pages"));
	CHECK(!defines_deep("get_free_page*", "xget_free_page"));
	CHECK(defines_deep("sbrk", "sbrk"));
	CHECK(defines_deep("sbrk", "__sbrk"));
	CHECK(!defines_deep("sbrk", "xsbrk"));
	CHECK(!defines_deep("sbrk", "sbrk2"));
	CHECK(defines_deep("*", "anything"));
	CHECK(defines_deep("**", "anything"));
	CHECK(!defines_deep("zzz", "take"));         /* a call to take() is no definition */

	/* Several patterns at once: one automaton, failure links between them. */
	static const char *const many[] = { "kmem_alloc*", "*free", "sbrk", "*zget", "*memalign*" };
	static const struct { const char *name; int deep; } cases[] = {
		{ "kmem_alloc_wired", 1 }, { "kmem_free", 1 }, { "kmem_allo", 0 }, { "mem_alloc", 0 },
		{ "kkmem_alloc", 0 }, { "xzget", 1 }, { "zgetx", 0 }, { "posix_memalign_x", 1 },
		{ "memalig", 0 }, { "sbrkfree", 1 }, { "freeze", 0 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char text[256];
		struct dig_scan_opts o;
		memset(&o, 0, sizeof(o));
		o.deep_words = many;
		o.ndeep_words = (int)(sizeof(many) / sizeof(many[0]));
		snprintf(text, sizeof(text), "void *%s(unsigned long n)\n{\n\treturn take(n);\n}\n", cases[i].name);
		struct dig_file *f = dig_scan_buffer_opts("many.c", text, strlen(text), &o);
		CHECK_MSG(f && (f->shallow == 0) == cases[i].deep, "%s: deep %d, want %d", cases[i].name,
		          f ? !f->shallow : -1, cases[i].deep);
		dig_file_free(f);
	}
}

/* How deep a file that mentions a deep word goes: calls by name only -> the lexer; a
 * definition named like one -> parsed whole; a deep word as a value (ops table, stored
 * pointer) or called through a field -> parsed (registrations, dispatch types). */
static void test_depth_levels(void)
{
	struct dig_file *f = with_word("*alloc*", "int f(void) { return kalloc(1); } /* kalloc */\n");
	CHECK(f && f->shallow == 1 && find_call(f, "kalloc", 0) && find_call(f, "kalloc", 0)->func == 0);
	dig_file_free(f);

	f = with_word("*alloc*", "static char *top;\nvoid *kalloc(unsigned long n) { return top; }\n");
	const struct dig_func *k = f ? find_func(f, "kalloc") : NULL;
	CHECK(f && f->shallow == 0 && k && k->nparams == 1 && strcmp(k->param_types[0], "unsigned long") == 0);
	CHECK(k && func_uses(k, "top"));
	dig_file_free(f);

	f = with_word("*alloc*", "struct ops { void *(*get)(int); };\nstatic struct ops o = { .get = kalloc, };\n");
	CHECK(f && f->shallow == 0 && find_reg(f, "kalloc") && strcmp(find_reg(f, "kalloc")->field, "get") == 0);
	dig_file_free(f);

	f = with_word("*alloc*", "int f(struct pool *p) { return p->palloc(1); }\n");
	const struct dig_call *c = f ? find_call(f, "palloc", 0) : NULL;
	CHECK(f && f->shallow == 0 && c && c->kind == DIG_CALL_DISPATCH && c->dispatch_type &&
	      strcmp(c->dispatch_type, "struct pool") == 0);
	dig_file_free(f);

	/* an alias line or an argument names one as a value: the parser reads the file scope
	 * (aliases) and that body */
	f = with_word("*malloc*", "static void dummy(int x) { }\nweak_alias(dummy, __malloc_atfork);\n"
	                          "void fork1(void) { __malloc_atfork(1); }\n");
	CHECK(f && f->shallow == 0);
	dig_file_free(f);
	f = with_word("*free*", "void drop(struct list *l) { list_walk(l, kfree); }\n");
	CHECK(f && f->shallow == 0);
	dig_file_free(f);

	f = with_word("kalloc", "int g(void) { return zalloc(1); } /* kallocs, xkalloc */\n");
	CHECK(f && f->shallow == 1 && find_call(f, "zalloc", 0) && find_func(f, "g"));
	dig_file_free(f);
}

/* Parameters read by the lexer: the parser's types and names (qualifiers dropped, pointer
 * and array levels as stars), `...` as type "...", (void) none, unnamed ones "". */
static void test_params(void)
{
	static const char *const text =
		"static char *pick(int a, const char *s, struct zone **zp, char buf[], void (*fn)(int)) { return s; }\n"
		"int logf(const char *fmt, ...) { return 0; }\n"
		"int none(void) { return 0; }\n"
		"int bare(int, char *) { return 0; }\n"
		"unsigned long sized(unsigned long n, size_t len) { return n + len; }\n";
	struct dig_file *s = shallow(text), *d = scan_snippet(text);

	CHECK(s && d && s->nfuncs == 5 && d->nfuncs == 5);
	for (uint32_t i = 0; s && d && i < s->nfuncs && i < d->nfuncs; i++) {
		const struct dig_func *a = &s->funcs[i], *b = &d->funcs[i];
		CHECK_MSG(a->nparams == b->nparams, "%s: %d params, parser %d", a->name, a->nparams, b->nparams);
		for (int k = 0; k < a->nparams && k < b->nparams; k++) {
			CHECK_MSG(strcmp(a->param_types[k], b->param_types[k]) == 0, "%s param %d: '%s', parser '%s'", a->name,
			          k, a->param_types[k], b->param_types[k]);
			CHECK_MSG(strcmp(a->param_names[k], b->param_names[k]) == 0, "%s param %d: '%s', parser '%s'", a->name,
			          k, a->param_names[k], b->param_names[k]);
		}
	}
	dig_file_free(s);
	dig_file_free(d);
}

/* File-scope variables read by the lexer: the parser's names, storage and arrays; no
 * typedefs, prototypes, struct tags or K&R parameter declarations. */
static void test_globals(void)
{
	static const char *const text =
		"typedef struct zone zone_t;\n"
		"struct zone { int size; char *free; };\n"
		"static struct zone *zlist[16], *zfirst;\n"
		"extern char *heap_top;\n"
		"int nzones = 4, zmax;\n"
		"static struct ops { int n; } zops = { 1 };\n"
		"void *zget(int);\n"
		"int (*zhook)(int);\n"
		"int knr(a) int a; { return a + nzones; }\n";
	struct dig_file *s = shallow(text), *d = scan_snippet(text);

	CHECK(s && d);
	CHECK_MSG(s && d && s->nglobals == d->nglobals, "%u globals, parser %u", s ? s->nglobals : 0, d ? d->nglobals : 0);
	for (uint32_t i = 0; s && d && i < s->nglobals && i < d->nglobals; i++) {
		const struct dig_global *a = &s->globals[i], *b = &d->globals[i];
		CHECK_MSG(strcmp(a->name, b->name) == 0 && a->is_static == b->is_static && a->is_extern == b->is_extern &&
		          a->is_array == b->is_array && a->is_fnptr == b->is_fnptr && a->line == b->line &&
		          a->dead == b->dead,
		          "global %u: %s s%d e%d a%d f%d @%u, parser %s s%d e%d a%d f%d @%u", i, a->name, a->is_static,
		          a->is_extern, a->is_array, a->is_fnptr, a->line, b->name, b->is_static, b->is_extern, b->is_array,
		          b->is_fnptr, b->line);
	}
	CHECK(s && find_global(s, "zhook") && find_global(s, "zhook")->is_fnptr && !find_global(s, "zfirst")->is_fnptr);
	CHECK(s && find_global(s, "heap_top") && find_global(s, "heap_top")->is_extern);
	CHECK(s && find_global(s, "zlist") && find_global(s, "zlist")->is_array && find_global(s, "zlist")->is_static);
	CHECK(s && !find_global(s, "zone_t") && !find_global(s, "zget") && !find_global(s, "a"));
	dig_file_free(s);
	dig_file_free(d);

	/* Code the lexer finds at file scope (braces it lost, a concatenated file) is no
	 * declaration: no variables from statements with operators, member access, keywords,
	 * or without a type word. */
	s = shallow("ap->ap_tblp = (char *) malloc(n);\nx = y + 1;\nreturn total;\nlone;\nint real;\n");
	CHECK(s && s->nglobals == 1 && find_global(s, "real"));
	dig_file_free(s);
}

/* K&R declaration lists with function-pointer parameters: the definition keeps its name
 * and its body (`void (*cont)();` is no prototype, `boolean_t (*demux)();` no name). */
static void test_knr_fptr(void)
{
	static const char *const text =
		"vm_return_t vm_page(obj, cont)\n"
		"\tvm_object_t obj;\n"
		"\tvoid (*cont)();\n"
		"{\n"
		"\tfirst(obj);\n"
		"}\n"
		"mach_msg_return_t\n"
		"server(demux, n)\n"
		"    boolean_t (*demux)();\n"
		"    int n;\n"
		"{\n"
		"\tsecond(n);\n"
		"}\n";
	struct dig_file *s = shallow(text), *d = scan_snippet(text);

	CHECK(s && d && s->nfuncs == 2 && d->nfuncs == 2);
	CHECK(s && find_func(s, "vm_page") && find_func(s, "server"));
	CHECK(s && find_call(s, "first", 0) && find_call(s, "first", 0)->func == func_index(s, "vm_page"));
	CHECK(s && find_call(s, "second", 0) && find_call(s, "second", 0)->func == func_index(s, "server"));
	for (uint32_t i = 0; s && d && i < s->nfuncs && i < d->nfuncs; i++) {
		CHECK_STREQ(s->funcs[i].name, d->funcs[i].name);
		CHECK_EQ(s->funcs[i].nparams, d->funcs[i].nparams);
	}
	dig_file_free(s);
	dig_file_free(d);
}

/* The calls of a partly lexed file (m) are those of the all-parsed one (d). */
static void same_calls(const struct dig_file *m, const struct dig_file *d)
{
	CHECK_EQ(m->ncalls, d->ncalls);
	for (uint32_t i = 0; i < m->ncalls && i < d->ncalls; i++)
		CHECK_MSG(strcmp(m->calls[i].callee, d->calls[i].callee) == 0 && m->calls[i].line == d->calls[i].line &&
		          m->calls[i].func == d->calls[i].func && m->calls[i].nargs == d->calls[i].nargs,
		          "call %u: mixed %s@%u f%d, parsed %s@%u f%d", i, m->calls[i].callee, m->calls[i].line,
		          m->calls[i].func, d->calls[i].callee, d->calls[i].line, d->calls[i].func);
}

/* In a file parsed for a deep word used as a value (the last line), bodies that mention
 * no deep word are read by the lexer while the parser still reads every definition's
 * header: the facts equal the all-parsed ones. */
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
		"static void tail(void) { last(); }\n"
		"static void *(*hook)(size_t) = kalloc;\n";
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
	same_calls(m, d);
	CHECK(find_call(m, "count", 0) && find_call(m, "count", 0)->func == func_index(m, "helper"));
	CHECK(find_call(m, "last", 0) && find_call(m, "last", 0)->func == func_index(m, "tail"));
out:
	dig_file_free(m);
	dig_file_free(d);
}

/* A file that defines a deep-named function: the parser reads that definition, the file's
 * functions it calls (transitively), those touching a file-scope static and those using a
 * deep word as a value or a field; every other body is read by the lexer (no
 * globals_used), and the calls are the all-parsed ones either way. */
static void test_definer_bodies(void)
{
	static const char *const words[] = { "*alloc*" };
	static const char *const text =
		"static char arena[1024];\n"
		"static int used;\n"
		"extern int limit;\n"
		"static int round8(int n) { return (n + 7) & ~7; }\n"
		"static void *carve(int n) { return note(round8(n), limit); }\n"
		"void *kalloc(int n) { return carve(n + limit); }\n"
		"int audit(void) { return check(used); }\n"
		"int report(int n) { return kalloc_count(limit) + other(n, 2); }\n"
		"void install(struct ops *o) { o->alloc = drop; }\n"
		"int bump(_Atomic int *p) { return atomic_fetch_add(p, 1); }\n"
		"void stamp(char *p, int n) { fill(p, n); p[0] = 0xdeadbeef; }\n"
		"void wipe(char *p, int n) { memset(p, 0xa5, n); }\n"
		"int send(void) { struct chan *c = open_chan(); return c->put(1); }\n";
	struct dig_scan_opts o;

	memset(&o, 0, sizeof(o));
	o.deep_words = words;
	o.ndeep_words = 1;
	struct dig_file *m = dig_scan_buffer_opts("definer.c", text, strlen(text), &o);
	struct dig_file *d = scan_snippet(text);
	CHECK(m && d && m->shallow == 0);
	if (!m || !d)
		goto out;
	CHECK_EQ(m->nfuncs, 10);
	CHECK(func_uses(find_func(m, "kalloc"), "limit"));           /* deep-named */
	CHECK(func_uses(find_func(m, "carve"), "limit"));            /* its helper */
	int ev = 0;                                                   /* the helper's helper */
	for (uint32_t i = 0; i < m->nevidence; i++)
		ev |= m->evidence[i].kind == DIG_EV_ALIGN_MASK && m->evidence[i].func == func_index(m, "round8");
	CHECK(ev);
	CHECK(func_uses(find_func(m, "audit"), "used"));             /* touches a static */
	int atomic = 0, magic = 0, fill = 0;                          /* evidence only the parser reads */
	for (uint32_t i = 0; i < m->nevidence; i++) {
		atomic |= m->evidence[i].kind == DIG_EV_ATOMIC && m->evidence[i].func == func_index(m, "bump");
		magic |= m->evidence[i].kind == DIG_EV_MAGIC_FILL && m->evidence[i].func == func_index(m, "stamp");
		fill |= m->evidence[i].kind == DIG_EV_MAGIC_FILL && m->evidence[i].func == func_index(m, "wipe");
	}
	CHECK(atomic && magic && fill);
	const struct dig_call *put = find_call(m, "put", 0);      /* a local's dispatch: parsed, typed */
	CHECK(put && put->dispatch_type && strcmp(put->dispatch_type, "struct chan") == 0);
	CHECK(find_reg(m, "drop") && strcmp(find_reg(m, "drop")->field, "alloc") == 0);   /* a value */
	const struct dig_func *r = find_func(m, "report");
	CHECK(r && r->nglobals_used == 0 && r->nparams == 1);        /* by-name calls only: lexed */
	CHECK(func_uses(find_func(d, "report"), "limit"));           /* (the parser would say) */
	same_calls(m, d);
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

/* Count writes (facts.h DIG_EV_COUNT): a field set to 0 is a give-back only through a
 * parameter. `p->b = 0` right after `p->a = 12345` in a definition that takes nothing is
 * none: the `=0` op must be read as its two bytes, not as a C string whose end the
 * previous `=12345` left in the buffer (the Release and RelWithDebInfo builds once wrote
 * different fact caches for it). */
static void test_count_writes(void)
{
	static const char *const text =
		"struct s { int a, b, n; };\n"
		"static struct s *head;\n"
		"struct s *claim(void) { struct s *p = head; p->a = 12345; p->b = 0; p->n = 1; return p; }\n"
		"void give(struct s *q) { q->a = 12345; q->n = 0; }\n";
	struct dig_file *f = shallow(text);
	CHECK(f != NULL);
	CHECK_EQ(count_evidence(f, DIG_EV_COUNT, "a"), 1);   /* claim's =12345; give's is no give-back */
	CHECK_EQ(count_evidence(f, DIG_EV_COUNT, "b"), 0);   /* a local set to 0: nothing given back */
	CHECK_EQ(count_evidence(f, DIG_EV_COUNT, "n"), 2);   /* claim's =1, give's =0 through q */
	dig_file_free(f);
}

/* Run every case. */
/* The compiler's extension words wherever C code writes them: each definition keeps its name,
 * return type and parameters, read by the parser and by the lexer alike (the grammar takes
 * no attribute between a `*` and its declarator: it named the definition `__attribute__`). */
static void test_extension_words(void)
{
	static const char *const text =
		"__attribute__((used)) void *e_before(size_t n) { return 0; }\n"
		"void * __attribute__((used)) e_mid(size_t n, size_t s) { return 0; }\n"
		"void __attribute__((used)) * e_type_star(size_t n) { return 0; }\n"
		"void *__attribute__((malloc)) __attribute__((used)) e_twice(size_t n) { return 0; }\n"
		"unsigned long __attribute__((used)) e_ul(void) { return 0; }\n"
		"void * __attribute__((section(\".text.x\"))) e_string(size_t n) { return 0; }\n"
		"void *e_after(size_t n) __attribute__((malloc, alloc_size(1)));\n"
		"__declspec(dllexport) void *e_declspec(size_t n) { return 0; }\n"
		"void * __declspec(restrict) e_declspec_mid(size_t n) { return 0; }\n"
		"void * __cdecl e_cdecl(size_t n) { return 0; }\n"
		"void * __attribute__((used)) __stdcall e_mix(size_t n) { return 0; }\n"
		"__extension__ void *e_ext(size_t n) { return 0; }\n"
		"static __inline__ void *e_inline(size_t n) { return 0; }\n"
		"void *e_asm(size_t n) __asm__(\"e_asm_sym\");\n"
		"void *e_asm(size_t n) { return 0; }\n"
		"void *e_param(void * __attribute__((unused)) p, size_t n) { return 0; }\n"
		"void * __attribute__((used))\n"
		"e_knr(p, n)\n"
		"\tchar *p;\n"
		"\tint n;\n"
		"{\n"
		"\treturn p;\n"
		"}\n";
	static const struct {
		const char *name, *ret, *first;
		int nparams;
	} want[] = {
		{ "e_before", "void *", "n", 1 }, { "e_mid", "void *", "n", 2 }, { "e_type_star", "void *", "n", 1 },
		{ "e_twice", "void *", "n", 1 }, { "e_ul", "unsigned long", NULL, 0 }, { "e_string", "void *", "n", 1 },
		{ "e_declspec", "void *", "n", 1 }, { "e_declspec_mid", "void *", "n", 1 },
		{ "e_cdecl", "void *", "n", 1 }, { "e_mix", "void *", "n", 1 }, { "e_ext", "void *", "n", 1 },
		{ "e_inline", "void *", "n", 1 }, { "e_asm", "void *", "n", 1 }, { "e_param", "void *", "p", 2 },
		{ "e_knr", "void *", "p", 2 },
	};
	struct dig_file *fs[2] = { scan_snippet(text), shallow(text) };

	for (int k = 0; k < 2; k++) {
		const struct dig_file *f = fs[k];
		CHECK(f != NULL && f->shallow == k);
		if (!f)
			continue;
		CHECK_EQ(f->nfuncs, sizeof(want) / sizeof(want[0]));
		for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
			const struct dig_func *fn = find_func(f, want[i].name);
			CHECK_MSG(fn != NULL, "%s: %s not found", k ? "lexer" : "parser", want[i].name);
			if (!fn)
				continue;
			CHECK_MSG(strcmp(fn->return_type, want[i].ret) == 0, "%s: %s returns %s, want %s",
			          k ? "lexer" : "parser", want[i].name, fn->return_type, want[i].ret);
			CHECK_MSG(fn->nparams == want[i].nparams, "%s: %s has %d parameters, want %d",
			          k ? "lexer" : "parser", want[i].name, fn->nparams, want[i].nparams);
			if (want[i].first && fn->nparams > 0)
				CHECK_MSG(strcmp(fn->param_names[0], want[i].first) == 0, "%s: %s's first parameter %s",
				          k ? "lexer" : "parser", want[i].name, fn->param_names[0]);
		}
	}
	dig_file_free(fs[0]);
	dig_file_free(fs[1]);
}

int main(void)
{
	test_count_writes();
	test_agrees_with_parser();
	test_dispatch_types();
	test_word_patterns();
	test_depth_levels();
	test_knr_fptr();
	test_params();
	test_globals();
	test_mixed_bodies();
	test_definer_bodies();
	test_garbage();
	test_extension_words();
	return check_done();
}

/*
 * tests/dig/scan/test_scan_knr.c: K&R definitions, including the two shapes tree-sitter's
 * C grammar misreads without complaint (pointer return: a declaration + orphan block;
 * implicit int: a pseudo-call with a MISSING ';' + orphan block), and the shapes it reads
 * right. Each must come out as one definition with its parameters typed from the K&R
 * declaration list, and the body's calls attributed to it -- never as a call or a global.
 */
#include "scan_test.h"

/* char *\nmalloc(nbytes)\nunsigned nbytes; {...}: the silent trap. */
static void test_pointer_return(void)
{
	struct dig_file *f = scan_snippet(
		"/* V7-style allocator */\n"
		"static int x;\n"
		"char *\n"
		"malloc(nbytes)\n"
		"unsigned nbytes;\n"
		"{\n"
		"\tregister char *p;\n"
		"\tp = sbrk(nbytes);\n"
		"\treturn p;\n"
		"}\n");
	const struct dig_func *fn = find_func(f, "malloc");

	CHECK(f != NULL);
	CHECK(fn != NULL);
	if (!fn)
		goto out;
	CHECK_EQ(f->nfuncs, 1);
	CHECK_STREQ(fn->return_type, "char *");
	CHECK_EQ(fn->returns_pointer, 1);
	CHECK_EQ(fn->knr, 1);
	CHECK_EQ(fn->nparams, 1);
	CHECK_STREQ(fn->param_names[0], "nbytes");
	CHECK_STREQ(fn->param_types[0], "unsigned");
	CHECK_EQ(fn->line, 4);
	CHECK_EQ(fn->end_line, 10);
	CHECK_EQ(fn->is_static, 0);
	CHECK(find_call(f, "sbrk", 0) != NULL);
	CHECK_EQ(find_call(f, "sbrk", 0)->func, func_index(f, "malloc"));
	CHECK_EQ(count_calls(f, "malloc"), 0);          /* the header is not a call */
	CHECK(find_global(f, "x") != NULL);
	CHECK(find_global(f, "nbytes") == NULL);       /* nor a variable */
	CHECK(func_uses(fn, "p") == 0);                /* a local */
out:
	dig_file_free(f);
}

/* malloc(mp, size) struct map *mp; {...}: implicit int, two parameters, one undeclared. */
static void test_implicit_int(void)
{
	struct dig_file *f = scan_snippet(
		"malloc(mp, size)\n"
		"register struct map *mp;\n"
		"{\n"
		"\tregister unsigned int a;\n"
		"\tfor (bp = mp; bp->m_size; bp++)\n"
		"\t\tmfree(mp, size, a);\n"
		"\treturn(0);\n"
		"}\n"
		"\n"
		"rmfree(mp, size, addr)\n"
		"struct map *mp;\n"
		"long size, addr;\n"
		"{\n"
		"\twakeup((caddr_t)mp);\n"
		"}\n");
	const struct dig_func *m = find_func(f, "malloc"), *r = find_func(f, "rmfree");

	CHECK(m != NULL && r != NULL);
	if (!m || !r)
		goto out;
	CHECK_EQ(f->nfuncs, 2);
	CHECK_STREQ(m->return_type, "int");
	CHECK_EQ(m->returns_pointer, 0);
	CHECK_EQ(m->nparams, 2);
	CHECK_STREQ(m->param_types[0], "struct map *");
	CHECK_STREQ(m->param_types[1], "int");          /* undeclared: implicit int */
	CHECK_EQ(m->line, 1);
	CHECK_EQ(r->nparams, 3);
	CHECK_STREQ(r->param_types[1], "long");
	CHECK_STREQ(r->param_types[2], "long");
	CHECK_EQ(count_calls(f, "malloc"), 0);
	CHECK_EQ(count_calls(f, "rmfree"), 0);
	CHECK_EQ(find_call(f, "mfree", 0) ? find_call(f, "mfree", 0)->func : -2, func_index(f, "malloc"));
	CHECK_EQ(find_call(f, "wakeup", 0) ? find_call(f, "wakeup", 0)->func : -2, func_index(f, "rmfree"));
	CHECK_EQ(f->nglobals, 0);
	CHECK(func_uses(m, "bp"));                      /* free identifier: state candidate */
out:
	dig_file_free(f);
}

/* Implicit int with one undeclared parameter, `swfree(daddr) { ... }`: the grammar reads
 * `swfree` as a type and `(daddr)` as a parenthesized declarator, silently. The function
 * is swfree, its calls are its own, and a typedef'd `T (x);` declaration stays what it is. */
static void test_undeclared_single_param(void)
{
	struct dig_file *f = scan_snippet(
		"swfree(daddr)\n"
		"{\n"
		"\trmfree(swapmap, 8, daddr);\n"
		"}\n"
		"typedef int T;\n"
		"T (x);\n");
	const struct dig_func *fn = f ? find_func(f, "swfree") : NULL;

	CHECK(fn != NULL);
	if (!fn)
		goto out;
	CHECK_EQ(f->nfuncs, 1);
	CHECK(find_func(f, "daddr") == NULL);
	CHECK_STREQ(fn->return_type, "int");
	CHECK_EQ(fn->knr, 1);
	CHECK_EQ(fn->nparams, 1);
	CHECK_STREQ(fn->param_names[0], "daddr");
	CHECK_STREQ(fn->param_types[0], "int");
	CHECK_EQ(fn->line, 1);
	CHECK_EQ(fn->end_line, 4);
	CHECK_EQ(find_call(f, "rmfree", 0) ? find_call(f, "rmfree", 0)->func : -2, func_index(f, "swfree"));
	CHECK(func_uses(fn, "daddr") == 0);             /* a parameter, not state */
	CHECK(func_uses(fn, "swapmap"));
out:
	dig_file_free(f);
}

/* Shapes the grammar reads right must stay right: a plain K&R definition, a modern one, a
 * static pointer-returning K&R one, and a prototype followed by a real block is no K&R. */
static void test_other_shapes(void)
{
	struct dig_file *f = scan_snippet(
		"int\n"
		"getblk(dev, blkno)\n"
		"int dev; long blkno;\n"
		"{\n"
		"\treturn bread(dev, blkno);\n"
		"}\n"
		"static char *\n"
		"morecore(nu)\n"
		"unsigned nu;\n"
		"{\n"
		"\treturn sbrk(nu * 8);\n"
		"}\n"
		"void *kalloc(size_t size) { return zalloc(size); }\n");

	CHECK_EQ(f ? f->nfuncs : 0, 3);
	const struct dig_func *g = find_func(f, "getblk"), *m = find_func(f, "morecore");
	CHECK(g && g->nparams == 2 && strcmp(g->param_types[1], "long") == 0 && g->knr);
	CHECK(m && m->is_static && m->returns_pointer && m->nparams == 1);
	CHECK(m && strcmp(m->param_types[0], "unsigned") == 0);
	CHECK(find_call(f, "sbrk", 0) && find_call(f, "sbrk", 0)->func == func_index(f, "morecore"));
	const struct dig_func *k = find_func(f, "kalloc");
	CHECK(k && !k->knr && k->nparams == 1 && strcmp(k->param_types[0], "size_t") == 0);
	CHECK(k && strcmp(k->return_type, "void *") == 0);
	dig_file_free(f);
}

/* Not everything before a block is a header: a statement block after a declaration. */
static void test_not_knr(void)
{
	struct dig_file *f = scan_snippet(
		"int x = 3;\n"
		"{\n"
		"\tfoo();\n"
		"}\n"
		"void *malloc(size_t);\n"
		"{ bar(); }\n");

	CHECK(f != NULL);
	CHECK_EQ(f ? f->nfuncs : 9, 0);
	CHECK(find_call(f, "foo", 0) && find_call(f, "foo", 0)->func == -1);
	CHECK(find_call(f, "bar", 0) != NULL);
	dig_file_free(f);
}

/* Run every case. */
int main(void)
{
	test_pointer_return();
	test_implicit_int();
	test_undeclared_single_param();
	test_other_shapes();
	test_not_knr();
	return check_done();
}

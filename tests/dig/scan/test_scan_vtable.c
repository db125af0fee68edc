/*
 * tests/dig/scan/test_scan_vtable.c: ops tables. Designated initializers and field
 * assignments are registrations (with the struct type when it is known); `a->alloc(n)`
 * is a dispatch call typed by a's declaration; a function named only as a value is never a
 * call.
 */
#include "scan_test.h"

/* Registrations and dispatch. */
static void test_vtable(void)
{
	struct dig_file *f = scan_snippet(
		"struct alloc_ops { void *(*alloc)(size_t); void (*free)(void *); };\n"
		"typedef struct alloc_ops ops_t;\n"
		"static void *kalloc_impl(size_t n) { return page_get(n); }\n"
		"static const struct alloc_ops kernel_ops = {\n"
		"\t.alloc = kalloc_impl,\n"
		"\t.free = &kfree_impl,\n"
		"};\n"
		"static ops_t table[] = { { .alloc = a1 }, { .alloc = a2, .free = f2 } };\n"
		"struct alloc_ops *global_ops;\n"
		"void setup(struct alloc_ops *o, int x) {\n"
		"\to->alloc = boot_alloc;\n"
		"\to->free = x ? NULL : o->free;\n"
		"}\n"
		"void *use(size_t n) {\n"
		"\tstruct alloc_ops *a = &kernel_ops;\n"
		"\tvoid *p = a->alloc(n);\n"
		"\tglobal_ops->free(p);\n"
		"\t(*fp)(n);\n"
		"\treturn p;\n"
		"}\n");
	const struct dig_reg *r;
	const struct dig_call *c;

	CHECK(f != NULL);
	r = find_reg(f, "kalloc_impl");
	CHECK(r && strcmp(r->struct_type, "struct alloc_ops") == 0 && strcmp(r->field, "alloc") == 0);
	CHECK(r && r->in_func == -1 && r->line == 5);
	r = find_reg(f, "kfree_impl");
	CHECK(r && strcmp(r->field, "free") == 0);
	r = find_reg(f, "a2");
	CHECK(r && r->struct_type && strcmp(r->struct_type, "ops_t") == 0);  /* array of typedef */
	r = find_reg(f, "boot_alloc");
	CHECK(r && strcmp(r->struct_type, "struct alloc_ops") == 0 && r->in_func == func_index(f, "setup"));
	CHECK(find_reg(f, "x") == NULL);                   /* a parameter is data */
	CHECK_EQ(count_calls(f, "kalloc_impl"), 0);        /* a reference is not a call */
	c = find_call(f, "alloc", 0);
	CHECK(c && c->kind == DIG_CALL_DISPATCH && c->dispatch_type &&
	      strcmp(c->dispatch_type, "struct alloc_ops") == 0);
	c = find_call(f, "free", 0);
	CHECK(c && c->kind == DIG_CALL_DISPATCH && c->dispatch_type &&
	      strcmp(c->dispatch_type, "struct alloc_ops") == 0);   /* typed by the global */
	int pointer_calls = 0;
	for (uint32_t i = 0; f && i < f->ncalls; i++)
		pointer_calls += f->calls[i].kind == DIG_CALL_POINTER;
	CHECK_EQ(pointer_calls, 1);
	dig_file_free(f);
}

/* Run every case. */
int main(void)
{
	test_vtable();
	return check_done();
}

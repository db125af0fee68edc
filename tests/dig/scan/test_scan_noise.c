/*
 * tests/dig/scan/test_scan_noise.c: what must never become a call or a definition:
 * comments, strings, sizeof, casts, prototypes, macro bodies; and what the call records
 * hold (arguments folded and cut, column, enclosing function).
 */
#include "scan_test.h"

/* Nothing but the real calls. */
static void test_noise(void)
{
	struct dig_file *f = scan_snippet(
		"/* malloc(1) in a block comment */\n"
		"// kalloc(2) in a line comment\n"
		"void *malloc(size_t);\n"
		"extern void *kalloc(size_t size), kfree(void *);\n"
		"#define ALLOC(n) kalloc(n)\n"
		"int f(int n) {\n"
		"\tchar *s = \"malloc(3)\";\n"
		"\tn = sizeof(malloc);\n"
		"\tn = (int)(long)n;\n"
		"\tn = sizeof (struct kalloc);\n"
		"\treturn real_call(n,\n"
		"\t                 n   +   1);\n"
		"}\n");

	CHECK(f != NULL);
	CHECK_EQ(f ? f->ncalls : 0, 1);
	CHECK_EQ(f ? f->nfuncs : 0, 1);
	CHECK_EQ(count_calls(f, "malloc"), 0);
	CHECK_EQ(count_calls(f, "kalloc"), 0);
	const struct dig_call *c = find_call(f, "real_call", 0);
	CHECK(c != NULL);
	if (c) {
		CHECK_STREQ(c->args, "n, n + 1");
		CHECK_EQ(c->nargs, 2);
		CHECK_EQ(c->line, 11);
		CHECK_EQ(c->col, 9);
		CHECK_EQ(c->kind, DIG_CALL_DIRECT);
		CHECK_EQ(c->func, 0);
	}
	CHECK(find_global(f, "kalloc") == NULL);   /* a prototype is no variable */
	dig_file_free(f);
}

/* Long argument text is cut at 160 bytes, never inside a UTF-8 sequence. */
static void test_long_args(void)
{
	char src[2048];
	size_t n = (size_t)snprintf(src, sizeof(src), "void f(void) { g(\"");
	for (int i = 0; i < 200; i++)
		n += (size_t)snprintf(src + n, sizeof(src) - n, "\xc3\xa9");   /* e-acute */
	snprintf(src + n, sizeof(src) - n, "\"); }\n");
	struct dig_file *f = scan_snippet(src);
	const struct dig_call *c = find_call(f, "g", 0);

	CHECK(c != NULL);
	if (c) {
		size_t l = strlen(c->args);
		CHECK(l <= 160 && l >= 150);
		CHECK(((unsigned char)c->args[l - 1] & 0xC0) != 0xC0);   /* no dangling lead byte */
	}
	dig_file_free(f);
}

/* Empty and whitespace-only files are fine. */
static void test_empty(void)
{
	struct dig_file *f = dig_scan_buffer("empty.c", "", 0, 100);

	CHECK(f && f->status == DIG_FILE_OK && f->lines == 0 && f->nfuncs == 0);
	dig_file_free(f);
	f = scan_snippet("\n\n   \n");
	CHECK(f && f->lines == 3 && f->loc == 0);
	dig_file_free(f);
}

/* Run every case. */
int main(void)
{
	test_noise();
	test_long_args();
	test_empty();
	return check_done();
}

/*
 * tests/dig/model/test_model_types.c: the model's type words (dig/model/model.c):
 * model_number_type takes whole number words with a `u`/`u_` before them and bits or `_t`
 * after them, never a word that only begins like one (`interface_t` is no `int`);
 * model_handle_type takes no number for a handle, whatever its spelling (`u_char *`,
 * `u_long`, `off_t`, `intptr_t *`).
 */
#include "check.h"
#include "dig/model/model_impl.h"

int main(void)
{
	CHECK(model_number_type(NULL));   /* implicit int */
	CHECK(model_number_type("int"));
	CHECK(model_number_type("unsigned long"));
	CHECK(model_number_type("static const u_long"));
	CHECK(model_number_type("uint32_t"));
	CHECK(model_number_type("u_int64_t"));
	CHECK(model_number_type("int16_t"));
	CHECK(model_number_type("uchar"));
	CHECK(model_number_type("size_t"));
	CHECK(model_number_type("off_t"));
	CHECK(model_number_type("daddr_t"));
	CHECK(model_number_type("uintptr_t"));
	CHECK(!model_number_type("interface_t"));
	CHECK(!model_number_type("constraint_t"));
	CHECK(!model_number_type("longjmp_buf"));
	CHECK(!model_number_type("shortcut_t"));
	CHECK(!model_number_type("charset_t"));
	CHECK(!model_number_type("bkpt_t"));
	CHECK(!model_number_type("char *"));
	CHECK(!model_number_type("void"));
	CHECK(!model_number_type("struct pool"));
	CHECK(model_number_word("u_long") && model_number_word("int8_t") && !model_number_word("integer"));

	struct model m = { 0 };
	const char *err = NULL;
	unsigned line = 0;
	m.vocab = model_vocab_create(NULL, &err, &line);
	CHECK(m.vocab != NULL);
	if (!m.vocab)
		return check_done();
	CHECK(model_handle_type(&m, "struct pool *"));
	CHECK(model_handle_type(&m, "vm_page_t"));
	CHECK(model_handle_type(&m, "dev_t"));
	CHECK(model_handle_type(&m, "pde_t *"));
	CHECK(model_handle_type(&m, "const struct extent *"));
	CHECK(!model_handle_type(&m, "u_char *"));
	CHECK(!model_handle_type(&m, "u_long"));
	CHECK(!model_handle_type(&m, "off_t"));
	CHECK(!model_handle_type(&m, "intptr_t *"));
	CHECK(!model_handle_type(&m, "uchar"));
	CHECK(!model_handle_type(&m, "unsigned long *"));
	CHECK(!model_handle_type(&m, "uint32_t *"));
	CHECK(!model_handle_type(&m, "void *"));
	CHECK(!model_handle_type(&m, "size_t"));
	CHECK(!model_handle_type(&m, "void (*)(void *)"));
	model_vocab_destroy(m.vocab);
	return check_done();
}

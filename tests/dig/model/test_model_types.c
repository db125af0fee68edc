/*
 * tests/dig/model/test_model_types.c: the model's type words (dig/model/model.c):
 * model_number_type takes whole number words with a `u`/`u_` before them and bits or `_t`
 * after them, never a word that only begins like one (`interface_t` is no `int`).
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
	return check_done();
}

/*
 * tests/dig/fuzz/fuzz_scan.c: libFuzzer target for the parse-and-extract front
 * (dig_scan_buffer_opts: byte classification, the lexical preprocessor pass, tree-sitter
 * under a budget, K&R recovery, the tree walk -- and the lexer's shallow path). Every fact is read back and its invariants
 * checked, so a dangling string or an index out of range aborts under ASan even when the
 * extraction itself did not crash.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dig/scan/scan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Touch a string (ASan sees a bad pointer) and check it is bounded. */
static size_t touch(const char *s, size_t max)
{
	size_t n;

	if (!s)
		return 0;
	n = strlen(s);
	if (n > max)
		abort();
	return n;
}

/* An index into funcs, or -1. */
static void check_func(int32_t i, uint32_t nfuncs)
{
	if (i < -1 || (i >= 0 && (uint32_t)i >= nfuncs))
		abort();
}

/* Verify every fact of one file, then free it. */
static int check_file(struct dig_file *f, size_t size)
{
	size_t sum = 0;

	if (!f)
		return 0;
	for (uint32_t i = 0; i < f->nfuncs; i++) {
		const struct dig_func *x = &f->funcs[i];
		sum += touch(x->name, size) + touch(x->written_name, size) + touch(x->return_type, size + 200);
		if (x->nparams < -1 || x->line == 0 || x->end_line < x->line || x->end_line > f->lines + 1)
			abort();
		for (int k = 0; k < x->nparams; k++)
			sum += touch(x->param_types[k], size + 200) + touch(x->param_names[k], size);
		for (uint32_t k = 0; k < x->nglobals_used; k++)
			sum += touch(x->globals_used[k], size);
	}
	for (uint32_t i = 0; i < f->ncalls; i++) {
		const struct dig_call *x = &f->calls[i];
		sum += touch(x->callee, size) + touch(x->written, size) + touch(x->via_macro, size) +
		       touch(x->dispatch_type, size) + touch(x->args, 160);
		check_func(x->func, f->nfuncs);
		if (x->line == 0 || x->line > f->lines + 1 || x->nargs < 0)
			abort();
	}
	for (uint32_t i = 0; i < f->nmacros; i++)
		sum += touch(f->macros[i].name, size) + touch(f->macros[i].body, 240) +
		       touch(f->macros[i].renames_to, size);
	for (uint32_t i = 0; i < f->nregs; i++) {
		sum += touch(f->regs[i].struct_type, size) + touch(f->regs[i].field, size) + touch(f->regs[i].func, size);
		check_func(f->regs[i].in_func, f->nfuncs);
	}
	for (uint32_t i = 0; i < f->nglobals; i++)
		sum += touch(f->globals[i].name, size) + touch(f->globals[i].type, size + 200);
	for (uint32_t i = 0; i < f->nevidence; i++) {
		sum += touch(f->evidence[i].token, 160) + touch(f->evidence[i].text, 160);
		check_func(f->evidence[i].func, f->nfuncs);
	}
	if (f->dead_lines > f->lines || f->loc > f->lines || f->dead_calls > f->ncalls)
		abort();
	dig_file_free(f);
	return sum == (size_t)-1;
}

/* Every path over the same bytes: the parser (no deep words), the lexer (a deep word that
 * never occurs sends every input down the shallow path), and the mix (common words make
 * the file deep while bodies without them are lexed). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const never[] = { "strata_fuzz_no_such_word" };
	static const char *const some[] = { "malloc", "a", "x" };
	struct dig_scan_opts o;
	int r;

	memset(&o, 0, sizeof(o));
	o.file_ms = 500;
	r = check_file(dig_scan_buffer_opts("fuzz.c", (const char *)data, size, &o), size);
	o.deep_words = never;
	o.ndeep_words = 1;
	r |= check_file(dig_scan_buffer_opts("fuzz.c", (const char *)data, size, &o), size);
	o.deep_words = some;
	o.ndeep_words = 3;
	r |= check_file(dig_scan_buffer_opts("fuzz.c", (const char *)data, size, &o), size);
	return r;
}

/*
 * tests/dig/scan/scan_test.h: small lookups over the facts of one file, shared by the scan
 * tests: the first function or call with a name, counts, and a one-call parse of a C
 * snippet. Header-only; every test is one program.
 */
#ifndef STRATA_TESTS_DIG_SCAN_TEST_H
#define STRATA_TESTS_DIG_SCAN_TEST_H

#include <string.h>

#include "check.h"
#include "dig/scan/scan.h"

/* Parse a NUL-terminated snippet as a file named "snippet.c". */
static inline struct dig_file *scan_snippet(const char *text)
{
	return dig_scan_buffer("snippet.c", text, strlen(text), 5000);
}

/* The first function definition named `name`, or NULL. */
static inline const struct dig_func *find_func(const struct dig_file *f, const char *name)
{
	for (uint32_t i = 0; f && i < f->nfuncs; i++)
		if (strcmp(f->funcs[i].name, name) == 0)
			return &f->funcs[i];
	return NULL;
}

/* Index of a function definition (or -1). */
static inline int32_t func_index(const struct dig_file *f, const char *name)
{
	const struct dig_func *fn = find_func(f, name);

	return fn ? (int32_t)(fn - f->funcs) : -1;
}

/* The nth (0-based) call to `callee`, or NULL. */
static inline const struct dig_call *find_call(const struct dig_file *f, const char *callee, int nth)
{
	for (uint32_t i = 0; f && i < f->ncalls; i++)
		if (strcmp(f->calls[i].callee, callee) == 0 && nth-- == 0)
			return &f->calls[i];
	return NULL;
}

/* How many calls to `callee`. */
static inline int count_calls(const struct dig_file *f, const char *callee)
{
	int n = 0;

	for (uint32_t i = 0; f && i < f->ncalls; i++)
		n += strcmp(f->calls[i].callee, callee) == 0;
	return n;
}

/* The first global named `name`, or NULL. */
static inline const struct dig_global *find_global(const struct dig_file *f, const char *name)
{
	for (uint32_t i = 0; f && i < f->nglobals; i++)
		if (strcmp(f->globals[i].name, name) == 0)
			return &f->globals[i];
	return NULL;
}

/* The first macro named `name`, or NULL. */
static inline const struct dig_macro *find_macro(const struct dig_file *f, const char *name)
{
	for (uint32_t i = 0; f && i < f->nmacros; i++)
		if (strcmp(f->macros[i].name, name) == 0)
			return &f->macros[i];
	return NULL;
}

/* The first registration of function `func`, or NULL. */
static inline const struct dig_reg *find_reg(const struct dig_file *f, const char *func)
{
	for (uint32_t i = 0; f && i < f->nregs; i++)
		if (strcmp(f->regs[i].func, func) == 0)
			return &f->regs[i];
	return NULL;
}

/* How many evidence records of a kind (with this token when token is not NULL). */
static inline int count_evidence(const struct dig_file *f, enum dig_evidence_kind kind, const char *token)
{
	int n = 0;

	for (uint32_t i = 0; f && i < f->nevidence; i++)
		n += f->evidence[i].kind == kind && (!token || strcmp(f->evidence[i].token, token) == 0);
	return n;
}

/* Does the function use identifier `name` as free state? */
static inline int func_uses(const struct dig_func *fn, const char *name)
{
	for (uint32_t i = 0; fn && i < fn->nglobals_used; i++)
		if (strcmp(fn->globals_used[i], name) == 0)
			return 1;
	return 0;
}

#endif /* STRATA_TESTS_DIG_SCAN_TEST_H */

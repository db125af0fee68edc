/*
 * dig/assert.h: strata dig's invariants as code, in two levels (STYLE.md section 6).
 *
 * STRATA_DIG_DEBUG picks the level at compile time:
 *   0 (the default, every release build)  both macros compile to nothing: the condition is
 *                                         type-checked inside sizeof, never evaluated, so
 *                                         they cost nothing and may call anything;
 *   1                                     ASSERT(cond) checks cheap, local facts (an index
 *                                         in range, an accessor's precondition);
 *   2                                     ASSERT_EXPENSIVE(cond) also runs whole-structure
 *                                         checks (model_verify after each stage).
 * The debug build of the model's tests and of the golden corpus (tests/dig/model.cmake,
 * tests/dig/golden.cmake) compiles dig/model at level 2.
 *
 * A failed assertion prints `file:line: function: assertion failed: cond` to stderr and
 * aborts: it is a bug in strata, never a property of the input, so no input may trip one.
 */
#ifndef STRATA_DIG_ASSERT_H
#define STRATA_DIG_ASSERT_H

#include <stdio.h>
#include <stdlib.h>

#ifndef STRATA_DIG_DEBUG
#define STRATA_DIG_DEBUG 0
#endif

/* Report a failed assertion and abort (debug builds only reach it). */
static inline _Noreturn void dig_assert_fail(const char *what, const char *file, int line, const char *func)
{
	fprintf(stderr, "%s:%d: %s: assertion failed: %s\n", file, line, func, what);
	abort();
}

#if STRATA_DIG_DEBUG >= 1
#define ASSERT(cond) ((cond) ? (void)0 : dig_assert_fail(#cond, __FILE__, __LINE__, __func__))
#else
#define ASSERT(cond) ((void)sizeof(!(cond)))
#endif

#if STRATA_DIG_DEBUG >= 2
#define ASSERT_EXPENSIVE(cond) ASSERT(cond)
#else
#define ASSERT_EXPENSIVE(cond) ((void)sizeof(!(cond)))
#endif

#endif /* STRATA_DIG_ASSERT_H */

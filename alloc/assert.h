/*
 * alloc/assert.h: invariants as code, in levels (STYLE.md §6).
 *
 *   ASSERT(c)            checked when STRATA_DEBUG >= 1: a precondition or an invariant
 *                        cheap enough for a debugging run (a lock held, a list linked)
 *   ASSERT_EXPENSIVE(c)  checked when STRATA_DEBUG >= 2: whole walks (a cache's verify)
 * Both cost one load and a not-taken branch when off. A failed assertion goes to the
 * error sink as STRATA_ERR_CORRUPT naming the file, the line and the expression, and the
 * program goes on if the handler returns. The always-on checks of each layer (a bad free,
 * a damaged canary) are error_report calls of their own, not assertions.
 * The level is the one STRATA_DEBUG had when the option table was read (options_load).
 */
#ifndef STRATA_ALLOC_ASSERT_H
#define STRATA_ALLOC_ASSERT_H

/* STRATA_DEBUG as read from the option table (0 until it is read). */
extern int assert_level;

/* Report a failed assertion (alloc/error.c). */
void assert_fail(const char *file, int line, const char *expr);

#define ASSERT_AT(level, c) \
	do { \
		if (__builtin_expect(assert_level >= (level), 0) && !(c)) \
			assert_fail(__FILE__, __LINE__, #c); \
	} while (0)
#define ASSERT(c) ASSERT_AT(1, c)
#define ASSERT_EXPENSIVE(c) ASSERT_AT(2, c)

#endif /* STRATA_ALLOC_ASSERT_H */

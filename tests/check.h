/*
 * tests/check.h: counted checks for every strata test program.
 *
 * CHECK(cond) counts one check and, when it fails, prints `file:line: CHECK failed: cond`
 * and counts a failure; the program goes on so that one run shows every failure.
 * check_done() prints "N checks, M failed" and returns the exit status: non-zero when any
 * check failed, and also when no check ran at all (a test that asserts nothing fails).
 */
#ifndef STRATA_TESTS_CHECK_H
#define STRATA_TESTS_CHECK_H

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static unsigned long check_total;
static unsigned long check_failed;

#define CHECK(cond) \
	check_one(!!(cond), __FILE__, __LINE__, #cond)

#define CHECK_MSG(cond, ...) CHECK_MSG_AS(cond, #cond, __VA_ARGS__)

/* CHECK_MSG, naming the check `what` in the failure line. */
#define CHECK_MSG_AS(cond, what, ...) \
	do { \
		if (!check_one(!!(cond), __FILE__, __LINE__, what)) { \
			fprintf(stderr, "    "); \
			fprintf(stderr, __VA_ARGS__); \
			fprintf(stderr, "\n"); \
		} \
	} while (0)

#define CHECK_EQ(a, b) \
	do { \
		intmax_t check_a_ = (intmax_t)(a), check_b_ = (intmax_t)(b); \
		CHECK_MSG_AS(check_a_ == check_b_, #a " == " #b, "%s = %jd, %s = %jd", #a, check_a_, #b, check_b_); \
	} while (0)

#define CHECK_STREQ(a, b) \
	do { \
		const char *check_a_ = (a), *check_b_ = (b); \
		CHECK_MSG_AS(check_a_ && check_b_ && strcmp(check_a_, check_b_) == 0, #a " == " #b, \
		          "%s = \"%s\", %s = \"%s\"", #a, check_a_ ? check_a_ : "(null)", \
		          #b, check_b_ ? check_b_ : "(null)"); \
	} while (0)

static inline int check_one(int ok, const char *file, int line, const char *what)
{
	check_total++;
	if (!ok) {
		check_failed++;
		fprintf(stderr, "%s:%d: CHECK failed: %s\n", file, line, what);
	}
	return ok;
}

static inline int check_done(void)
{
	printf("%lu checks, %lu failed\n", check_total, check_failed);
	fflush(stdout);
	if (check_total == 0) {
		fprintf(stderr, "no check ran: a test that asserts nothing fails\n");
		return 2;
	}
	return check_failed ? 1 : 0;
}

#endif /* STRATA_TESTS_CHECK_H */

/*
 * tests/alloc/test_options.c: the option table read from STRATA_* variables.
 * Registered twice: with good and bad values in the environment (mode "env": expected
 * values and exactly one warning per bad variable) and with none (mode "default").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc/options.h"
#include "alloc/page/platform.h"
#include "check.h"
#include "outcap.h"

/* How many times needle occurs in hay. */
static int count_of(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++)
		n++;
	return n;
}

/* Mode "env": the values and warnings expected from the registered environment; else defaults. */
int main(int argc, char **argv)
{
	static struct platform_hooks capture;
	capture = *platform_hooks_get();
	capture.write = capture_write;
	platform_hooks_set(&capture);
	int env = argc > 1 && strcmp(argv[1], "env") == 0;
	if (!env) {
		/* Defaults mode: whatever the caller's environment holds, start from none. */
		extern char **environ;
		char name[128];
		for (int again = 1; again;) {
			again = 0;
			for (char **e = environ; *e; e++)
				if (strncmp(*e, "STRATA_", 7) == 0) {
					size_t n = strcspn(*e, "=");
					snprintf(name, sizeof name, "%.*s", (int)n, *e);
					unsetenv(name);
					again = 1;
					break;
				}
		}
	}
	options_load();
	options_load();   /* idempotent: no second round of warnings */
	(void)options_get(OPT_MAGAZINE);
	if (env) {
		/* STRATA_MAGAZINE=12 STRATA_THREADS=spin STRATA_KALLOC_MAX=32k STRATA_STATS=Yes
		 * STRATA_PAGE_SOURCE=1 STRATA_PURGE_DECAY=-1 STRATA_GUARD=off
		 * bad: STRATA_ERROR=bogus STRATA_DEBUG=12x STRATA_SVR4=maybe
		 *      STRATA_CANARY= STRATA_MAGAZINE is good; STRATA_TRACE=99999999999999999999 */
		CHECK_EQ(options_get(OPT_MAGAZINE), 12);
		CHECK_EQ(options_get(OPT_THREADS), 1);
		CHECK_EQ(options_get(OPT_KALLOC_MAX), 32768);
		CHECK_EQ(options_get(OPT_STATS), 1);
		CHECK_EQ(options_get(OPT_PAGE_SOURCE), 1);
		CHECK_EQ(options_get(OPT_PURGE_DECAY), -1);
		CHECK_EQ(options_get(OPT_GUARD), 0);
		CHECK_EQ(options_get(OPT_ERROR), 0);   /* bad: default kept */
		CHECK_EQ(options_get(OPT_DEBUG), 0);
		CHECK_EQ(options_get(OPT_SVR4), 0);
		CHECK_EQ(options_get(OPT_CANARY), 0);
		CHECK_EQ(options_get(OPT_TRACE), 0);
		CHECK_EQ(count_of(out, "STRATA_ERROR=bogus is not one of abort|warn; keeping abort\n"), 1);
		CHECK_EQ(count_of(out, "STRATA_DEBUG=12x is not a decimal number; keeping 0\n"), 1);
		CHECK_EQ(count_of(out, "STRATA_SVR4=maybe is not a boolean"), 1);
		CHECK_EQ(count_of(out, "STRATA_CANARY= is not a boolean"), 1);
		CHECK_EQ(count_of(out, "STRATA_TRACE=99999999999999999999 is not"), 1);
		CHECK_EQ(count_of(out, "strata: "), 5);
		CHECK_EQ(count_of(out, "MAGAZINE"), 0);
	} else {
		CHECK_EQ(outlen, 0);
		CHECK_EQ(options_get(OPT_MAGAZINE), 64);
		CHECK_EQ(options_get(OPT_THREADS), 2);
		CHECK_EQ(options_get(OPT_KALLOC_MAX), 16384);
		CHECK_EQ(options_get(OPT_PURGE_DECAY), 1000);
		CHECK_EQ(options_get(OPT_ERROR), 0);
	}
	/* Set overrides; names and help come from the table. */
	options_set(OPT_DEBUG, 2);
	CHECK_EQ(options_get(OPT_DEBUG), 2);
	CHECK_STREQ(options_name(OPT_KALLOC_MAX), "KALLOC_MAX");
	CHECK(options_help(OPT_THREADS) != NULL && strstr(options_help(OPT_THREADS), "locking") != NULL);
	CHECK(options_name(OPT_COUNT) == NULL);
	CHECK_EQ(options_get(OPT_COUNT), 0);
	platform_hooks_set(NULL);
	return check_done();
}

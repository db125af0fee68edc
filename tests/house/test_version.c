/* tests/house/test_version.c: the header's version macros agree with each other and with
 * the library this program is linked to (libstrata.so), and the build's own version.
 * Prints "libstrata VERSION ABI N" for tests/house/version.sh to compare with
 * `strata --version`, strata.pc and the soname. */
#include <stdio.h>

#include <strata/version.h>

#include "check.h"

int main(int argc, char **argv)
{
	char want[32];
	snprintf(want, sizeof want, "%d.%d.%d", STRATA_VERSION_MAJOR, STRATA_VERSION_MINOR, STRATA_VERSION_PATCH);
	CHECK_STREQ(STRATA_VERSION_STRING, want);
	CHECK_STREQ(strata_version(), STRATA_VERSION_STRING);
	CHECK_EQ(strata_version_number(), STRATA_VERSION_NUMBER);
	CHECK_EQ(STRATA_VERSION_NUMBER, 10000 * STRATA_VERSION_MAJOR + 100 * STRATA_VERSION_MINOR + STRATA_VERSION_PATCH);
	if (argc > 1)
		CHECK_STREQ(argv[1], strata_version());   /* the build's PROJECT_VERSION */
	printf("libstrata %s ABI %d\n", strata_version(), STRATA_ABI_VERSION);
	return check_done();
}

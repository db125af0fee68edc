/*
 * alloc/version.c: the loaded library's version (include/strata/version.h), so a program
 * can tell the libstrata it runs on from the header it was built with.
 */
#include <strata/version.h>

/* "MAJOR.MINOR.PATCH" of this library. */
const char *strata_version(void)
{
	return STRATA_VERSION_STRING;
}

/* 10000 * MAJOR + 100 * MINOR + PATCH of this library. */
int strata_version_number(void)
{
	return STRATA_VERSION_NUMBER;
}

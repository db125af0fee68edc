/*
 * strata/version.h: libstrata's version, at compile time and at run time.
 *
 * STRATA_VERSION_MAJOR/MINOR/PATCH are the release (CMakeLists.txt reads them from here:
 * this is the one place a release changes them). strata_version() is the version of the
 * library actually loaded, which may be newer than the header a program was built with.
 *
 * ABI policy. The soname is libstrata.so.STRATA_ABI_VERSION (the Debian package
 * libstrata<ABI>). It changes -- and a program built against the old one must be rebuilt --
 * whenever a release removes or renames an exported function, changes a signature, a
 * public struct's layout or an enum's values, or changes documented behaviour in a way a
 * correct caller would notice. Adding functions, options or counters does not change it
 * (MINOR moves); fixes move PATCH. Before 1.0, MINOR releases may change the ABI, and when
 * one does, STRATA_ABI_VERSION moves with it; from 1.0 on, the ABI moves only with MAJOR.
 */
#ifndef STRATA_VERSION_H
#define STRATA_VERSION_H

#include <strata/common.h>

#define STRATA_VERSION_MAJOR 0
#define STRATA_VERSION_MINOR 1
#define STRATA_VERSION_PATCH 0
/* The soname's number: libstrata.so.0. */
#define STRATA_ABI_VERSION 0

#define STRATA_VERSION_STR_(x) #x
#define STRATA_VERSION_STR(x) STRATA_VERSION_STR_(x)
/* "MAJOR.MINOR.PATCH" of this header. */
#define STRATA_VERSION_STRING \
	STRATA_VERSION_STR(STRATA_VERSION_MAJOR) "." STRATA_VERSION_STR(STRATA_VERSION_MINOR) "." \
	STRATA_VERSION_STR(STRATA_VERSION_PATCH)
/* One number that orders releases: 10000 * MAJOR + 100 * MINOR + PATCH. */
#define STRATA_VERSION_NUMBER (10000 * STRATA_VERSION_MAJOR + 100 * STRATA_VERSION_MINOR + STRATA_VERSION_PATCH)

#ifdef __cplusplus
extern "C" {
#endif

/* The loaded library's version as "MAJOR.MINOR.PATCH" (static storage). */
STRATA_API const char *strata_version(void);
/* The loaded library's STRATA_VERSION_NUMBER. */
STRATA_API int strata_version_number(void);

#ifdef __cplusplus
}
#endif
#endif /* STRATA_VERSION_H */

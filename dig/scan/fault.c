/*
 * dig/scan/fault.c: the test hook of a dig's steps (dig_fault_hook, scan.h). A test sets it
 * to fail or stop a dig at a named step (write the cache, rename it ...); strata leaves it
 * NULL and dig_fault_point does nothing. Its own file, below every other scan file, so that
 * each may name a step without calling up the scan's layers.
 */
#include <errno.h>

#include "dig/scan/scan_impl.h"

int (*dig_fault_hook)(const char *step);

/* Call the test hook, if one is set: non-zero (errno EIO) makes the step fail. */
int dig_fault_point(const char *step)
{
	if (dig_fault_hook && dig_fault_hook(step)) {
		errno = EIO;
		return -1;
	}
	return 0;
}

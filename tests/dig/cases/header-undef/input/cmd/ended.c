/* Includes the rename, then a header that #undefs it: the first call is dbg_malloc's, the
 * one after the second #include the C library's. */
#include "dbgmalloc.h"

void *
before_end(unsigned long n)
{
	return malloc(n);
}

#include "nodbg.h"

void *
after_end(unsigned long n)
{
	return malloc(n);
}

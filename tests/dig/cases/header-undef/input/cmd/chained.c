/* Includes a header that brings the rename and ends it itself: the C library's malloc. */
#include "both.h"

void *
chained_buffer(unsigned long n)
{
	return malloc(n);
}

/* Includes the rename only: its malloc is dbg_malloc. */
#include "dbgmalloc.h"

void *
renamed_buffer(unsigned long n)
{
	return malloc(n);
}

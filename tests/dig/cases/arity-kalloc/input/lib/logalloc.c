/* A variadic allocator: any number of arguments from the first on. */
#include <stdarg.h>

static char log_arena[4096];
static unsigned log_used;

void *
log_alloc(unsigned long size, ...)
{
	void *p = &log_arena[log_used];

	log_used += size;
	return p;
}

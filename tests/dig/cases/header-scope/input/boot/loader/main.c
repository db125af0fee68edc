/* The loader includes its library's header: malloc is Malloc here. debug.h comes first:
 * its own free rename and #undef end inside it, before stand.h renames free. */
#include "debug.h"
#include "stand.h"

void *
load_buffer(size_t n)
{
	return malloc(n);
}

void
unload_buffer(void *p)
{
	free(p);
}

#undef malloc
void *
early_buffer(size_t n)
{
	/* after the #undef: the C library's malloc */
	return malloc(n);
}

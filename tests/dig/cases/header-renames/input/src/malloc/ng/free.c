#include "meta.h"

void
free(void *p)
{
	if (p && (char *)p < heap_ctx.next)
		heap_ctx.end = p;
}

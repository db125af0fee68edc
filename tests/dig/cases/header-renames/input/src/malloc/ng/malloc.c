#include <stddef.h>
#include "meta.h"

struct heap heap_ctx;
static char heap_space[65536];

void *
malloc(size_t n)
{
	char *p;

	if (!heap_ctx.next)
		heap_ctx.next = heap_space;
	p = heap_ctx.next;
	heap_ctx.next += n;
	return p;
}

/* A buffer pool that gets its memory through an out-parameter: the call is a statement,
 * but the address it passes brings memory back, so the link stays. */
#include <stddef.h>

int page_alloc(size_t n, void **out);

static void *pool_top;

void *buf_alloc(size_t n)
{
	void *p = NULL;
	page_alloc(n, &p);
	pool_top = p;
	return p;
}

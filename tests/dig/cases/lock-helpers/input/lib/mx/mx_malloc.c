/* A bump allocator whose lock is a mutex wrapped in helpers of a header it includes
 * through another. */
#include "mx_impl.h"

static char mx_pool[MX_POOL];
static size_t mx_top;

void *mx_alloc(size_t n)
{
	void *p = NULL;
	mx_lock();
	if (mx_top + n <= sizeof mx_pool) {
		p = mx_pool + mx_top;
		mx_top += n;
	}
	mx_unlock();
	return p;
}

void mx_free(void *p)
{
	mx_lock();
	if (p == mx_pool)
		mx_top = 0;
	mx_unlock();
}

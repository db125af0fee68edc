/* Three calls into liba from a/b/x/y. */
#include <stddef.h>
void *a_alloc(size_t);
void a_free(void *);

void y_work(void)
{
	void *p = a_alloc(16), *q = a_alloc(32), *r = a_alloc(64);
	a_free(p);
	a_free(q);
	a_free(r);
}

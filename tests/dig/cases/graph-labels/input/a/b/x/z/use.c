/* Two calls into liba from a/b/x/z. */
#include <stddef.h>
void *a_alloc(size_t);
void a_free(void *);

void z_work(void)
{
	void *p = a_alloc(8), *q = a_alloc(8);
	a_free(p);
	a_free(q);
}

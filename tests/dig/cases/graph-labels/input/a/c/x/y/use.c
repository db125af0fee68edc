/* Two calls into libb from a/c/x/y: the same last two folders as a/b/x/y. */
#include <stddef.h>
void *b_alloc(size_t);
void b_free(void *);

void y_other(void)
{
	void *p = b_alloc(16), *q = b_alloc(32);
	b_free(p);
	b_free(q);
}

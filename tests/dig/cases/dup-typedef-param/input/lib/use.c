#include "../include/types.h"

vpointer x_memdup(cpointer mem, usize byte_size);
vpointer x_attach(cpointer owner, usize byte_size);
vpointer x_malloc(usize n_bytes);
void x_free(vpointer p);

int use(void)
{
	void *p = x_memdup("ab", 3);
	void *q = x_malloc(3);
	void *r = x_attach(q, 8);
	x_free(p);
	x_free(q);
	x_free(r);
	return 0;
}

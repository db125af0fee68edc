#include "meta.h"
void *sbrk(long n);

struct meta *ng_heads[8];

void *ng_malloc(unsigned long n)
{
	struct meta *m = ng_heads[0];
	if (m)
		ng_heads[0] = m->next;
	else
		m = sbrk(sizeof *m + n);
	set_size(m + 1, n);
	return m + 1;
}

void ng_free(void *p)
{
	free_meta(get_meta(p));
}

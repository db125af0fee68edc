#include "defs.h"

typedef unsigned int pde_t;

pde_t *
setupkvm(void)
{
	pde_t *pgdir;

	if ((pgdir = (pde_t *)kalloc()) == 0)
		return 0;
	return pgdir;
}

void
freevm(pde_t *pgdir)
{
	kfree((char *)pgdir);
}

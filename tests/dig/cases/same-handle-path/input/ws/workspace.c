#include "../heap/heap.h"

/* the workspace: one heap the kernel allocates its objects from */
struct heap workspace;

void *workspace_allocate(unsigned long size)
{
	return heap_allocate(&workspace, size);
}

void workspace_free(void *p)
{
	heap_free(&workspace, p);
}

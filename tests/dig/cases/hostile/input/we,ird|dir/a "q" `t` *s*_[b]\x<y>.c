/*
 * Names that every writer must escape: the folder and file of this allocator.
 */
static char heap[512];
static unsigned long heap_top;

void *
hostile_alloc(unsigned long size)
{
	void *p = &heap[heap_top];

	heap_top += size;
	return p;
}

char *
hostile_user(void)
{
	return hostile_alloc(8);
}

static char heap[128];
static unsigned long used;

void *
heap_get_space(unsigned long size)
{
	void *p = &heap[used];

	used += size;
	return p;
}

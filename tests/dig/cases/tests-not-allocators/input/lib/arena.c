static char arena[4096];
static unsigned long arena_top;

void *
arena_alloc(unsigned long size)
{
	void *p = &arena[arena_top];

	arena_top += size;
	return p;
}

/* A bump allocator that records where each block was asked for. */
static char arena[65536];
static unsigned long used;
static const char *last_file;
static int last_line;

void *
dbg_malloc(unsigned long n, const char *file, int line)
{
	void *p;

	if (n > sizeof arena - used)
		return 0;
	p = arena + used;
	used += (n + 15) & ~15UL;
	last_file = file;
	last_line = line;
	return p;
}

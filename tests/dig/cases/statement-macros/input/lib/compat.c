/* A file that does not include sys/malloc.h: its MALLOC is a function of its own. */
static char pool[1024];
static int used;

static void *
MALLOC(int n)
{
	void *p = pool + used;

	used += n;
	return p;
}

void *
compat_get(void)
{
	return MALLOC(16);
}

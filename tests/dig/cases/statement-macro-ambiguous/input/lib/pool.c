/* The pool: a bump allocator over a static arena. */
static char arena[65536];
static unsigned long used;

void *
pool_malloc(unsigned long n)
{
	void *p;

	if (used + n > sizeof arena)
		return 0;
	p = arena + used;
	used += n;
	return p;
}

void
pool_free(void *p)
{
	(void)p;
	used = 0;
}

/* Near miss: a library's bump allocator whose one call in the tree discards the value;
 * its callers are the library's users, outside the tree: it stays an allocator. */
static char heap[4096];
static int used;

char *
bumpalloc(int n)
{
	char *p = heap + used;
	if (used + n > (int)sizeof heap)
		return 0;
	used += n;
	return p;
}

void
bump_warm(void)
{
	bumpalloc(0);
}

/* An old-style definition with an empty list: its arity is unknown, any call fits. */
static char old_space[2048];
static char *old_next = old_space;

char *
oalloc()
{
	char *p = old_next;

	old_next += 16;
	return p;
}

/* A compiler's bump allocator over sbrk: no free. */
extern char *sbrk(int incr);

static char *curbase, *coremax;

char *gblock(int n)
{
	char *p = curbase;
	if (curbase + n > coremax) {
		if (sbrk(1024) == (char *)-1)
			return 0;
		coremax += 1024;
	}
	curbase += n;
	return p;
}

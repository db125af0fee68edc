/*
 * A bump allocator over sbrk, in the style of old Unix tools: the
 * #else and #endif lines carry their condition's name, as old cc allowed.
 */
#ifndef lint
static char sccsid[] = "@(#)blkalloc.c	4.1";
#endif lint

static char *top, *end;
static int nblocks;

static void
grow(n)
	unsigned n;
{
#ifdef DEBUG
	nblocks++;
	trace("grow %u\n", n);
#else DEBUG
	nblocks++;
#endif DEBUG

	trace("grow: sbrk %u\n", 4096 + n);
	top = (char *)sbrk(4096 + n);
	end = top + 4096 + n;
}

char *
blkalloc(n)
	unsigned n;
{
	char *p;

	if (top + n > end)
		grow(n);
	if (top == (char *)-1)
		return 0;
	p = top;
	top += n;
	return p;
}

void
blkfree(p)
	char *p;
{
#ifdef DEBUG
	nblocks--;
#endif DEBUG
	brk(p);
	top = end = p;
}

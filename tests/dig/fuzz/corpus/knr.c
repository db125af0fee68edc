char *
malloc(nbytes)
unsigned nbytes;
{
	register union store *p;
	return sbrk(nbytes);
}
rmalloc(mp, size)
register struct map *mp;
{
	mfree(mp, size);
}

extern struct map coremap[];

newproc()
{
	int a1;

	a1 = malloc(coremap, 16);
	if (a1 == 0)
		return 0;
#if 0
	a1 = malloc(coremap, 32);
#endif
	mfree(coremap, 16, a1);
	return 1;
}

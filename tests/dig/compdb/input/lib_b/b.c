extern char *sbrk(int);

void *b_malloc(unsigned n)
{
	return sbrk((int)n);
}

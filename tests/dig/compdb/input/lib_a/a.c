extern char *sbrk(int);

void *a_malloc(unsigned n)
{
	return sbrk((int)n);
}

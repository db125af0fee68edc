/* not in the compilation database: a --compdb dig does not read it */
void *c_malloc(unsigned n)
{
	return sbrk((int)n);
}

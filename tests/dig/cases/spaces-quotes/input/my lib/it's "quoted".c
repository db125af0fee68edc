void *my_alloc(unsigned long size);

char *
make_name(void)
{
	return my_alloc(16);
}

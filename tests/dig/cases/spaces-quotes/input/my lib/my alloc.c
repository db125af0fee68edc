static char store[256];
static unsigned long top;

void *
my_alloc(unsigned long size)
{
	void *p = &store[top];

	top += size;
	return p;
}

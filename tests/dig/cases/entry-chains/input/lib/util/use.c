void *xmalloc(unsigned long n);
void *xcalloc(unsigned long n, unsigned long m);
void xfree(void *p);

void use(void)
{
	char *a = xmalloc(10);
	char *b = xcalloc(2, 5);
	char *c = xmalloc(20);
	xfree(a);
	xfree(b);
	xfree(c);
}

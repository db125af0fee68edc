/* A wrapper by behaviour: it keeps no state and hands out what malloc gave, after checking,
 * zeroing and tagging it (five callees: more than a one-line forwarder makes). */
void *malloc(unsigned long n);
void *memset(void *p, int c, unsigned long n);
void setmalloctag(void *p, unsigned long pc);
unsigned long getcallerpc(void *arg);
void sysfatal(const char *fmt, ...);

void *emalloc(unsigned long n)
{
	void *p;

	p = malloc(n);
	if (p == 0)
		sysfatal("out of memory allocating %lud", n);
	memset(p, 0, n);
	setmalloctag(p, getcallerpc(&n));
	return p;
}

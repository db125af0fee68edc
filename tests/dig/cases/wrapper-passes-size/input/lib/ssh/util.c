/* A checked malloc: its error helper keeps state of this file (a flag, a message), which
 * is no allocator state: no release takes anything back into it. */
void *mallocz(unsigned long n, int clr);
void *realloc(void *p, unsigned long n);
void setmalloctag(void *p, unsigned long pc);
unsigned long getcallerpc(void *arg);
void abort(void);
void exits(char *msg);
void fprint(int fd, char *fmt, ...);

char Ememory[] = "out of memory";
int doabort;

void error(char *msg)
{
	fprint(2, "ssh: %s\n", msg);
	if (doabort)
		abort();
	exits(msg);
}

void *emalloc(long n)
{
	void *a;

	a = mallocz(n, 1);
	if (a == 0)
		error(Ememory);
	setmalloctag(a, getcallerpc(&n));
	return a;
}

void *erealloc(void *v, long n)
{
	v = realloc(v, n);
	if (v == 0)
		error(Ememory);
	return v;
}

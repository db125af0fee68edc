/* A message cursor: getbytes hands out the next n bytes of the message it walks and
 * putbytes writes bytes into it; a get/put pair that is no allocator. */
typedef struct Msg Msg;
struct Msg {
	unsigned char *rp, *wp, *ep;
};

extern void error(char *msg);
extern void memmove(void *d, void *s, long n);

void *getbytes(Msg *m, int n)
{
	unsigned char *p;
	if (m->rp + n > m->ep)
		error("decode");
	p = m->rp;
	m->rp += n;
	return p;
}

void putbytes(Msg *m, void *a, long n)
{
	if (m->wp + n > m->ep)
		error("encode");
	memmove(m->wp, a, n);
	m->wp += n;
}

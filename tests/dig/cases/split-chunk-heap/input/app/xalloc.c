/* Wrappers of the heap: an error path that gives the block back whole is no split. */
void *heap_malloc(unsigned long n);
void heap_free(void *p);
int record_init(void *p, unsigned long n);
void die(const char *msg);

void *xalloc(unsigned long n)
{
	void *p = heap_malloc(n);
	if (!p)
		die("out of memory");
	if (record_init(p, n) < 0) {
		heap_free(p);
		return 0;
	}
	return p;
}

void copy_bytes(void *to, const void *from, unsigned long n)
{
	char *t = to;
	const char *f = from;
	while (n--)
		*t++ = *f++;
}

/* savestr is a dup whatever its name: memory from malloc, its parameter copied in with a copy
 * function, the copy returned; a wrapper of malloc. fmtint formats into a fresh buffer: it
 * copies no parameter, a constructor, no allocator. intern copies its parameter into fresh
 * memory too, but hands out what atom returns and frees its copy: no dup. */
typedef unsigned long size_t;

void *malloc(size_t n);
size_t strlen(const char *s);
void *memcpy(void *d, const void *s, size_t n);
int sprintf(char *buf, const char *fmt, ...);
void free(void *p);
char *atom(char *s);

char *savestr(const char *s)
{
	size_t l = strlen(s);
	char *d = malloc(l + 1);
	if (!d)
		return 0;
	return memcpy(d, s, l + 1);
}

char *fmtint(int v)
{
	char *b = malloc(16);
	if (b)
		sprintf(b, "%d", v);
	return b;
}

char *intern(const char *s)
{
	size_t l = strlen(s);
	char *d = malloc(l + 1), *a;
	memcpy(d, s, l + 1);
	a = atom(d);
	free(d);
	return a;
}

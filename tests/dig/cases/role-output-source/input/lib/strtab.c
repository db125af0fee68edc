/* A user of the pool. */
#include <stddef.h>
void *blk_alloc(size_t size);
void blk_free(void *p);
char *
strtab_add(const char *s, size_t n)
{
	char *p = blk_alloc(n + 1);
	for (size_t i = 0; p && i < n; i++)
		p[i] = s[i];
	return p;
}
void
strtab_drop(char *p)
{
	blk_free(p);
}
struct Bin;
void *binalloc(struct Bin **bin, unsigned long size);
void binfree(struct Bin **bin);
static struct Bin *names;
char *
strtab_name(unsigned long n)
{
	return binalloc(&names, n + 1);
}
void
strtab_clear(void)
{
	binfree(&names);
}

#include <string.h>

char *name_copy(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = mem_alloc(n);
	memcpy(d, s, n);
	return d;
}

#include <string.h>
#include "../pool/arena.h"

LIB_EXPORT_VA(char *) arena_strdup(arena *a, const char *s)
{
	lib_size n = strlen(s) + 1;
	char *r = arena_alloc(a, n);
	memcpy(r, s, n);
	return r;
}

LIB_EXPORT(void *) arena_calloc(arena *a, lib_size size)
{
	void *p = arena_alloc(a, size);
	memset(p, 0, size);
	return p;
}

/* at most n bytes of s: memchr measures it */
LIB_EXPORT(char *) arena_strndup(arena *a, const char *s, lib_size n)
{
	const char *end = memchr(s, '\0', n);
	char *r;
	if (end)
		n = end - s;
	r = arena_alloc(a, n + 1);
	memcpy(r, s, n);
	r[n] = '\0';
	return r;
}

/* A string duplicate over the memory duplicate beside it: a wrapper whose memory comes
 * from that entry point of its own file. */
#include <stddef.h>
#include <string.h>

void *chunk_alloc(size_t size);

void *mem_dup(const void *m, size_t n)
{
	void *res = chunk_alloc(n);
	if (res)
		memcpy(res, m, n);
	return res;
}

char *str_dup(const char *s)
{
	char *res;
	size_t len;
	if (s == NULL)
		return NULL;
	len = strlen(s) + 1;
	res = mem_dup(s, len);
	return res;
}

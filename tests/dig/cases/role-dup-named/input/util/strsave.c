/* A dup named like an allocator: newstr measures its string, takes memory from malloc for
 * it, copies the string in and returns the copy. It keeps no state: a wrapper of malloc,
 * whatever "new" in its name says, and its char * parameter is no handle of a cache. */
#include <stddef.h>
void *malloc(size_t size);
void free(void *p);
size_t strlen(const char *s);
size_t strlcpy(char *dst, const char *src, size_t size);
void usrerr(const char *msg);
void exit(int status);

char *
newstr(char *s)
{
	char *p;
	size_t s_sz = strlen(s);

	p = malloc(s_sz + 1);
	if (p == NULL) {
		usrerr("newstr: cannot alloc memory");
		exit(71);
	}
	(void) strlcpy(p, s, s_sz + 1);
	return (p);
}

void
freestr(char *s)
{
	free(s);
}

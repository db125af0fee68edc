/*
 * Debugging allocator: records the caller's file and line of every block.
 */
#include <stddef.h>

struct rec {
	const char *file;
	int line;
};

static struct rec last;

void *
Malloc(size_t n, const char *file, int line)
{
	last.file = file;
	last.line = line;
	return lib_malloc(n);
}

void
Free(void *p, const char *file, int line)
{
	last.file = file;
	last.line = line;
	lib_free(p);
}

#include <string.h>
#include "mem.h"

/* a copy of s: mem_new expands to mem_alloc_n, no function named mem_new exists */
char *text_dup (const char *s)
{
	size_t n;
	char *d;

	if (!s)
		return NULL;
	n = strlen (s) + 1;
	d = mem_new (char, n);
	memcpy (d, s, n);
	return d;
}

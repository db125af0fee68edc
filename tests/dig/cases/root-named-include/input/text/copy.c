#include <string.h>
/* written as the library's users write it: from the folder above the library (a build
 * says -I..), whose name is this dug folder's own */
#include <input/core/mem.h>

char *text_copy (const char *s)
{
	size_t n = strlen (s) + 1;
	char *d = lib_alloc (n);
	memcpy (d, s, n);
	return d;
}

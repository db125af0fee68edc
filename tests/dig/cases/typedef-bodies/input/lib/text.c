#include <stdlib.h>
#include <string.h>
#include "text.h"

/* tchar is char: a tchar * is raw memory, and this a dup of malloc */
tchar *text_copy (const tchar *s)
{
	size_t n = strlen (s) + 1;
	tchar *d = malloc (n);
	if (d)
		memcpy (d, s, n);
	return d;
}

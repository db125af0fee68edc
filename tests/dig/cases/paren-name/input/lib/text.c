#include <stdlib.h>
#include <string.h>
#include "text.h"

char *
(text_dup) (const char *s)
{
	size_t n = strlen (s) + 1;
	char *d = malloc (n);

	if (d != NULL)
		memcpy (d, s, n);
	return d;
}

int
(text_count) (const char *s, int c)
{
	int n = 0;

	while (*s)
		n += *s++ == c;
	return n;
}

#include <stdlib.h>
#include <string.h>
#include "hint.h"

/* a copy of s; the hint reads as the bare condition `if (s)` */
char *str_copy (const char *s)
{
	char *d;
	size_t n;

	if (LIKELY (s)) {
		n = strlen (s) + 1;
		d = malloc (n);
		memcpy (d, s, n);
	} else
		d = NULL;
	return d;
}

/* a copy of at most max bytes, the hint on its failure test */
char *str_copy_n (const char *s, size_t max)
{
	char *d;
	size_t n = strnlen (s, max);

	d = malloc (n + 1);
	if (UNLIKELY (d == NULL))
		return NULL;
	memcpy (d, s, n);
	d[n] = '\0';
	return d;
}

/* no copy: it asks a check whose answer decides */
char *str_checked (const char *s)
{
	char *d;
	size_t n;

	if (!VALID (s))
		return NULL;
	n = strlen (s) + 1;
	d = malloc (n);
	memcpy (d, s, n);
	return d;
}

int valid_pointer (const void *p)
{
	return p != NULL;
}

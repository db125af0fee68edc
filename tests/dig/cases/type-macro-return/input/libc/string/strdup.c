/* strdup and wcsdup from one text: the return type `Wchar *` is a macro that is `char *`
 * in the narrow build, so strdup returns raw memory: a dup of its argument (malloc, copy),
 * a wrapper of malloc. recdup returns a `Rec *`, a structure: no raw memory. */
#include <stdlib.h>
#include <string.h>
#include "_string.h"

#ifdef WANT_WIDE
# define Wstrdup wcsdup
# define Wstrlen wcslen
#else
# define Wstrdup strdup
# define Wstrlen strlen
#endif

Wchar *Wstrdup(register const Wchar *s1)
{
	register Wchar *s;
	register size_t l = (Wstrlen(s1) + 1) * sizeof(Wchar);

	if ((s = malloc(l)) != NULL)
		memcpy(s, s1, l);
	return s;
}

Rec *recdup(const Rec *r)
{
	Rec *c = malloc(sizeof *c);

	if (c != NULL)
		memcpy(c, r, sizeof *c);
	return c;
}

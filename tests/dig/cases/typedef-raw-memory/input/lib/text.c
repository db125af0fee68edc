/* A string copy in the library's character type. */
#include <string.h>
#include "types.h"

letter *
text_dup(const letter *s)
{
	size_t n = strlen(s) + 1;
	letter *d = mem_alloc(n);

	memcpy(d, s, n);
	return d;
}

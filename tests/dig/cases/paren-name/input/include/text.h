/* A copy function and a checking macro of the same name: the definition writes its name in
 * parentheses so that the macro does not apply to it. */
#include <stddef.h>

char *(text_dup) (const char *s);

static inline char *
text_dup_checked (const char *s)
{
	return s ? (text_dup) (s) : NULL;
}

#define text_dup(s) text_dup_checked (s)

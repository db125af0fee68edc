/* The string functions are written once for both widths: the character type is a macro,
 * char or wchar_t by the build (WANT_WIDE). */
#ifndef STRING_IMPL_H
#define STRING_IMPL_H
#include <stddef.h>
#include <wchar.h>

#ifdef WANT_WIDE
# define Wchar wchar_t
#else
# define Wchar char
#endif

/* a record copied whole: a macro of two words, no raw memory */
#define Rec struct record
struct record { int n; char name[16]; };

#endif

/* A packing tool that calls the library's record type void for itself: its typedef reaches
 * this file only, where `Record *` is raw memory (pack_alloc wraps malloc); elsewhere
 * `Record *` stays a pointer to the structure types.h defines. */
#include <stdlib.h>

typedef void Record;

Record *pack_alloc(size_t n)
{
	return malloc(n);
}

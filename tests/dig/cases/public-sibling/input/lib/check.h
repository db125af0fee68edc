/* The overflow check the heap multiplies with: it fills *dest, writing through a pointer. */
#include <stddef.h>
static inline int _CHECKED_MUL_SIZE(size_t *dest, size_t a, size_t b)
{
	*dest = a * b;
	return b == 0 || *dest / b == a;
}
#define size_checked_mul(dest, a, b) _CHECKED_MUL_SIZE(dest, a, b)

#include <stddef.h>

void *__libc_malloc_impl(size_t);

static void *
default_malloc(size_t n)
{
	return __libc_malloc_impl(n);
}

weak_alias(default_malloc, malloc);

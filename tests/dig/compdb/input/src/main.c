/* main.c: its build command says -Ilib_b, so "alloc.h" is lib_b's, and malloc is b_malloc */
#include "alloc.h"

void *get(unsigned n)
{
	return malloc(n);
}

#ifndef NDEBUG
/* a debugging allocator: the build command says -DNDEBUG, so this branch is dead */
void *get_debug(unsigned n)
{
	return b_malloc(n + 16);
}
#endif

/* main.c: its build command says -Ilib_b, so "alloc.h" is lib_b's, and malloc is b_malloc */
#include "alloc.h"

void *get(unsigned n)
{
	return malloc(n);
}

/* A checked heap over the C library: mem_alloc and mem_alloc0 are its public entries,
 * mem_alloc_n and mem_alloc0_n multiply with an overflow check that fills the size they
 * pass on (size_checked_mul(&len, ...)) and forward to a public entry of the same
 * allocator. mem_alloc0_n, the most called, names the implementation: its first link is
 * mem_alloc0, the public entry it calls (a function over a public entry of its own
 * allocator is a wrapper whose first link is that entry), not calloc below it, nor the
 * check that fills len. */
#include <stdlib.h>
#include "check.h"

void die(const char *why);

void *mem_alloc(size_t n)
{
	void *p = malloc(n);
	if (!p)
		die("out of memory");
	return p;
}

void *mem_alloc0(size_t n)
{
	void *p = calloc(1, n);
	if (!p)
		die("out of memory");
	return p;
}

void *mem_alloc_n(size_t n, size_t size)
{
	size_t len;
	if (!size_checked_mul(&len, n, size))
		die("overflow");
	return mem_alloc(len);
}

void *mem_alloc0_n(size_t n, size_t size)
{
	size_t len;
	if (!size_checked_mul(&len, n, size))
		die("overflow");
	return mem_alloc0(len);
}

void mem_free(void *p)
{
	free(p);
}

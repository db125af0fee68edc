/* A library's allocation goes through variables the program may set: mem_alloc calls
 * whatever function mem_alloc_fn holds (malloc until the program stores its own). Its
 * backend link is what is stored into the variable: the program's pool (a test's hook
 * does not count), not the variable's name. */
#include <stdlib.h>

void *(*mem_alloc_fn)(size_t size) = malloc;
void (*mem_free_fn)(void *p) = free;

#define MEM_LIMIT ((size_t)1 << 30)

void *mem_alloc(size_t size)
{
	if (size > MEM_LIMIT)
		return NULL;
	return mem_alloc_fn(size);
}

void mem_free(void *p)
{
	if (p != NULL)
		mem_free_fn(p);
}

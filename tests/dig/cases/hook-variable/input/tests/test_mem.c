/* A test that makes every allocation fail: a hook stored at run time by a test program,
 * not where the library's variable points when the program runs. */
#include <stddef.h>

extern void *(*mem_alloc_fn)(size_t size);
void *mem_alloc(size_t size);

static void *failing_alloc(size_t size)
{
	(void)size;
	return NULL;
}

int main(void)
{
	mem_alloc_fn = failing_alloc;
	return mem_alloc(8) == NULL ? 0 : 1;
}

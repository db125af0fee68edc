/* A test program that interposes the C library's malloc to make it fail on demand: its
 * malloc is linked only into this test, never into the library under test. */
#include <dlfcn.h>
#include <stdlib.h>

static int fail_next;

void *malloc(size_t size)
{
	static void *(*next)(size_t);

	if (!next)
		next = dlsym(RTLD_NEXT, "malloc");
	if (fail_next)
		return NULL;
	return next(size);
}

int main(void)
{
	fail_next = 1;
	return name_copy("x") == NULL;
}

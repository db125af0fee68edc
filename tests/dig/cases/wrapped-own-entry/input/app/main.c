/* The callers: what they call is each allocator's public name. */
#include <stdio.h>

#include <stddef.h>

void *chunk_alloc(size_t size);
void chunk_free(void *ptr, size_t size);
char *str_dup(const char *s);

int main(int argc, char **argv)
{
	void *a = chunk_alloc(24);
	void *b = chunk_alloc(100);
	char *n = str_dup(argv[0]);
	char *m = str_dup(argc > 1 ? argv[1] : "none");
	printf("%p %p %s %s\n", a, b, n, m);
	chunk_free(a, 24);
	chunk_free(b, 100);
	return 0;
}

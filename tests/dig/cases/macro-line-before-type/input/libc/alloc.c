/* A libc's simple allocator: one anonymous mapping per block, its size kept in front.
 * Each definition follows a macro line that has no semicolon (a symbol-visibility macro,
 * `hidden_proto(f)`), or a declaration ending in an attribute macro: a parser without a
 * preprocessor runs that line on into the definition. The return type is still `void *`
 * (the words after the macro line), so malloc, memalign and xmalloc hand out memory. */
#include <stddef.h>
#include <sys/mman.h>

#define attribute_hidden
#define weak_function
#define hidden_proto(name)
#define hidden_def(name)

extern int weak_function free_aligned(void *ptr) attribute_hidden;

#ifdef L_malloc
void *malloc(size_t size)
{
	void *result;

	if (size == 0)
		return NULL;
	result = mmap((void *) 0, size + sizeof(size_t), PROT_READ | PROT_WRITE,
	              MAP_PRIVATE | MAP_ANONYMOUS, 0, 0);
	if (result == MAP_FAILED)
		return 0;
	*(size_t *) result = size;
	return (char *) result + sizeof(size_t);
}
#endif

#ifdef L_free
void free(void *ptr)
{
	size_t *p;

	if (ptr == NULL)
		return;
	p = (size_t *) ptr - 1;
	munmap(p, *p + sizeof(size_t));
}
#endif

hidden_proto(memalign)
void *memalign(size_t alignment, size_t size)
{
	char *block = malloc(size + alignment);
	if (block == NULL)
		return NULL;
	return (void *) (((size_t) block + alignment - 1) & ~(alignment - 1));
}
hidden_def(memalign)

void (*xmalloc_failed)(size_t size) = NULL;
hidden_proto(xmalloc_failed)

void *xmalloc(size_t size)
{
	void *p;

	while (1) {
		p = malloc(size);
		if (!size || p)
			return p;
		if (!xmalloc_failed)
			return NULL;
		xmalloc_failed(size);
	}
}

int main(void)
{
	char *a = xmalloc(10), *b = memalign(16, 32);
	free(a);
	return b == NULL;
}

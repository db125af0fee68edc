/* The error-code interface: the memory through a void ** out-parameter. */
typedef unsigned long size_t;
extern void *aligned_alloc(size_t align, size_t len);

int posix_memalign(void **res, size_t align, size_t len)
{
	void *mem;
	if (align < sizeof(void *))
		return 22;
	mem = aligned_alloc(align, len);
	if (mem == 0)
		return 12;
	*res = mem;
	return 0;
}

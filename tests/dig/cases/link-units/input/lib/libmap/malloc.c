/* A second library allocator (mapped pages): a program may link this one instead. */
#include <stddef.h>
#include <sys/mman.h>

static size_t mapped;
extern size_t heap_peak; /* defined in no library: only the rtld program has one */

void *malloc(size_t size)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	mapped += size;
	if (mapped > heap_peak)
		heap_peak = mapped;
	return p;
}

void free(void *p)
{
	(void)p;
	mapped--;
}

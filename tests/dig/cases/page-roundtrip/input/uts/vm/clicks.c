/* Memory in clicks of 64 bytes: a round trip through a count of clicks is no page. */
#include <stddef.h>

typedef struct vmem vmem_t;
void *vmem_alloc(vmem_t *vmp, unsigned long size, int vmflag);
void vmem_free(vmem_t *vmp, void *addr, unsigned long size);

size_t ctob(size_t clicks);
size_t btoc(size_t bytes);

vmem_t *click_arena;

void *click_alloc(size_t size, int flags)
{
	size_t len = ctob(btoc(size));
	return vmem_alloc(click_arena, len, flags);
}

void click_free(void *p, size_t size)
{
	vmem_free(click_arena, p, ctob(btoc(size)));
}

/* Typed allocation over a memory's procedures: the size comes from the type descriptor,
 * the memory is whatever the memory's own procedure returns. No state of its own. */
#include <stddef.h>

struct mem;
struct mem_procs {
	void *(*alloc_bytes)(struct mem *m, size_t n, const char *cname);
	void (*free_object)(struct mem *m, void *p, const char *cname);
};
struct mem {
	const struct mem_procs *procs;
};
struct type_desc {
	size_t size;
	const char *name;
};

#define mem_alloc_bytes(m, n, c) (*(m)->procs->alloc_bytes)(m, n, c)
#define mem_free_object(m, p, c) (*(m)->procs->free_object)(m, p, c)

static size_t type_size(const struct type_desc *t)
{
	return t->size;
}

void *typed_alloc_struct(struct mem *m, const struct type_desc *t, const char *cname)
{
	return mem_alloc_bytes(m, type_size(t), cname);
}

void typed_free_struct(struct mem *m, void *p, const char *cname)
{
	mem_free_object(m, p, cname);
}

/* Device memory for user mappings: the request rounded to whole pages by a round trip
 * through a page count, then spans of its own arena, a cookie recording each. */
#include <stddef.h>

typedef struct vmem vmem_t;
void *vmem_alloc(vmem_t *vmp, unsigned long size, int vmflag);
void vmem_free(vmem_t *vmp, void *addr, unsigned long size);
void *kmem_zalloc(size_t size, int flag);
void kmem_free(void *p, size_t size);
size_t ptob(size_t pages);
size_t btopr(size_t bytes);



struct umem_cookie {
	void *cvaddr;
	size_t size;
};

vmem_t *umem_arena;

void *umem_alloc(size_t size, int flags, struct umem_cookie **cookiep)
{
	size_t len = ptob(btopr(size));
	struct umem_cookie *cp;
	void *buf;
	if (len == 0)
		return NULL;
	cp = kmem_zalloc(sizeof (struct umem_cookie), flags);
	if (cp == NULL)
		return NULL;
	buf = vmem_alloc(umem_arena, len, flags);
	if (buf == NULL) {
		kmem_free(cp, sizeof (struct umem_cookie));
		return NULL;
	}
	cp->cvaddr = buf;
	cp->size = len;
	*cookiep = cp;
	return buf;
}

void umem_free(struct umem_cookie *cp)
{
	vmem_free(umem_arena, cp->cvaddr, cp->size);
	kmem_free(cp, sizeof (struct umem_cookie));
}

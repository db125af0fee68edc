/*
 * alloc/page/page_host.c: pages from a host kernel's allocator (its vm_map or
 * kmem_alloc_wired / kmem_free), through the callbacks in a strata_page_host_t.
 * The host must honour the alignment; a misaligned answer is handed back (when the host
 * can take it) and the map fails, rather than breaking the layers above.
 */
#include <strata/page.h>

/* Ask the host for size bytes aligned to align. */
static void *page_host_map(void *ctx, size_t size, size_t align)
{
	strata_page_host_t *h = ctx;
	if (!h || !h->vm_map || size == 0 || align == 0 || (align & (align - 1)) != 0)
		return NULL;
	void *p = h->vm_map(h->arg, size, align);
	if (p && ((uintptr_t)p & (align - 1)) != 0) {
		if (h->vm_unmap)
			h->vm_unmap(h->arg, p, size);
		return NULL;
	}
	return p;
}

/* Give a range back to the host, when it takes ranges back at all. */
static void page_host_unmap(void *ctx, void *addr, size_t size)
{
	strata_page_host_t *h = ctx;
	if (h && h->vm_unmap)
		h->vm_unmap(h->arg, addr, size);
}

const strata_page_ops_t strata_page_host = {
	.name = "host",
	.map = page_host_map,
	.unmap = page_host_unmap,
	.purge = NULL,
	.protect = NULL,   /* no callback for it in strata_page_host_t: no guard pages */
};

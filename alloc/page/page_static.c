/*
 * alloc/page/page_static.c: a static region handed in by the caller (boot, firmware,
 * tests). Pages are handed out upward from region->next and never come back; a grant
 * that does not fit fails without moving `next`, so a smaller one may still succeed.
 * `next` is advanced with a compare-and-swap: several CPUs may map at once.
 */
#include <strata/page.h>

/* Set a region up over [base, base + size), first byte rounded up to a page. */
void strata_page_region_init(strata_page_region_t *region, void *base, size_t size)
{
	uintptr_t ps = strata_page_size();
	uintptr_t b = (uintptr_t)base;
	uintptr_t end = b + size < b ? UINTPTR_MAX : b + size;
	region->base = b;
	region->end = end & ~(ps - 1);
	region->next = (b + ps - 1) & ~(ps - 1);
	if (region->next > region->end || region->next < b)
		region->next = region->end;
}

/* Hand out size bytes aligned to align from the region; NULL when it does not fit. */
static void *page_static_map(void *ctx, size_t size, size_t align)
{
	strata_page_region_t *r = ctx;
	if (!r || size == 0 || align == 0 || (align & (align - 1)) != 0)
		return NULL;
	uintptr_t next = __atomic_load_n(&r->next, __ATOMIC_ACQUIRE);
	for (;;) {
		uintptr_t addr = (next + align - 1) & ~(uintptr_t)(align - 1);
		if (addr < next || addr > r->end || r->end - addr < size)
			return NULL;
		if (__atomic_compare_exchange_n(&r->next, &next, addr + size, 0,
		                                __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
			return (void *)addr;
	}
}

const strata_page_ops_t strata_page_static = {
	.name = "static",
	.map = page_static_map,
	.unmap = NULL,
	.purge = NULL,
	.protect = NULL,   /* a caller's region: no page protection, so no guard pages */
};

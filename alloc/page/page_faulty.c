/*
 * alloc/page/page_faulty.c: fault injection. Forwards to an inner source until
 * `fail_after` maps have succeeded, then every map fails, or with `transient` only the
 * next one (fail_after < 0: never). Unmap, purge and protect always forward. The counters
 * are advanced atomically so threaded tests see exactly fail_after successes.
 */
#include <strata/page.h>

/* Map through the inner source unless the budget of successful maps is spent. */
static void *page_faulty_map(void *ctx, size_t size, size_t align)
{
	strata_page_faulty_t *f = ctx;
	if (!f || !f->inner.ops || !f->inner.ops->map)
		return NULL;
	if (f->fail_after >= 0) {
		long n = __atomic_fetch_add(&f->maps, 1, __ATOMIC_ACQ_REL);
		if (n >= f->fail_after && (!f->transient || __atomic_load_n(&f->failed, __ATOMIC_ACQUIRE) == 0)) {
			__atomic_fetch_sub(&f->maps, 1, __ATOMIC_ACQ_REL);
			__atomic_fetch_add(&f->failed, 1, __ATOMIC_ACQ_REL);
			return NULL;
		}
		void *p = f->inner.ops->map(f->inner.ctx, size, align);
		if (!p)
			__atomic_fetch_sub(&f->maps, 1, __ATOMIC_ACQ_REL);
		return p;
	}
	void *p = f->inner.ops->map(f->inner.ctx, size, align);
	if (p)
		__atomic_fetch_add(&f->maps, 1, __ATOMIC_ACQ_REL);
	return p;
}

/* Forward a remap; one that grows counts as a map, and fails as one would. */
static void *page_faulty_remap(void *ctx, void *addr, size_t old_size, size_t new_size)
{
	strata_page_faulty_t *f = ctx;
	if (!f || !f->inner.ops || !f->inner.ops->remap)
		return NULL;
	if (new_size > old_size && f->fail_after >= 0) {
		long n = __atomic_load_n(&f->maps, __ATOMIC_ACQUIRE);
		if (n >= f->fail_after && (!f->transient || __atomic_load_n(&f->failed, __ATOMIC_ACQUIRE) == 0)) {
			__atomic_fetch_add(&f->failed, 1, __ATOMIC_ACQ_REL);
			return NULL;
		}
	}
	void *p = f->inner.ops->remap(f->inner.ctx, addr, old_size, new_size);
	if (p && new_size > old_size)
		__atomic_fetch_add(&f->maps, 1, __ATOMIC_ACQ_REL);
	return p;
}

/* Forward an unmap (dropped when the inner source cannot unmap). */
static void page_faulty_unmap(void *ctx, void *addr, size_t size)
{
	strata_page_faulty_t *f = ctx;
	if (f && f->inner.ops && f->inner.ops->unmap)
		f->inner.ops->unmap(f->inner.ctx, addr, size);
}

/* Forward a purge (dropped when the inner source cannot purge). */
static void page_faulty_purge(void *ctx, void *addr, size_t size)
{
	strata_page_faulty_t *f = ctx;
	if (f && f->inner.ops && f->inner.ops->purge)
		f->inner.ops->purge(f->inner.ctx, addr, size);
}

/* Forward a protection change (-1 when the inner source has none). */
static int page_faulty_protect(void *ctx, void *addr, size_t size, int access)
{
	strata_page_faulty_t *f = ctx;
	if (f && f->inner.ops && f->inner.ops->protect)
		return f->inner.ops->protect(f->inner.ctx, addr, size, access);
	return -1;
}

const strata_page_ops_t strata_page_faulty = {
	.name = "faulty",
	.map = page_faulty_map,
	.unmap = page_faulty_unmap,
	.purge = page_faulty_purge,
	.protect = page_faulty_protect,
	.remap = page_faulty_remap,
};

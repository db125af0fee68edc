/*
 * alloc/page/page_mmap.c: the hosted default page source, anonymous mmap.
 *
 * Alignment beyond a page is had by over-mapping: map size + align - page bytes, then
 * unmap the misaligned head and the unused tail, so exactly [addr, addr + size) stays
 * mapped and unmap() later needs nothing but the same (addr, size). Purge is
 * madvise(MADV_DONTNEED): the range stays reserved and reads back as zeros. Remap is
 * mremap(MREMAP_MAYMOVE): a big block grows without a copy.
 * Nothing here prints; errno is preserved so free() never changes it.
 */
#include <errno.h>
#include <stdint.h>
#include <sys/mman.h>

#include <strata/page.h>

/* Map size bytes aligned to align (a power of two >= the page size); NULL on failure. */
static void *page_mmap_map(void *ctx, size_t size, size_t align)
{
	size_t ps = strata_page_size();
	int saved = errno;
	(void)ctx;
	if (size == 0 || size % ps != 0 || align < ps || (align & (align - 1)) != 0)
		return NULL;
	size_t extra = align - ps;
	if (size > SIZE_MAX - extra)
		return NULL;
	void *p = mmap(NULL, size + extra, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		errno = saved;
		return NULL;
	}
	uintptr_t base = (uintptr_t)p;
	uintptr_t addr = (base + align - 1) & ~(uintptr_t)(align - 1);
	if (addr > base)
		munmap(p, addr - base);
	uintptr_t tail = base + size + extra - (addr + size);
	if (tail > 0)
		munmap((void *)(addr + size), tail);
	errno = saved;
	return (void *)addr;
}

/* Give a mapped range back to the system. */
static void page_mmap_unmap(void *ctx, void *addr, size_t size)
{
	int saved = errno;
	(void)ctx;
	munmap(addr, size);
	errno = saved;
}

/* Drop the physical pages behind a range; it stays mapped and reads as zeros. */
static void page_mmap_purge(void *ctx, void *addr, size_t size)
{
	int saved = errno;
	(void)ctx;
	madvise(addr, size, MADV_DONTNEED);
	errno = saved;
}

/* Resize a mapping, moving it when it cannot grow where it is (Linux mremap); NULL when
 * the system cannot (the old mapping is untouched). */
static void *page_mmap_remap(void *ctx, void *addr, size_t old_size, size_t new_size)
{
	(void)ctx;
#if defined(__linux__) && defined(MREMAP_MAYMOVE)
	int saved = errno;
	void *p = mremap(addr, old_size, new_size, MREMAP_MAYMOVE);
	errno = saved;
	return p == MAP_FAILED ? NULL : p;
#else
	(void)addr;
	(void)old_size;
	(void)new_size;
	return NULL;
#endif
}

/* Make whole pages inaccessible (a guard) or readable and writable again; 0 or -1. */
static int page_mmap_protect(void *ctx, void *addr, size_t size, int access)
{
	int saved = errno;
	(void)ctx;
	int rc = mprotect(addr, size, access == STRATA_PAGE_NONE ? PROT_NONE : PROT_READ | PROT_WRITE);
	errno = saved;
	return rc == 0 ? 0 : -1;
}

const strata_page_ops_t strata_page_mmap = {
	.name = "mmap",
	.map = page_mmap_map,
	.unmap = page_mmap_unmap,
	.purge = page_mmap_purge,
	.protect = page_mmap_protect,
	.remap = page_mmap_remap,
};

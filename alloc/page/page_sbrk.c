/*
 * alloc/page/page_sbrk.c: the legacy morecore, pages from the program break.
 *
 * The program (or another allocator linked into it) may move the break too, so nothing
 * here assumes that two grants are contiguous or that the break is where we left it.
 * Each grant reads the break, asks for the padding that aligns it plus the size, and then
 * checks where the grant really started: if someone moved the break in between, the
 * aligned range inside what we got may be short, and we ask for the missing tail only if
 * it is still contiguous with our grant; otherwise the grant is abandoned (a few pages
 * lost to the program's break, never handed out twice). The break never shrinks: sbrk
 * memory cannot be unmapped (unmap is NULL), only purged with madvise; its pages can be
 * protected with mprotect like any anonymous mapping (guard pages).
 * A private spin flag serialises grants from libstrata itself.
 */
#include <errno.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#include <strata/page.h>

/* Module state: one flag serialising our own grants. */
static struct page_sbrk_state {
	atomic_flag busy;   /* set while a grant is in progress */
} page_sbrk_state = { ATOMIC_FLAG_INIT };

/* Grant size bytes aligned to align from the break; NULL when the break cannot grow. */
static void *page_sbrk_map(void *ctx, size_t size, size_t align)
{
	size_t ps = strata_page_size();
	void *result = NULL;
	int saved = errno;
	(void)ctx;
	if (size == 0 || size % ps != 0 || align < ps || (align & (align - 1)) != 0)
		return NULL;
	if (size > (size_t)INTPTR_MAX - align)
		return NULL;
	while (atomic_flag_test_and_set_explicit(&page_sbrk_state.busy, memory_order_acquire))
		;
	uintptr_t cur = (uintptr_t)sbrk(0);
	if (cur == (uintptr_t)-1)
		goto out;
	uintptr_t pad = ((cur + align - 1) & ~(uintptr_t)(align - 1)) - cur;
	void *got = sbrk((intptr_t)(pad + size));
	if (got == (void *)-1)
		goto out;
	uintptr_t start = (uintptr_t)got, end = start + pad + size;
	uintptr_t addr = (start + align - 1) & ~(uintptr_t)(align - 1);
	if (addr + size > end) {
		/* The break moved under us: extend only if still contiguous with our grant. */
		uintptr_t more = addr + size - end;
		if ((uintptr_t)sbrk(0) != end || sbrk((intptr_t)more) != (void *)end)
			goto out;
	}
	result = (void *)addr;
out:
	atomic_flag_clear_explicit(&page_sbrk_state.busy, memory_order_release);
	errno = saved;
	return result;
}

/* Drop the physical pages behind a range of the break (it stays ours). */
static void page_sbrk_purge(void *ctx, void *addr, size_t size)
{
	int saved = errno;
	(void)ctx;
	madvise(addr, size, MADV_DONTNEED);
	errno = saved;
}

/* Guard or unguard whole pages of the break (mprotect); 0 or -1. */
static int page_sbrk_protect(void *ctx, void *addr, size_t size, int access)
{
	int saved = errno;
	(void)ctx;
	int rc = mprotect(addr, size, access == STRATA_PAGE_NONE ? PROT_NONE : PROT_READ | PROT_WRITE);
	errno = saved;
	return rc == 0 ? 0 : -1;
}

const strata_page_ops_t strata_page_sbrk = {
	.name = "sbrk",
	.map = page_sbrk_map,
	.unmap = NULL,
	.purge = page_sbrk_purge,
	.protect = page_sbrk_protect,
};

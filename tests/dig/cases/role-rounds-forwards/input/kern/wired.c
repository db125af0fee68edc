/* wired_alloc rounds the request to pages before it takes anything, then backs a free
 * range of its own with one page per step: page-level (its name says neither). */
#define PGSIZE 4096
#define round_page(x) (((x) + PGSIZE - 1) & ~(PGSIZE - 1))
char *kalloc(void);
void kfree(char *v);
static unsigned long wired_next = 0x100000, wired_end = 0x800000;
static char *wired_pages[2048];

int wired_alloc(unsigned long *addrp, unsigned long size)
{
	unsigned long a;
	size = round_page(size);
	if (wired_next + size > wired_end)
		return 3;
	for (a = 0; a < size; a += PGSIZE) {
		char *mem = kalloc();
		if (mem == 0)
			return 6;
		wired_pages[(wired_next + a - 0x100000) / PGSIZE] = mem;
	}
	*addrp = wired_next;
	wired_next += size;
	return 0;
}

void wired_free(unsigned long addr, unsigned long size)
{
	unsigned long a;
	for (a = 0; a < round_page(size); a += PGSIZE)
		kfree(wired_pages[(addr + a - 0x100000) / PGSIZE]);
}

/* get_empty_page takes a page from get_free_page and installs it at the caller's address with
 * put_page, which stores the page into the page table; free_page takes it back only when that
 * fails. It returns nothing: the page is handed out by being mapped (the address space's
 * teardown frees it). read_block uses a page as a bounce buffer and gives it back: the page is
 * passed to a function that fills it, not stored, so it is no allocator. */
#define NPAGES 256
#define LOW 0x100000UL

static unsigned char mem_map[NPAGES];
static unsigned long page_table[1024];

void oom(void);
int fill_from_disk(unsigned long page, unsigned long block);
void copy_to_user(unsigned long to, unsigned long page);

unsigned long get_free_page(void)
{
	for (int i = 0; i < NPAGES; i++)
		if (!mem_map[i]) {
			mem_map[i] = 1;
			return LOW + ((unsigned long)i << 12);
		}
	return 0;
}

void free_page(unsigned long addr)
{
	if (mem_map[(addr - LOW) >> 12])
		mem_map[(addr - LOW) >> 12]--;
}

unsigned long put_page(unsigned long page, unsigned long address)
{
	if (page < LOW)
		return 0;
	page_table[(address >> 12) & 0x3ff] = page | 7;
	return page;
}

void get_empty_page(unsigned long address)
{
	unsigned long tmp;

	if (!(tmp = get_free_page()) || !put_page(tmp, address)) {
		free_page(tmp);
		oom();
	}
}

void read_block(unsigned long block, unsigned long to)
{
	unsigned long buf;

	if (!(buf = get_free_page()))
		return;
	fill_from_disk(buf, block);
	copy_to_user(to, buf);
	free_page(buf);
}

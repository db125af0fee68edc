/* A page frame allocator over a byte map: the backend of the pipe node. */
#define NPAGES 256
#define LOW 0x100000UL

static unsigned char page_map[NPAGES];

unsigned long get_free_page(void)
{
	for (int i = 0; i < NPAGES; i++)
		if (!page_map[i]) {
			page_map[i] = 1;
			return LOW + ((unsigned long)i << 12);
		}
	return 0;
}

void free_page(unsigned long addr)
{
	page_map[(addr - LOW) >> 12] = 0;
}

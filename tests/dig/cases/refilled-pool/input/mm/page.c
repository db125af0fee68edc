#define PAGE_SIZE 4096
#define NPAGES 64

static char pages[NPAGES][PAGE_SIZE];
static unsigned char used[NPAGES];

unsigned long get_free_page(int prio)
{
	for (int i = 0; i < NPAGES; i++)
		if (!used[i]) {
			used[i] = 1;
			return (unsigned long)pages[i];
		}
	return 0;
}

void free_page(unsigned long addr)
{
	used[(addr - (unsigned long)pages) / PAGE_SIZE] = 0;
}

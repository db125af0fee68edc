unsigned long get_free_page(void);
void free_page(unsigned long addr);

void pt_setup(void)
{
	unsigned long pt = get_free_page();
	free_page(pt);
}

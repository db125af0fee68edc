void get_empty_page(unsigned long address);
void read_block(unsigned long block, unsigned long to);

void do_fault(unsigned long address)
{
	get_empty_page(address & ~0xfffUL);
}

void do_read(unsigned long block, unsigned long to)
{
	read_block(block, to);
}

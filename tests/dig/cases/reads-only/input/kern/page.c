/* Pages claimed in inline assembly (Linux 0.11's way): the body writes nothing the parser
 * sees, and still takes a page out of mem_map. */
#define LOW_MEM 0x100000
#define PAGING_PAGES 3840

unsigned char mem_map[PAGING_PAGES];

/* The highest free page's address, or 0. */
unsigned long get_free_page(void)
{
	register unsigned long __res asm("ax");

	__asm__("std ; repne ; scasb\n\t"
	    "jne 1f\n\t"
	    "movb $1,1(%%edi)\n\t"
	    "sall $12,%%ecx\n\t"
	    "addl %2,%%ecx\n\t"
	    "movl %%ecx,%%edx\n"
	    "1:"
	    : "=a" (__res)
	    : "0" (0), "i" (LOW_MEM), "c" (PAGING_PAGES), "D" (mem_map + PAGING_PAGES - 1));
	return __res;
}

/* Give the page at addr back. */
void free_page(unsigned long addr)
{
	addr -= LOW_MEM;
	addr >>= 12;
	if (mem_map[addr]--)
		return;
	mem_map[addr] = 0;
}

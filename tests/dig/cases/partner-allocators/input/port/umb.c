/* A resource map of upper memory blocks: umbmalloc and umbfree share rmapumb. */
struct rmap {
	unsigned long base[32];
	unsigned long size[32];
	int n;
};

static struct rmap rmapumb;

extern unsigned long mapalloc(struct rmap *map, unsigned long addr, int size, int align);
extern void mapfree(struct rmap *map, unsigned long addr, int size);

unsigned long umbmalloc(unsigned long addr, int size, int align)
{
	unsigned long a = mapalloc(&rmapumb, addr, size, align);
	if (a == 0)
		return 0;
	return a | 0x80000000UL;
}

void umbfree(unsigned long addr, int size)
{
	mapfree(&rmapumb, addr & ~0x80000000UL, size);
}

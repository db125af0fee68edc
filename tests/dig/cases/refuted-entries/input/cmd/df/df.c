/* A free-block counter: alloc pops block numbers off the file system's free list only so
 * that its one caller can count them (`while (alloc()) i++`). Beside it a near miss:
 * ialloc, called in a while condition once and for its value elsewhere (an allocator). */
#define NICFREE 50
struct filsys {
	int s_nfree;
	long s_free[NICFREE];
	int s_ninode;
	int s_inode[NICFREE];
} sblock;

long
alloc()
{
	long b;
	if (sblock.s_nfree <= 0)
		return 0;
	b = sblock.s_free[--sblock.s_nfree];
	return b;
}

int
ialloc()
{
	if (sblock.s_ninode <= 0)
		return 0;
	return sblock.s_inode[--sblock.s_ninode];
}

main()
{
	long i = 0;
	int ino;
	while (alloc())
		i++;
	while ((ino = ialloc()) == 0)
		sblock.s_ninode = 1;
	ino = ialloc();
	return (int)i + ino;
}

/* swap space for shared text, from the swap map */
extern struct map swapmap[];

xalloc(ip)
int *ip;
{
	int daddr;

	daddr = malloc(swapmap, 8);
	if (daddr == 0)
		panic("out of swap space");
	return daddr;
}

xfree(daddr)
int daddr;
{
	mfree(swapmap, 8, daddr);
}

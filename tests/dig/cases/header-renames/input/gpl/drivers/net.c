#include <linux/malloc.h>

void *
net_open(unsigned int size)
{
	void *skb = kmalloc(size, 0);

	kfree(skb);
	return kmalloc(size, 1);
}

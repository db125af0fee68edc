#define MACH_INCLUDE
#include <linux/malloc.h>

void
block_drop(void *buf, unsigned long size)
{
	kfree(buf, size);
}

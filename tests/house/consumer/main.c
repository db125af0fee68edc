/* A program outside the project that uses an installed libstrata: kalloc and the stats API. */
#include <stdio.h>
#include <string.h>

#include <strata/strata.h>

int main(void)
{
	char *p = kalloc(100);
	if (!p)
		return 1;
	memset(p, 'x', 100);
	kfree(p, 100);
	unsigned long n = strata_stats_get("kalloc", "kalloc");
	printf("kalloc calls: %lu\n", n);
	return n >= 1 ? 0 : 1;
}

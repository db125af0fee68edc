/* A program outside the project that uses an installed libstrata: kalloc, the stats API and
 * the version (tests/house/install_consumer.sh and deb.sh build it). */
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
	printf("libstrata %s, kalloc calls: %lu\n", strata_version(), n);
	/* the library loaded is the one whose headers the program was built with */
	return n >= 1 && strcmp(strata_version(), STRATA_VERSION_STRING) == 0 ? 0 : 1;
}

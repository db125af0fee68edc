/* Unit numbers from a bitmap: one returns the unit it takes, one hands it out through an
 * out-parameter and returns a status. Both hand out units: allocators. */
#include <stddef.h>

#define ENOSPC 28
#define NUNITS 64

static unsigned char unit_used[NUNITS];

int
unit_alloc(void)
{
	int u;

	for (u = 0; u < NUNITS; u++)
		if (!unit_used[u]) {
			unit_used[u] = 1;
			return u;
		}
	return -1;
}

int
unit_alloc_id(int *idp)
{
	int u;

	for (u = 0; u < NUNITS; u++)
		if (!unit_used[u]) {
			unit_used[u] = 1;
			*idp = u;
			return 0;
		}
	return ENOSPC;
}

void
unit_free(int u)
{
	unit_used[u] = 0;
}

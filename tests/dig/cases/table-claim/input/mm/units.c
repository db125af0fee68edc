/* Unit numbers from a plain in-use table: get_unit takes the first free one, put_unit
 * clears it. */
#define NUNITS 32

static char inuse[NUNITS];

int get_unit(void)
{
	int u;

	for (u = 0; u < NUNITS; u++)
		if (!inuse[u]) {
			inuse[u] = 1;
			return u;
		}
	return -1;
}

void put_unit(int u)
{
	inuse[u] = 0;
}

/* Unit numbers from a plain in-use table: get_unit takes the first free one, put_unit
 * clears it. Not claims: mark_unit sets the entry its caller names, and first_seen sets
 * a flag by an index it found but nothing of the file gives the entry back. */
#define NUNITS 32

static char inuse[NUNITS];
static char seen[NUNITS];

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

int mark_unit(int u)
{
	if (inuse[u])
		return -1;
	inuse[u] = 1;
	return u;
}

int get_first_unseen(void)
{
	int i;

	for (i = 0; i < NUNITS; i++)
		if (seen[i] == 0) {
			seen[i] = 1;
			return i;
		}
	return -1;
}

void clear_names(char *buf, int n)
{
	buf[n] = 0;
}

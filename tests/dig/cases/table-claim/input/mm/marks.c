/* Not claims: mark_slot sets the entry its caller names (the index is a parameter);
 * get_first_unseen sets a flag by an index it found, but nothing of the file gives the
 * entry back; clear_name ends a string. */
#define NSLOTS 32

static char marked[NSLOTS];
static char seen[NSLOTS];

int mark_slot(int u)
{
	if (marked[u])
		return -1;
	marked[u] = 1;
	return u;
}

void free_slot(int u)
{
	marked[u] = 0;
}

int get_first_unseen(void)
{
	int i;

	for (i = 0; i < NSLOTS; i++)
		if (seen[i] == 0) {
			seen[i] = 1;
			return i;
		}
	return -1;
}

void clear_name(char *buf, int n)
{
	buf[n] = 0;
}

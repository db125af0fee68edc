/*
 * A fixed pool of 64-byte cells; this file also exists, byte for byte, elsewhere.
 */
static char cells[64][64];
static int next_cell;

void *
cell_alloc(unsigned long size)
{
	if (size > 64 || next_cell == 64)
		return 0;
	return cells[next_cell++];
}

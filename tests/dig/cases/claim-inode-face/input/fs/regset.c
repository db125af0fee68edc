/* A code generator's registers out of a bitmap scanned inline: the set call's map is the
 * handle's field and its index the local it found, never the other way round (the
 * parameter's field is no index), however the words of an error message read. */
#define BT_NBIPUL 64
#define BT_SET(m, i) ((m)[(i) / BT_NBIPUL] |= 1UL << ((i) % BT_NBIPUL))
#define BT_CLEAR(m, i) ((m)[(i) / BT_NBIPUL] &= ~(1UL << ((i) % BT_NBIPUL)))

struct regset {
	unsigned long map[4];
	int size;
};

void cg_error(struct regset *rs, const char *what, int reg);

int
regset_alloc(struct regset *rs)
{
	int reg;

	for (int w = 0; w < 4; w++)
		for (int b = 0; b < BT_NBIPUL; b++)
			if (!(rs->map[w] & (1UL << b))) {
				reg = w * BT_NBIPUL + b;
				BT_SET(rs->map, reg);
				return reg;
			}
	reg = -1;
	cg_error(rs, "no free register", reg);
	return reg;
}

void
regset_free(struct regset *rs, int reg)
{
	BT_CLEAR(rs->map, reg);
}

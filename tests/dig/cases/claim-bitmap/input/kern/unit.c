/* Unit numbers out of a header's bitmap: alloc_unitl finds a clear bit (bit_ffc) and sets
 * it, free_unitl clears the number it is given; alloc_unit and free_unit take the header's
 * mutex around them. alloc_unit passes out the number alloc_unitl returns: a face of the
 * same namespace. */
struct mtx;
struct unrhdr {
	struct mtx *mtx;
	unsigned char *map;
	int len;
	int busy;
};

void bit_ffc(unsigned char *map, int len, int *found);
void bit_set(unsigned char *map, int bit);
void bit_clear(unsigned char *map, int bit);
void mtx_lock(struct mtx *m);
void mtx_unlock(struct mtx *m);

int alloc_unitl(struct unrhdr *uh)
{
	int y;

	bit_ffc(uh->map, uh->len, &y);
	if (y < 0)
		return -1;
	bit_set(uh->map, y);
	uh->busy++;
	return y;
}

int alloc_unit(struct unrhdr *uh)
{
	int i;

	mtx_lock(uh->mtx);
	i = alloc_unitl(uh);
	mtx_unlock(uh->mtx);
	return i;
}

void free_unitl(struct unrhdr *uh, int item)
{
	bit_clear(uh->map, item);
	uh->busy--;
}

void free_unit(struct unrhdr *uh, int item)
{
	mtx_lock(uh->mtx);
	free_unitl(uh, item);
	mtx_unlock(uh->mtx);
}

/* Swap slots: scan_area finds the first zero entry of an area's use-count map and sets it
 * to 1 (a plain write, no set/clear helper); get_slot passes out the number it built from
 * that index, and slot_free counts the entry down. get_slot is the allocator of the
 * namespace, scan_area its helper. */
#define MAKE_ENTRY(type, off) (((off) << 8) | (type))
#define ENTRY_TYPE(e) ((e) & 0xff)
#define ENTRY_OFF(e) ((e) >> 8)

struct area {
	unsigned char *map;
	int lo, hi;
};

struct area areas[8];
int nareas;
int nfree;

static int scan_area(struct area *a)
{
	int off;

	for (off = a->lo; off <= a->hi; off++) {
		if (a->map[off])
			continue;
		a->map[off] = 1;
		nfree--;
		return off;
	}
	return 0;
}

unsigned long get_slot(void)
{
	int type, off;

	for (type = 0; type < nareas; type++) {
		off = scan_area(&areas[type]);
		if (off)
			return MAKE_ENTRY(type, off);
	}
	return 0;
}

void slot_free(unsigned long entry)
{
	struct area *p = &areas[ENTRY_TYPE(entry)];
	int off = ENTRY_OFF(entry);

	if (!--p->map[off])
		nfree++;
}

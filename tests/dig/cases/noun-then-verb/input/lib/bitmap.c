/* A general bitmap: runs of bits searched and flipped for any caller. */
#define BITMAP_ERROR ((size_t)-1)

typedef unsigned long size_t;

struct bitmap {
	unsigned long bit_cnt;
	unsigned char *bits;
};

static int bitmap_test(const struct bitmap *b, unsigned long i)
{
	return (b->bits[i / 8] >> (i % 8)) & 1;
}

void bitmap_set_multiple(struct bitmap *b, unsigned long start, unsigned long cnt, int value)
{
	unsigned long i;

	for (i = start; i < start + cnt; i++) {
		if (value)
			b->bits[i / 8] |= (unsigned char)(1u << (i % 8));
		else
			b->bits[i / 8] &= (unsigned char)~(1u << (i % 8));
	}
}

size_t bitmap_scan_and_flip(struct bitmap *b, unsigned long start, unsigned long cnt, int value)
{
	unsigned long i, j;

	for (i = start; i + cnt <= b->bit_cnt; i++) {
		for (j = 0; j < cnt && bitmap_test(b, i + j) == value; j++)
			;
		if (j == cnt) {
			bitmap_set_multiple(b, i, cnt, !value);
			return i;
		}
	}
	return BITMAP_ERROR;
}

/*
 * tests/malloc/test_malloc_sbrk.c: the legacy morecore mode. Run with
 * STRATA_PAGE_SOURCE=sbrk: malloc's memory then comes from the program break, and the
 * program's own sbrk() use in between must coexist with it (neither overwrites the other).
 * This program links libstrata.a, so no other malloc moves the break.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

#define BLOCKS 300

/* Whether [p, p + n) and [q, q + m) overlap. */
static int overlap(const void *p, size_t n, const void *q, size_t m)
{
	uintptr_t a = (uintptr_t)p, b = (uintptr_t)q;
	return a < b + m && b < a + n;
}

/* Entry: allocate around the program's own sbrk() calls and check both sides. */
int main(void)
{
	char *brk0 = sbrk(0);
	static char *blocks[BLOCKS];
	static size_t sizes[BLOCKS];
	char *mine[4];
	size_t mine_len = 3 * 4096 + 100;
	int bad = 0;

	for (int i = 0; i < BLOCKS; i++) {
		if (i % 75 == 0) {
			mine[i / 75] = sbrk((intptr_t)mine_len);   /* the program's own break use */
			CHECK(mine[i / 75] != (void *)-1);
			memset(mine[i / 75], 'A' + i / 75, mine_len);
		}
		sizes[i] = (size_t)(i % 3 == 0 ? 40000 + i * 100 : 16 + i * 7);
		blocks[i] = malloc(sizes[i]);
		if (blocks[i] == NULL) {
			bad++;
			continue;
		}
		memset(blocks[i], i & 0xff, sizes[i]);
	}
	CHECK_EQ(bad, 0);
	char *brk1 = sbrk(0);
	CHECK_MSG(brk1 > brk0 + 4 * mine_len, "the break moved by %ld only: malloc is not on sbrk",
	          (long)(brk1 - brk0));
	int inside = 0, overlaps = 0, damaged = 0;
	for (int i = 0; i < BLOCKS; i++) {
		if (blocks[i] == NULL)
			continue;
		inside += blocks[i] >= brk0 && blocks[i] < brk1;
		for (int k = 0; k < 4; k++)
			overlaps += overlap(blocks[i], sizes[i], mine[k], mine_len);
		for (size_t j = 0; j < sizes[i]; j += 97)
			damaged += (unsigned char)blocks[i][j] != (i & 0xff);
	}
	CHECK_MSG(inside == BLOCKS, "%d of %d blocks inside the break area", inside, BLOCKS);
	CHECK_EQ(overlaps, 0);
	CHECK_EQ(damaged, 0);
	for (int k = 0; k < 4; k++) {
		int wrong = 0;
		for (size_t j = 0; j < mine_len; j++)
			wrong += mine[k][j] != 'A' + k;
		CHECK_EQ(wrong, 0);
	}
	for (int i = 0; i < BLOCKS; i++)
		free(blocks[i]);
	void *again = malloc(100000);
	CHECK(again != NULL);
	free(again);
	return check_done();
}

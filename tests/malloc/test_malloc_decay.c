/*
 * tests/malloc/test_malloc_decay.c: freed memory goes back to the system by time decay.
 *
 * Usage: test_malloc_decay on     with STRATA_PURGE_DECAY=20: ~3 MiB of freed small
 *                                 blocks, below the size cap, leave the resident set
 *                                 once the program keeps calling malloc for a while
 *        test_malloc_decay off    with STRATA_PURGE_DECAY=-1: the same memory stays
 *
 * Nothing asserts on time: "a while" is up to 500 rounds of a 10 ms sleep and one
 * large malloc/free (the slow path that runs the decay check), stopping as soon as the
 * resident set dropped; the off case runs 30 rounds and expects no drop.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

#define BLOCK 1024
#define COUNT 3072   /* 3 MiB: below the engine's 4 MiB floor of its purge cap */

/* Resident set size in KiB (/proc/self/statm), -1 when unreadable. */
static long rss_kb(void)
{
	long pages = -1, resident = -1;
	FILE *f = fopen("/proc/self/statm", "r");
	if (!f)
		return -1;
	if (fscanf(f, "%ld %ld", &pages, &resident) != 2)
		resident = -1;
	fclose(f);
	return resident < 0 ? -1 : resident * (sysconf(_SC_PAGESIZE) / 1024);
}

/* One round: a short sleep, then a large block through the engine's page path. */
static void poke(void)
{
	struct timespec ts = { 0, 10 * 1000 * 1000 };
	nanosleep(&ts, NULL);
	char *p = malloc(100000);
	if (p)
		p[0] = 1;
	free(p);
}

/* Entry: allocate, touch and free ~3 MiB, then watch the resident set. */
int main(int argc, char **argv)
{
	int on = argc > 1 && strcmp(argv[1], "on") == 0;
	static char *blocks[COUNT];

	poke();
	for (int i = 0; i < COUNT; i++) {
		blocks[i] = malloc(BLOCK);
		CHECK(blocks[i] != NULL);
		if (blocks[i])
			memset(blocks[i], 0x5a, BLOCK);
	}
	long full = rss_kb();
	for (int i = 0; i < COUNT; i++)
		free(blocks[i]);
	long freed = rss_kb();
	CHECK(full > 0 && freed > 0);
	/* Nothing purged at once: the units are below the cap (lazy purging). */
	CHECK_MSG(freed > full - 1024, "rss %ld KiB after free, %ld before", freed, full);

	long now = freed;
	int rounds = on ? 500 : 30;
	for (int r = 0; r < rounds && now > freed - 2048; r++) {
		poke();
		now = rss_kb();
	}
	if (on)
		CHECK_MSG(now <= freed - 2048, "rss %ld KiB, %ld KiB right after the frees", now, freed);
	else
		CHECK_MSG(now > freed - 1024, "rss %ld KiB, %ld KiB right after the frees", now, freed);
	return check_done();
}

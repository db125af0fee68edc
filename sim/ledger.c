/*
 * sim/ledger.c: every block the simulated kernel holds, and the checks made on it.
 *
 * The ledger is an interval set: an array of live blocks sorted by address, searched by
 * bisection. Inserting a block checks that it overlaps neither neighbour (so no two live
 * blocks ever share a byte), that its usable size (slab_usable_size) is at least the size
 * asked for, and, when the face promised zeroes, that every byte is zero. Unless the
 * owner keeps its own contents (page tables), it then writes a pattern over the whole
 * requested size, derived from the block's address and a per-block serial number;
 * removing the block verifies the pattern byte for byte (contents preserved, nobody wrote
 * over it) and that the size the caller recomputed matches the size recorded.
 */
#include "sim/sim.h"

#include <stdlib.h>
#include <string.h>

#include "alloc/zone/slab.h"

/* One live block. */
struct sim_block {
	uintptr_t start;     /* first byte */
	size_t size;         /* bytes asked for */
	uint32_t serial;     /* pattern seed, unique per block */
	enum sim_fill fill;  /* who owns the contents */
};

/* The ledger's state. */
static struct sim_ledger {
	struct sim_block *blocks;  /* sorted by start */
	size_t count;              /* live blocks */
	size_t cap;                /* allocated entries */
	uint32_t serial;           /* next serial */
} ledger;

/* Byte i of the pattern of a block with this serial. */
static unsigned char sim_ledger_byte(uint32_t serial, size_t i)
{
	return (unsigned char)((serial * 2654435761u) >> 24 ^ (uint32_t)(i * 131u + (i >> 8)));
}

/* Index of the first block whose start is >= a. */
static size_t sim_ledger_find(uintptr_t a)
{
	size_t lo = 0, hi = ledger.count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ledger.blocks[mid].start < a)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Record a new block after checking it; a block that fails a check is still recorded
 * (so that the later free does not report it twice) unless it overlaps. */
void sim_ledger_insert(void *p, size_t size, enum sim_fill fill, int zeroed, const char *what)
{
	uintptr_t a = (uintptr_t)p;
	size_t extent = size ? size : 1;

	size_t usable = fill == SIM_FILL_SPACE ? size : slab_usable_size(p);
	if (usable < size)
		sim_fail("%s: block %p of %zu bytes has only %zu usable", what, p, size, usable);
	if (zeroed) {
		const unsigned char *b = p;
		for (size_t i = 0; i < size; i++) {
			if (b[i] != 0) {
				sim_fail("%s: block %p promised zeroed has byte %zu = %#x", what, p, i, b[i]);
				break;
			}
		}
	}

	size_t i = sim_ledger_find(a);
	if (i < ledger.count && ledger.blocks[i].start < a + extent) {
		sim_fail("%s: block %p+%zu overlaps live block %p+%zu", what, p, size,
		         (void *)ledger.blocks[i].start, ledger.blocks[i].size);
		return;
	}
	if (i > 0) {
		const struct sim_block *prev = &ledger.blocks[i - 1];
		size_t pext = prev->size ? prev->size : 1;
		if (prev->start + pext > a) {
			sim_fail("%s: block %p+%zu overlaps live block %p+%zu", what, p, size,
			         (void *)prev->start, prev->size);
			return;
		}
	}
	if (ledger.count == ledger.cap) {
		size_t cap = ledger.cap ? ledger.cap * 2 : 1024;
		struct sim_block *nb = realloc(ledger.blocks, cap * sizeof(*nb));
		if (nb == NULL) {
			sim_fail("ledger: out of host memory");
			return;
		}
		ledger.blocks = nb;
		ledger.cap = cap;
	}
	memmove(&ledger.blocks[i + 1], &ledger.blocks[i], (ledger.count - i) * sizeof(ledger.blocks[0]));
	struct sim_block *blk = &ledger.blocks[i];
	blk->start = a;
	blk->size = size;
	blk->serial = ledger.serial++;
	blk->fill = fill;
	ledger.count++;

	if (fill != SIM_FILL_OWNER) {
		unsigned char *b = p;
		for (size_t k = 0; k < size; k++)
			b[k] = sim_ledger_byte(blk->serial, k);
	}
}

/* Verify a block's pattern and recorded size, then forget it. */
void sim_ledger_remove(void *p, size_t size, const char *what)
{
	uintptr_t a = (uintptr_t)p;
	size_t i = sim_ledger_find(a);

	if (i == ledger.count || ledger.blocks[i].start != a) {
		sim_fail("%s: freeing %p, which is not a live block", what, p);
		return;
	}
	struct sim_block blk = ledger.blocks[i];
	if (blk.size != size)
		sim_fail("%s: freeing %p with size %zu, allocated as %zu", what, p, size, blk.size);
	if (blk.fill != SIM_FILL_OWNER) {
		const unsigned char *b = p;
		for (size_t k = 0; k < blk.size; k++) {
			if (b[k] != sim_ledger_byte(blk.serial, k)) {
				sim_fail("%s: block %p+%zu: byte %zu changed (%#x, expected %#x)", what, p,
				         blk.size, k, b[k], sim_ledger_byte(blk.serial, k));
				break;
			}
		}
	}
	sim.checked++;
	memmove(&ledger.blocks[i], &ledger.blocks[i + 1], (ledger.count - i - 1) * sizeof(ledger.blocks[0]));
	ledger.count--;
}

/* Flip one byte of the middle pattern-filled live block (the --corrupt self-test: the
 * ledger must then report it when that block is freed). Returns 0, or -1 when no block
 * qualifies. */
int sim_ledger_corrupt(void)
{
	for (size_t k = 0; k < ledger.count; k++) {
		struct sim_block *b = &ledger.blocks[(ledger.count / 2 + k) % ledger.count];
		if (b->fill == SIM_FILL_PATTERN && b->size > 0) {
			((unsigned char *)b->start)[b->size / 2] ^= 0x5a;
			return 0;
		}
	}
	return -1;
}

/* Blocks still live (0 after every subsystem stopped). */
size_t sim_ledger_live(void)
{
	return ledger.count;
}

/* Drop the ledger's own memory. */
void sim_ledger_fini(void)
{
	free(ledger.blocks);
	ledger.blocks = NULL;
	ledger.count = ledger.cap = 0;
}

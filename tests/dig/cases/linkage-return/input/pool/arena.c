#include <stdlib.h>
#include "arena.h"

struct block {
	struct block *next;
	char *avail, *end;
};

struct arena {
	struct block *blocks;
};

static struct block *spare;   /* blocks given back by arena_reset, reused before malloc */

static struct block *block_new(lib_size size)
{
	struct block *b = spare;
	if (b && (lib_size)(b->end - (char *)(b + 1)) >= size) {
		spare = b->next;
		b->avail = (char *)(b + 1);
		return b;
	}
	b = malloc(sizeof *b + size + 4096);
	if (!b)
		return NULL;
	b->avail = (char *)(b + 1);
	b->end = b->avail + size + 4096;
	return b;
}

LIB_EXPORT(void *) arena_alloc(arena *a, lib_size size)
{
	struct block *b = a->blocks;
	void *p;
	size = (size + 7) & ~(lib_size)7;
	if (!b || (lib_size)(b->end - b->avail) < size) {
		b = block_new(size);
		if (!b)
			return NULL;
		b->next = a->blocks;
		a->blocks = b;
	}
	p = b->avail;
	b->avail += size;
	return p;
}

LIB_EXPORT(void) arena_reset(arena *a)
{
	struct block *b;
	while ((b = a->blocks) != NULL) {
		a->blocks = b->next;
		b->next = spare;
		spare = b;
	}
}

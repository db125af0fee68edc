/* Not a wrapper either: binalloc bumps pos through the current bin, a region it keeps in
 * *bin across calls; mkbin (over malloc) only starts a new bin when this one is full, and
 * binfree gives every bin back at once. */
#include <stddef.h>
void *malloc(size_t size);
void free(void *p);

typedef struct Bin Bin;
struct Bin {
	Bin *next;
	unsigned long pos, end;
	unsigned char body[8192];
};

static Bin *
mkbin(Bin *bin, unsigned long size)
{
	Bin *b;
	size = (size + 8191) & ~8191UL;
	b = malloc(sizeof(Bin) + size - 8192);
	if (b == NULL)
		return NULL;
	b->next = bin;
	b->pos = (unsigned long)b->body;
	b->end = b->pos + size;
	return b;
}

void *
binalloc(Bin **bin, unsigned long size)
{
	Bin *b;
	unsigned long p;
	b = *bin;
	if (b == NULL) {
		b = mkbin(NULL, size);
		if (b == NULL)
			return NULL;
		*bin = b;
	}
	p = (b->pos + 7) & ~7UL;
	if (p + size > b->end) {
		b = mkbin(b, size);
		if (b == NULL)
			return NULL;
		*bin = b;
		p = b->pos;
	}
	b->pos = p + size;
	return (void *)p;
}

void
binfree(Bin **bin)
{
	Bin *last;
	while (*bin != NULL) {
		last = *bin;
		*bin = (*bin)->next;
		free(last);
	}
}

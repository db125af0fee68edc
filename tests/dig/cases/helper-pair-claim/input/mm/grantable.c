#include <stddef.h>
#include <stdint.h>

struct gran {
	uintptr_t start;
	unsigned log2gran;
	size_t ngranules;
	uint32_t map[64];
};

int gran_search(const struct gran *gran, size_t n)
{
	size_t run = 0;
	for (size_t i = 0; i < gran->ngranules; i++) {
		run = (gran->map[i / 32] & (1u << (i % 32))) ? 0 : run + 1;
		if (run == n)
			return (int)(i + 1 - n);
	}
	return -1;
}

void gran_mark_set(struct gran *gran, int pos, size_t n)
{
	for (size_t i = (size_t)pos; i < (size_t)pos + n; i++)
		gran->map[i / 32] |= 1u << (i % 32);
}

void gran_mark_clear(struct gran *gran, int pos, size_t n)
{
	for (size_t i = (size_t)pos; i < (size_t)pos + n; i++)
		gran->map[i / 32] &= ~(1u << (i % 32));
}

/* Granules of a region: a run of free granules found in a bitmap, marked by gran_mark_set,
 * handed out as an address; the release clears them with the pair's other half. */
#include <stddef.h>
#include <stdint.h>

struct gran {
	uintptr_t start;
	unsigned log2gran;
	size_t ngranules;
	uint32_t map[64];
};

int gran_search(const struct gran *gran, size_t n);
void gran_mark_set(struct gran *gran, int pos, size_t n);
void gran_mark_clear(struct gran *gran, int pos, size_t n);

void *gran_alloc(void *handle, size_t size)
{
	struct gran *gran = handle;
	size_t ngran = (size + (1u << gran->log2gran) - 1) >> gran->log2gran;
	int posi;
	if (ngran == 0 || ngran > gran->ngranules)
		return NULL;
	posi = gran_search(gran, ngran);
	if (posi < 0)
		return NULL;
	gran_mark_set(gran, posi, ngran);
	return (void *)(gran->start + ((uintptr_t)posi << gran->log2gran));
}

void gran_free(void *handle, void *mem, size_t size)
{
	struct gran *gran = handle;
	size_t ngran = (size + (1u << gran->log2gran) - 1) >> gran->log2gran;
	int posi = (int)(((uintptr_t)mem - gran->start) >> gran->log2gran);
	gran_mark_clear(gran, posi, ngran);
}

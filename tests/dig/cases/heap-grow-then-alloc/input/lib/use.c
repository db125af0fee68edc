#include <stddef.h>
struct heap;
struct fb;
void *heap_alloc(struct heap *heap, size_t size);
void heap_free(struct heap *heap, void *p);
void *heap_extend_via_break(struct heap *heap, size_t alloc_size);
void *fb_map_window(struct fb *fb, size_t len);

void *get_mem(struct heap *h, size_t n)
{
	void *p = heap_alloc(h, n);
	if (!p)
		p = heap_extend_via_break(h, n);
	return p;
}

void *show(struct fb *fb)
{
	return fb_map_window(fb, 4096);
}

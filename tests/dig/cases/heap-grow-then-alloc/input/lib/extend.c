/* The heap's extend handler: a new area from the program break, added to the heap, then the
 * request allocated from it; the break given back when the area cannot be added. */
#include <stddef.h>

struct heap;
void *sbrk(long increment);
void *mmap(void *addr, size_t length, int prot, int flags, int fd, long offset);
int heap_add_area(struct heap *heap, void *begin, size_t size);
void *heap_alloc(struct heap *heap, size_t size);

static long extend_amount = 4096;

void *heap_extend_via_break(struct heap *heap, size_t alloc_size)
{
	long amount = ((long)alloc_size + extend_amount - 1) / extend_amount * extend_amount;
	void *area = sbrk(amount);
	void *p = NULL;

	if (area == (void *)-1)
		return NULL;
	if (heap_add_area(heap, area, (size_t)amount))
		p = heap_alloc(heap, alloc_size);
	else
		sbrk(-amount);
	return p;
}

struct fb {
	void *base;
	int id;
};

void *fb_window(struct fb *fb, size_t len);

/* maps a device's window and returns what the device makes of it: the size goes to the
 * mapping only, nothing is allocated from a heap the handle names */
void *fb_map_window(struct fb *fb, size_t len)
{
	fb->base = mmap(NULL, len, 3, 1, fb->id, 0);
	return fb_window(fb, 0);
}

/* a first-fit heap worked through its handle; the inline face hands the handle on to the
 * aligned allocator, which carves the block it found with a helper of another file that
 * takes the same handle (its value is not what the heap hands out) */
struct block {
	struct block *next;
	unsigned long size;
};

struct heap {
	struct block *free;
	unsigned long used;
};

void *heap_allocate_aligned(struct heap *heap, unsigned long size, unsigned long align);
void heap_free(struct heap *heap, void *p);
struct block *region_allocate(struct heap *heap, unsigned long size);
struct block *block_allocate(struct heap *heap, struct block *b, unsigned long size);

static inline void *heap_allocate(struct heap *heap, unsigned long size)
{
	return heap_allocate_aligned(heap, size, 0);
}

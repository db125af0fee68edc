/* The kernel's general allocator: size classes kept on free lists, refilled from the heap
 * arena; large requests go to the arena directly. */
typedef struct vmem vmem_t;
void *vmem_alloc(vmem_t *vmp, unsigned long size, int vmflag);
void vmem_free(vmem_t *vmp, void *addr, unsigned long size);
extern vmem_t *heap_arena;

struct kmem_buf {
	struct kmem_buf *next;
};

static struct kmem_buf *kmem_freelist[8];

void *kmem_alloc(unsigned long size, int kmflag)
{
	int c = size <= 16 ? 0 : size <= 32 ? 1 : size <= 64 ? 2 : size <= 128 ? 3 : 8;
	struct kmem_buf *b;
	if (c == 8)
		return vmem_alloc(heap_arena, size, kmflag);
	if ((b = kmem_freelist[c]) != 0) {
		kmem_freelist[c] = b->next;
		return b;
	}
	return vmem_alloc(heap_arena, 16ul << c, kmflag);
}

void kmem_free(void *buf, unsigned long size)
{
	int c = size <= 16 ? 0 : size <= 32 ? 1 : size <= 64 ? 2 : size <= 128 ? 3 : 8;
	struct kmem_buf *b = buf;
	if (c == 8) {
		vmem_free(heap_arena, buf, size);
		return;
	}
	b->next = kmem_freelist[c];
	kmem_freelist[c] = b;
}

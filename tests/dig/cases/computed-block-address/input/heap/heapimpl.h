/* The heap's inline arithmetic: a block's header from the address handed out. */
#include <stdint.h>
#include <stddef.h>

#define HEAP_HEADER_SIZE 16

struct heap_block {
	uintptr_t size;
	struct heap_block *next;
};

struct heap {
	struct heap_block *free_list;
	uintptr_t page_size;
};

static inline uintptr_t heap_align_down(uintptr_t value, uintptr_t alignment)
{
	return value - (value % alignment);
}

static inline struct heap_block *heap_block_of_alloc_area(uintptr_t alloc_begin, uintptr_t page_size)
{
	return (struct heap_block *)(heap_align_down(alloc_begin, page_size) -
	                             HEAP_HEADER_SIZE);
}

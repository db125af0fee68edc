/* The kernel's malloc takes a type and flags; the macro routes it to the allocator. */
void *kern_malloc(unsigned long size, int flags);
void kern_free(void *addr);
#define malloc(size, type, flags) kern_malloc((size), (flags))
#define free(addr, type) kern_free(addr)
